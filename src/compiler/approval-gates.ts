// Which steps wait for approval, and why (engine.md §3, DECISIONS D2, D7). Decided at compile time: the answer
// depends only on the SOP and the step's position. Pure: no IO, no clock.
import type { ExecutionMode, Priority, Sop, Step } from "./sop.ts";

/**
 * Why a step waits: `confirmation` for `requires_confirmation: true`, `mode` for the execution mode. D7 needs the
 * difference: a confirmation wait is never auto-approved on timeout.
 */
export type ApprovalGate = "confirmation" | "mode";

/**
 * Decides whether a step waits for approval (engine.md §3, first match wins); undefined means ExecuteStep.
 * `isFirstStep` is position 1 in the SOP, never "the written number is 1" (D2).
 */
export function needsApproval(
  sop: { readonly executionMode: ExecutionMode; readonly priority: Priority },
  step: Pick<Step, "requiresConfirmation">,
  isFirstStep: boolean,
): ApprovalGate | undefined {
  if (step.requiresConfirmation) return "confirmation";
  switch (sop.executionMode) {
    case "auto":
      return undefined;
    case "supervised":
      return isFirstStep ? "mode" : undefined;
    case "step_by_step":
      return "mode";
    case "priority_based":
      if (sop.priority === "critical" || sop.priority === "high") return undefined;
      return isFirstStep ? "mode" : undefined; // normal/low behave as supervised
  }
}

/** The approval decision for every step, indexed by position − 1 (the run's `current_step` − 1). */
export function approvalGates(sop: Sop): readonly (ApprovalGate | undefined)[] {
  return sop.steps.map((step, index) => needsApproval(sop, step, index === 0));
}
