// Test helpers for the metrics suites: finished runs, audit records and a clock the test moves by hand.
import type { Metrics } from "../../src/actors/metrics.ts";
import { formatTimestamp } from "../../src/actors/timestamp.ts";
import type { Run, RunStatus, StepStatus } from "../../src/actors/run-record.ts";
import type { AuditRecord } from "../../src/actors/metrics-warm-start.ts";

/** 2026-02-19T12:00:00Z, a whole second, so formatted timestamps read back exactly. */
export const T0 = Date.UTC(2026, 1, 19, 12, 0, 0);
export const SECOND = 1000;
export const DAY = 86_400_000;

/** A clock whose "now" the test sets. */
export interface ManualClock {
  at: number;
  now(): number;
}

export function manualClock(at = T0): ManualClock {
  return { at, now() { return this.at; } };
}

export interface RunOptions {
  readonly id?: string;
  readonly sop?: string;
  readonly status?: RunStatus;
  /** Epoch ms, a timestamp text, or null; defaults to T0. */
  readonly completedAt?: number | string | null;
  readonly steps?: readonly StepStatus[];
  readonly total?: number;
}

/** A run as the engine hands it to `recordRunComplete`; completed with no steps unless told otherwise. */
export function run(options: RunOptions = {}): Run {
  const completed = options.completedAt === undefined ? T0 : options.completedAt;
  const steps = options.steps ?? [];
  return {
    run_id: options.id ?? "run-1795682690296-0001",
    sop_name: options.sop ?? "deploy",
    trigger_event: { source: "manual", topic: null, payload: null, timestamp: formatTimestamp(T0) },
    status: options.status ?? "completed",
    current_step: Math.max(steps.length, 1),
    total_steps: options.total ?? steps.length,
    started_at: formatTimestamp(T0),
    completed_at: typeof completed === "number" ? formatTimestamp(completed) : completed,
    step_results: steps.map((status, i) => ({
      step_number: i + 1, status, output: "ok", started_at: formatTimestamp(T0), completed_at: formatTimestamp(T0),
    })),
    waiting_since: null,
  };
}

/** An audit record holding a run's pretty JSON under `{prefix}{run_id}{suffix}` (engine.md §8). */
export function record(prefix: string, r: Run, suffix = ""): AuditRecord {
  return { key: `${prefix}${r.run_id}${suffix}`, content: JSON.stringify(r, null, 2) };
}

/** deploy: one run of each outcome, two human approvals on the completed one, one timeout approval on the failed. */
export function threeRuns(metrics: Pick<Metrics, "recordApproval" | "recordTimeoutAutoApprove" | "recordRunComplete">)
  : void {
  metrics.recordApproval("deploy", "r1");
  metrics.recordApproval("deploy", "r1");
  metrics.recordTimeoutAutoApprove("deploy", "r2");
  metrics.recordRunComplete(run({ id: "r1", steps: ["completed", "completed", "failed"], total: 4 }));
  metrics.recordRunComplete(run({ id: "r2", status: "failed", steps: ["completed", "skipped"], total: 3 }));
  metrics.recordRunComplete(run({ id: "r3", status: "cancelled", total: 2 }));
}
