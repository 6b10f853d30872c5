// Approval timeouts on every scheduler tick (engine.md §4.2, D7): auto-approve a mode wait of a critical/high SOP,
// never a `requires_confirmation` wait; escalate what keeps waiting; or cancel, as `approval_timeout_action` says.
import type { Priority } from "../compiler/sop.ts";
import type { Engine } from "./engine.ts";
import type { Action } from "./engine-types.ts";
import type { StoredRun } from "./store.ts";

/** What the tick did to one timed-out wait. */
export type TimeoutOutcome =
  | { readonly kind: "auto_approved"; readonly runId: string; readonly action: Action }
  | { readonly kind: "escalated" | "cancelled"; readonly runId: string };

/** The policy for one timed-out wait, as a pure function of config, priority and the wait's kind. */
export function timeoutDecision(
  action: "auto_approve" | "wait" | "cancel",
  priority: Priority,
  gate: "mode" | "confirmation" | null,
): "approve" | "escalate" | "cancel" {
  if (action === "cancel") return "cancel";
  const urgent = priority === "critical" || priority === "high";
  return action === "auto_approve" && urgent && gate === "mode" ? "approve" : "escalate";
}

/** Handles every active wait whose deadline has passed, once each, in start order; then re-checks the queue. */
export function checkApprovalTimeouts(engine: Engine): TimeoutOutcome[] {
  const now = engine.now();
  const outcomes: TimeoutOutcome[] = [];
  for (const stored of engine.activeRuns()) {
    if (!isDue(stored, now)) continue;
    const runId = stored.run.run_id;
    // A SOP that is no longer loaded counts as normal priority (§4.2).
    const priority = engine.sop(stored.run.sop_name)?.priority ?? "normal";
    const decision = timeoutDecision(engine.config.approvalTimeoutAction, priority, stored.gate);
    if (decision === "cancel") {
      if (engine.cancel(runId).ok) outcomes.push({ kind: "cancelled", runId });
    } else if (decision === "approve") {
      const approved = engine.approveOnTimeout(runId);
      if (approved.ok) outcomes.push({ kind: "auto_approved", runId, action: approved.value });
    } else {
      engine.escalate(runId);
      outcomes.push({ kind: "escalated", runId });
    }
  }
  engine.transaction(() => engine.admitQueued());
  return outcomes;
}

function isDue(stored: StoredRun, now: number): boolean {
  return stored.run.status === "waiting_approval" && stored.escalatedAt === null && stored.deadlineAt !== null &&
    Math.floor(now / 1000) * 1000 >= stored.deadlineAt;
}
