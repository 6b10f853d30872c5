// The run actor: a SOP's compiled machine given its actions, so the machine's context is the run record
// (engine.md §1.1, §1.5). Pure: every event carries its time `at` (epoch ms); nothing here reads the clock.
import { assign, setup, type SnapshotFrom } from "xstate";
import type { ApprovalGate } from "../compiler/approval-gates.ts";
import type { RunMachineConfig, runEvents } from "../compiler/run-machine.ts";
import type { FinishedStatus, Run, StepResult } from "./run-record.ts";
import { formatTimestamp } from "./timestamp.ts";

/** The run record plus what a durable approval wait needs (D7). */
export interface RunContext {
  readonly run: Run;
  readonly deadlineAt: number | null;
  readonly escalatedAt: string | null;
  readonly gate: ApprovalGate | null;
  /** Seconds until a wait times out; 0 = never (config `approval_timeout_secs`). */
  readonly approvalTimeoutSecs: number;
}

/** Events a run actor accepts; each carries the time IO stamped on it. */
// Typed from the compiler's event names, so the machine config and the events sent to it cannot drift apart.
export type RunActorEvent =
  | { readonly type: (typeof runEvents)["approved" | "escalated" | "cancelled"]; readonly at: number }
  | {
    readonly type: (typeof runEvents)["completed" | "skipped" | "failed"];
    readonly at: number;
    readonly result: StepResult;
  };

/** What a run actor starts from: the new record (status running, step 1) and the time of the start. */
export interface RunActorInput {
  readonly run: Run;
  readonly at: number;
  readonly approvalTimeoutSecs: number;
}

/** The event time: the init event carries the start time in its input. */
function timeOf(event: { type: string; at?: number; input?: RunActorInput }): number {
  return event.at ?? event.input?.at ?? 0;
}

const runSetup = setup({
  types: {} as { context: RunContext; events: RunActorEvent; input: RunActorInput },
  actions: {
    enterStep: assign(({ context }, params: { position: number }) => ({
      run: { ...context.run, status: "running" as const, current_step: params.position },
    })),
    beginWait: assign(({ context, event }, params: { gate: ApprovalGate; position: number }) => {
      const at = timeOf(event);
      const timeout = context.approvalTimeoutSecs;
      const run = { ...context.run, current_step: params.position };
      return {
        run: { ...run, status: "waiting_approval" as const, waiting_since: formatTimestamp(at) },
        deadlineAt: timeout > 0 ? Math.floor(at / 1000) * 1000 + timeout * 1000 : null,
        escalatedAt: null,
        gate: params.gate,
      };
    }),
    endWait: assign(({ context }) => ({
      run: { ...context.run, status: "running" as const, waiting_since: null },
      deadlineAt: null,
      escalatedAt: null,
      gate: null,
    })),
    escalate: assign(({ context, event }) => ({ escalatedAt: context.escalatedAt ?? formatTimestamp(timeOf(event)) })),
    recordResult: assign(({ context, event }) => {
      if (!("result" in event)) return {};
      return { run: { ...context.run, step_results: [...context.run.step_results, event.result] } };
    }),
    // A finished run keeps its waiting_since (engine.md §1.5) but no longer has a deadline or escalation.
    finish: assign(({ context, event }, params: { status: FinishedStatus }) => ({
      run: { ...context.run, status: params.status, completed_at: formatTimestamp(timeOf(event)) },
      deadlineAt: null,
      escalatedAt: null,
      gate: null,
    })),
  },
});

/** The actor logic of one SOP's runs: the compiled config with the run-record actions supplied. */
export function createRunLogic(config: RunMachineConfig) {
  return runSetup.createMachine({
    ...(config as unknown as Parameters<typeof runSetup.createMachine>[0]),
    context: ({ input }) => ({
      run: input.run,
      deadlineAt: null,
      escalatedAt: null,
      gate: null,
      approvalTimeoutSecs: input.approvalTimeoutSecs,
    }),
  });
}

/** The run actor logic type. */
export type RunLogic = ReturnType<typeof createRunLogic>;
/** A run actor's snapshot. */
export type RunSnapshot = SnapshotFrom<RunLogic>;
