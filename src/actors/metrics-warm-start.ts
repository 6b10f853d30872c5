// Reading audit records back for the metrics warm start (engine.md §7.7, §8): finished runs and approval tallies.
// Pure: no IO, no clock. Content that does not read as a run is skipped, never thrown.
import { triggerTypes } from "../compiler/sop.ts";
import { isFinishedStatus } from "./metric-snapshot.ts";
import type { Run, RunEvent, RunStatus, StepResult, StepStatus } from "./run-record.ts";

/** One audit record as the store lists it: key → pretty run JSON (engine.md §8). */
export interface AuditRecord {
  readonly key: string;
  readonly content: string;
}

/** Approvals seen for one run id, with the SOP name of the first record seen. */
export interface ApprovalTally {
  readonly sopName: string;
  readonly count: number;
}

/** What the warm start needs from the audit records, each map in first-seen order of its run ids. */
export interface WarmStartRecords {
  /** Runs whose status is `completed`, `failed` or `cancelled`, keyed by run id (a later record replaces). */
  readonly finishedRuns: ReadonlyMap<string, Run>;
  readonly approvals: ReadonlyMap<string, ApprovalTally>;
  readonly timeoutApprovals: ReadonlyMap<string, ApprovalTally>;
}

/**
 * Sorts audit records into finished runs and approval tallies (engine.md §7.7): `sop_run_*` keeps finished runs,
 * `sop_approval_*` and `sop_timeout_approve_*` count approvals per run id; other keys and unreadable content are
 * ignored.
 */
export function readAuditRecords(records: readonly AuditRecord[]): WarmStartRecords {
  const finishedRuns = new Map<string, Run>();
  const approvals = new Map<string, ApprovalTally>();
  const timeoutApprovals = new Map<string, ApprovalTally>();
  for (const { key, content } of records) {
    if (typeof key !== "string") continue; // typed callers cannot, but a warm start must never throw
    const tally = key.startsWith("sop_approval_")
      ? approvals
      : key.startsWith("sop_timeout_approve_")
        ? timeoutApprovals
        : undefined;
    if (!key.startsWith("sop_run_") && tally === undefined) continue;
    const run = parseRunJson(content);
    if (run === undefined) continue;
    if (tally === undefined) {
      if (isFinishedStatus(run.status)) finishedRuns.set(run.run_id, run);
      continue;
    }
    const seen = tally.get(run.run_id);
    tally.set(run.run_id, { sopName: seen?.sopName ?? run.sop_name, count: (seen?.count ?? 0) + 1 });
  }
  return { finishedRuns, approvals, timeoutApprovals };
}

/**
 * Reads run JSON as the reference deserialises it (engine.md §1.1): every key required except `completed_at`,
 * `waiting_since` and the event's `topic`/`payload`, which read as null when missing; extra keys are ignored.
 */
export function parseRunJson(content: unknown): Run | undefined {
  if (typeof content !== "string") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (!isObject(json) || !Array.isArray(json.step_results)) return undefined;
  const event = readEvent(json.trigger_event);
  const results = json.step_results.map(readStepResult);
  const { run_id, sop_name, status, current_step, total_steps, started_at } = json;
  if (event === undefined || results.some((r) => r === undefined)) return undefined;
  if (typeof run_id !== "string" || typeof sop_name !== "string" || !isRunStatus(status)) return undefined;
  if (!isUnsigned(current_step) || !isUnsigned(total_steps) || typeof started_at !== "string") return undefined;
  const completedAt = readNullable(json.completed_at);
  const waitingSince = readNullable(json.waiting_since);
  if (completedAt === false || waitingSince === false) return undefined;
  return {
    run_id, sop_name, trigger_event: event, status, current_step, total_steps, started_at, completed_at: completedAt,
    step_results: results as StepResult[], waiting_since: waitingSince,
  };
}

function readEvent(value: unknown): RunEvent | undefined {
  if (!isObject(value)) return undefined;
  const { source, timestamp } = value;
  const topic = readNullable(value.topic);
  const payload = readNullable(value.payload);
  if (!(triggerTypes as readonly unknown[]).includes(source) || typeof timestamp !== "string") return undefined;
  if (topic === false || payload === false) return undefined;
  return { source: source as RunEvent["source"], topic, payload, timestamp };
}

function readStepResult(value: unknown): StepResult | undefined {
  if (!isObject(value)) return undefined;
  const { step_number, status, output, started_at } = value;
  const completedAt = readNullable(value.completed_at);
  if (!isUnsigned(step_number) || !isStepStatus(status) || typeof output !== "string") return undefined;
  if (typeof started_at !== "string" || completedAt === false) return undefined;
  return { step_number, status, output, started_at, completed_at: completedAt };
}

/** A string, or null for null or a missing key; `false` for any other type. */
function readNullable(value: unknown): string | null | false {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isUnsigned(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isRunStatus(value: unknown): value is RunStatus {
  return ["pending", "running", "waiting_approval", "completed", "failed", "cancelled"].includes(value as string);
}

function isStepStatus(value: unknown): value is StepStatus {
  return value === "completed" || value === "failed" || value === "skipped";
}
