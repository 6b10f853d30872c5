// Counter sets and the metric formulas (engine.md §7.1, §7.3): all-time counters, the 1000-entry ring of run
// snapshots, windows aggregated from the ring. No IO, no clock: windows take their cutoff (epoch ms) as a parameter.
import type { MetricValue } from "./metric-format.ts";
import type { RunSnapshot } from "./metric-snapshot.ts";

/** Ring capacity, global and per SOP separately (engine.md §7.1): the 1001st push drops the oldest. */
export const RING_CAPACITY = 1000;

/** One day in ms; windows are whole days back from now (engine.md §7.3). */
export const DAY_MS = 86_400_000;

/** Window suffixes in the order they are tested (engine.md §7.3). */
export const WINDOW_SUFFIXES: readonly (readonly [suffix: string, days: number])[] = [
  ["_7d", 7],
  ["_30d", 30],
  ["_90d", 90],
];

/** The all-time counters of a counter set, named and ordered as the snapshot prints them (engine.md §7.6). */
export interface Counters {
  runs_completed: number;
  runs_failed: number;
  runs_cancelled: number;
  steps_executed: number;
  steps_defined: number;
  steps_failed: number;
  steps_skipped: number;
  human_approvals: number;
  timeout_auto_approvals: number;
}

/** A counter set: all-time counters plus the ring of recent run snapshots, oldest first. */
export interface CounterSet {
  readonly counters: Counters;
  readonly ring: RunSnapshot[];
}

/** A counter set with every counter at 0 and an empty ring. */
export function createCounterSet(): CounterSet {
  return { counters: zeroCounters(), ring: [] };
}

/**
 * Applies a finished run to a set (engine.md §7.2 step 4): run and step counters grow and the snapshot is pushed
 * onto the ring. The all-time approval counters do not change; they count approvals when they happen.
 */
export function applySnapshot(set: CounterSet, snapshot: RunSnapshot): void {
  addRun(set.counters, snapshot);
  set.ring.push(snapshot);
  if (set.ring.length > RING_CAPACITY) set.ring.shift();
}

/**
 * Fresh counters from only the ring snapshots with `completedAt >= cutoffMs`, each snapshot's approval counts
 * feeding the approval counters (engine.md §7.3). Undercounts once the ring has dropped runs inside the window.
 */
export function countWindow(ring: readonly RunSnapshot[], cutoffMs: number): Counters {
  const counters = zeroCounters();
  for (const snapshot of ring) {
    if (snapshot.completedAt < cutoffMs) continue;
    addRun(counters, snapshot);
    counters.human_approvals += snapshot.humanApprovalCount;
    counters.timeout_auto_approvals += snapshot.timeoutApprovalCount;
  }
  return counters;
}

/**
 * Resolves `metric`, or `metric` with a `_7d`/`_30d`/`_90d` suffix aggregated from the ring back from `nowMs`,
 * against one set (engine.md §7.3). Undefined for any other name.
 */
export function resolveWithSuffix(set: CounterSet, metric: string, nowMs: number): MetricValue | undefined {
  for (const [suffix, days] of WINDOW_SUFFIXES) {
    if (metric.endsWith(suffix)) {
      return resolveMetric(countWindow(set.ring, nowMs - days * DAY_MS), metric.slice(0, -suffix.length));
    }
  }
  return resolveMetric(set.counters, metric);
}

/** Applies the formula of one metric name (no suffix) to counters (engine.md §7.3 table); undefined if unknown. */
export function resolveMetric(c: Readonly<Counters>, metric: string): MetricValue | undefined {
  switch (metric) {
    case "runs_completed":
      return integer(c.runs_completed);
    case "runs_failed":
      return integer(c.runs_failed);
    case "runs_cancelled":
      return integer(c.runs_cancelled);
    case "deviation_rate":
      return float(c.steps_executed === 0 ? 0 : (c.steps_failed + c.steps_skipped) / c.steps_executed);
    case "protocol_adherence_rate": {
      const adhered = Math.max(0, c.steps_executed - c.steps_failed - c.steps_skipped);
      return float(c.steps_defined === 0 ? 0 : adhered / c.steps_defined);
    }
    case "human_intervention_count":
      return integer(c.human_approvals);
    case "human_intervention_rate":
      return float(c.human_approvals / Math.max(c.runs_completed, 1));
    case "timeout_auto_approvals":
      return integer(c.timeout_auto_approvals);
    case "timeout_approval_rate":
      return float(c.timeout_auto_approvals / Math.max(c.runs_completed, 1));
    case "completion_rate":
      return float(c.runs_completed / Math.max(c.runs_completed + c.runs_failed + c.runs_cancelled, 1));
    default:
      return undefined; // raw step counters are not resolvable; they appear only in the snapshot
  }
}

function zeroCounters(): Counters {
  return {
    runs_completed: 0, runs_failed: 0, runs_cancelled: 0, steps_executed: 0, steps_defined: 0, steps_failed: 0,
    steps_skipped: 0, human_approvals: 0, timeout_auto_approvals: 0,
  };
}

function addRun(counters: Counters, snapshot: RunSnapshot): void {
  if (snapshot.status === "completed") counters.runs_completed += 1;
  else if (snapshot.status === "failed") counters.runs_failed += 1;
  else counters.runs_cancelled += 1;
  counters.steps_executed += snapshot.stepsExecuted;
  counters.steps_defined += snapshot.stepsDefined;
  counters.steps_failed += snapshot.stepsFailed;
  counters.steps_skipped += snapshot.stepsSkipped;
}

function integer(value: number): MetricValue {
  return { kind: "integer", value };
}

function float(value: number): MetricValue {
  return { kind: "float", value };
}
