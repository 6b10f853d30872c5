// A SOP compiled into its run state machine: one state per step, an approval gate state exactly where the
// execution mode, priority and `requires_confirmation` put one (engine.md §3, D2, D7, D14). Pure JSON config:
// `createMachine()` accepts it, the Stately visualizer imports it, and actors/ supplies the named actions.
import { approvalGates, type ApprovalGate } from "./approval-gates.ts";
import type { Sop } from "./sop.ts";

/** What a state stands for, kept in its `meta` so tools, graphs and inspectors can read it. */
export interface StateMeta {
  readonly position?: number;
  readonly number?: number;
  readonly title?: string;
  readonly gate?: ApprovalGate;
}

/** A named action, implemented by the run actor (src/actors/run-actor.ts); params are plain JSON. */
export type ActionRef = string | { readonly type: string; readonly params: Readonly<Record<string, string | number>> };

/** One transition: a target state (none: stay) and the named actions run on the way. */
export interface TransitionConfig {
  readonly target?: string;
  readonly actions?: readonly ActionRef[];
}

/** A state node of the run machine. */
export interface StateConfig {
  readonly description: string;
  readonly type?: "final";
  readonly entry?: readonly ActionRef[];
  readonly on?: Readonly<Record<string, TransitionConfig>>;
  readonly meta: StateMeta;
  readonly tags?: readonly string[];
}

/** The machine config as JSON (INTERFACES.md `sop graph --format xstate`). */
export interface RunMachineConfig {
  readonly id: string;
  readonly description: string;
  readonly initial: string;
  readonly states: Readonly<Record<string, StateConfig>>;
}

/** Events a run machine accepts; dotted lowercase `noun.pastTense` (STYLE.md §8). */
export const runEvents = {
  approved: "run.approved",
  escalated: "run.escalated",
  completed: "step.completed",
  skipped: "step.skipped",
  failed: "step.failed",
  cancelled: "run.cancelled",
} as const;

/** The state a run is in while it waits before the step at `position` (1-based). */
function approvalState(position: number): string {
  return `step_${position}_approval`;
}

/** The state a run is in while the step at `position` (1-based) is being executed. */
function stepState(position: number): string {
  return `step_${position}`;
}

/** Compiles a SOP into its run machine config. A SOP without steps compiles to a machine that only fails. */
export function compileRunMachine(sop: Sop): RunMachineConfig {
  const gates = approvalGates(sop);
  const entryOf = (position: number): string =>
    gates[position - 1] === undefined ? stepState(position) : approvalState(position);
  const cancel: TransitionConfig = { target: "cancelled" };
  const states: Record<string, StateConfig> = {};
  sop.steps.forEach((step, index) => {
    const position = index + 1;
    const gate = gates[index];
    const meta = { position, number: step.number, title: step.title };
    if (gate !== undefined) {
      states[approvalState(position)] = {
        description: `Waiting for approval (${gate}) before step ${step.number}: ${step.title}`,
        entry: [{ type: "beginWait", params: { gate, position } }],
        on: {
          [runEvents.approved]: { target: stepState(position), actions: ["endWait"] },
          [runEvents.escalated]: { actions: ["escalate"] },
          [runEvents.cancelled]: cancel,
        },
        meta: { ...meta, gate },
        tags: ["waiting_approval"],
      };
    }
    const next = position < sop.steps.length ? entryOf(position + 1) : "completed";
    const advance = (target: string): TransitionConfig => ({ target, actions: ["recordResult"] });
    states[stepState(position)] = {
      description: `Step ${step.number}: ${step.title}`,
      entry: [{ type: "enterStep", params: { position } }],
      on: {
        [runEvents.completed]: advance(next),
        [runEvents.skipped]: advance(next),
        [runEvents.failed]: advance("failed"),
        [runEvents.cancelled]: cancel,
      },
      meta,
      tags: ["running"],
    };
  });
  for (const status of ["completed", "failed", "cancelled"] as const) {
    states[status] = {
      description: `Run ${status}`,
      type: "final",
      entry: [{ type: "finish", params: { status } }],
      meta: {},
      tags: [status],
    };
  }
  return {
    id: sop.name,
    description: `${sop.name}: ${sop.executionMode} mode, ${sop.priority} priority`,
    initial: sop.steps.length === 0 ? "failed" : entryOf(1),
    states,
  };
}
