// Run snapshots: what a finished run contributes to the metrics (engine.md §7.1, §7.2 step 3).
// Pure: no IO, no clock; "now" is passed in for a `completed_at` that cannot be read.
import type { FinishedStatus, Run } from "./run-record.ts";

/** A finished run as the metrics keep it; `completedAt` is epoch ms. */
export interface RunSnapshot {
  readonly completedAt: number;
  readonly status: FinishedStatus;
  readonly stepsExecuted: number;
  readonly stepsDefined: number;
  readonly stepsFailed: number;
  readonly stepsSkipped: number;
  readonly humanApprovalCount: number;
  readonly timeoutApprovalCount: number;
}

/** Approvals attached to a run when it finishes (engine.md §7.2 step 2). */
export interface ApprovalCounts {
  readonly human: number;
  readonly timeout: number;
}

/** True for the statuses of a finished run. */
export function isFinishedStatus(status: string): status is FinishedStatus {
  return status === "completed" || status === "failed" || status === "cancelled";
}

/**
 * Builds the snapshot of a finished run (engine.md §7.2 step 3); undefined for a run that has not finished.
 * Every step result counts as executed, failed and skipped ones included.
 */
export function buildRunSnapshot(run: Run, approvals: ApprovalCounts, nowMs: number): RunSnapshot | undefined {
  const status = run.status;
  if (!isFinishedStatus(status)) return undefined;
  const completedAt = run.completed_at === null ? undefined : readCompletedAtMs(run.completed_at);
  return {
    completedAt: completedAt ?? nowMs,
    status,
    stepsExecuted: run.step_results.length,
    stepsDefined: run.total_steps,
    stepsFailed: run.step_results.filter((r) => r.status === "failed").length,
    stepsSkipped: run.step_results.filter((r) => r.status === "skipped").length,
    humanApprovalCount: approvals.human,
    timeoutApprovalCount: approvals.timeout,
  };
}

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const PLAIN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/**
 * Reads a run's `completed_at` as the reference does (engine.md §7.2 step 3): RFC 3339 first (fraction and offset
 * honoured), then `YYYY-MM-DDTHH:MM:SS` as UTC after removing all trailing `Z`s. Undefined when neither reads.
 */
export function readCompletedAtMs(text: string): number | undefined {
  const rfc = RFC_3339.exec(text);
  if (rfc !== null) {
    const [, y, mo, d, h, mi, s, fraction, zulu, sign, offsetH, offsetM] = rfc;
    const local = civilToEpochMs([y, mo, d, h, mi, s]);
    if (local === undefined) return undefined;
    const fractionMs = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
    if (zulu !== undefined) return local + fractionMs;
    const hours = Number(offsetH);
    const minutes = Number(offsetM);
    if (hours > 23 || minutes > 59) return undefined;
    const offsetMs = (hours * 60 + minutes) * 60_000 * (sign === "-" ? -1 : 1);
    return local + fractionMs - offsetMs;
  }
  const plain = PLAIN.exec(text.replace(/Z+$/, ""));
  if (plain === null) return undefined;
  const [, y, mo, d, h, mi, s] = plain;
  return civilToEpochMs([y, mo, d, h, mi, s]);
}

/** Epoch ms of a proleptic Gregorian UTC date-time given as digit strings; undefined if the date is not real. */
function civilToEpochMs(pieces: readonly (string | undefined)[]): number | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = pieces.map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999. A leap second (60) reads as the next
  // second, which is where chrono's leap-second representation sorts too.
  const midnight = new Date(0).setUTCFullYear(year, month - 1, day);
  if (new Date(midnight).getUTCDate() !== day) return undefined; // February 30 and the like
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000;
}
