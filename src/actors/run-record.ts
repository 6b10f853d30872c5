// The run record: what a run is, as the reference's JSON spells it (engine.md §1.1), and how it is written.
// Pure types and rendering; the run machine's context holds exactly this record.
import type { TriggerSource } from "../compiler/sop.ts";

/** Run statuses; the engine never uses `pending` (kept for compatibility). */
export type RunStatus = "pending" | "running" | "waiting_approval" | "completed" | "failed" | "cancelled";
/** Statuses of a finished run. */
export type FinishedStatus = "completed" | "failed" | "cancelled";
/** Statuses a step result may report. */
export type StepStatus = "completed" | "failed" | "skipped";

/** An event as stored in a run (engine.md §1.1); `timestamp` is `YYYY-MM-DDTHH:MM:SSZ`. */
export interface RunEvent {
  readonly source: TriggerSource;
  readonly topic: string | null;
  readonly payload: string | null;
  readonly timestamp: string;
}

/** One reported step result; `step_number` is the run position the tool recorded. */
export interface StepResult {
  readonly step_number: number;
  readonly status: StepStatus;
  readonly output: string;
  readonly started_at: string;
  readonly completed_at: string | null;
}

/** A run, with the reference's snake_case keys in the reference's order. */
export interface Run {
  readonly run_id: string;
  readonly sop_name: string;
  readonly trigger_event: RunEvent;
  readonly status: RunStatus;
  readonly current_step: number;
  readonly total_steps: number;
  readonly started_at: string;
  readonly completed_at: string | null;
  readonly step_results: readonly StepResult[];
  readonly waiting_since: string | null;
}

/** The run JSON exactly as audit records hold it: reference keys only, in order, 2-space indentation. */
export function renderRunJson(run: Run): string {
  return JSON.stringify(referenceRun(run), null, 2);
}

/** A copy with only the reference keys, in the reference order (extension fields dropped). */
function referenceRun(run: Run): Run {
  const { source, topic, payload, timestamp } = run.trigger_event;
  return {
    run_id: run.run_id,
    sop_name: run.sop_name,
    trigger_event: { source, topic, payload, timestamp },
    status: run.status,
    current_step: run.current_step,
    total_steps: run.total_steps,
    started_at: run.started_at,
    completed_at: run.completed_at,
    step_results: run.step_results.map((r) => ({
      step_number: r.step_number, status: r.status, output: r.output, started_at: r.started_at,
      completed_at: r.completed_at,
    })),
    waiting_since: run.waiting_since,
  };
}
