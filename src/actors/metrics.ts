// The SOP metrics collector (engine.md §7): counter sets global and per SOP, pending approvals, lookup by name, the
// diagnostics snapshot, the warm start from audit records, and the escalation figures of §7.8 (DECISIONS D7).
// No IO: every "now" comes from the injected clock (engine.md §0.2), read once per call.
import {
  applySnapshot, type Counters, type CounterSet, countWindow, createCounterSet, resolveMetric, resolveWithSuffix,
} from "./metric-counters.ts";
import type { MetricValue } from "./metric-format.ts";
import { type ApprovalCounts, buildRunSnapshot, isFinishedStatus, type RunSnapshot } from "./metric-snapshot.ts";
import { type ApprovalTally, type AuditRecord, readAuditRecords } from "./metrics-warm-start.ts";
import type { Run } from "./run-record.ts";

/** Pending approvals older than this are dropped when a run finishes (engine.md §7.2 step 1: 3600 s or more). */
export const PENDING_EXPIRY_MS = 3_600_000;

/** The clock the collector reads "now" from, in epoch ms. */
export interface MetricsClock {
  now(): number;
}

/** One counter set in the snapshot: the all-time counters, then the ring length (engine.md §7.6). */
export type CounterSnapshot = Readonly<Counters> & { readonly recent_runs_depth: number };

/** The diagnostics snapshot, keys in the order of engine.md §7.6; `per_sop` is in first-seen order. */
export interface MetricsSnapshot {
  readonly global: CounterSnapshot;
  readonly per_sop: Readonly<Record<string, CounterSnapshot>>;
  readonly pending_approvals: number;
  readonly pending_timeout_approvals: number;
}

/** Escalation figures of one scope: escalated waits ever counted, and runs escalated right now. */
export interface EscalationCounts {
  readonly escalated_waits: number;
  readonly escalated_now: number;
}

/** Escalation figures for `/metrics` (engine.md §7.8): global, and per SOP that ever had an escalated wait. */
export interface EscalationSnapshot {
  readonly global: EscalationCounts;
  readonly per_sop: Readonly<Record<string, EscalationCounts>>;
}

/** The metrics collector of engine.md §7. */
export interface Metrics {
  /** Records a finished run (§7.2), attaching its pending approvals; a run that has not finished is ignored. */
  recordRunComplete(run: Run): void;
  /** Records a human approval (§7.2): all-time counters now, the pending entry for when the run finishes. */
  recordApproval(sopName: string, runId: string): void;
  /** Records a timeout auto-approval (§7.2), like `recordApproval` for the timeout counters. */
  recordTimeoutAutoApprove(sopName: string, runId: string): void;
  /**
   * Records that a run's wait was marked escalated (§7.8, D7): `escalated_waits` grows by 1, globally and for the
   * SOP, and the run counts as escalated now until its wait ends (an approval, `recordEscalationEnded`, or the run
   * finishing). A second call for a run that is still escalated is ignored: a wait is escalated once.
   */
  recordEscalation(sopName: string, runId: string): void;
  /** Records that a run's escalated wait ended without an approval being recorded here; unknown runs are ignored. */
  recordEscalationEnded(runId: string): void;
  /** Resolves `sop.<metric>` or `sop.<sop_name>.<metric>`, window suffixes included (§7.3, §7.4). */
  lookup(name: string): MetricValue | undefined;
  /** Resolves a name aggregated over the last `windowMs`, without suffix handling (§7.5). */
  lookupWindow(name: string, windowMs: number): MetricValue | undefined;
  /** The diagnostics snapshot (§7.6). */
  snapshot(): MetricsSnapshot;
  /** The escalation figures (§7.8); not part of `snapshot()`, whose keys the reference fixes. */
  escalations(): EscalationSnapshot;
  /**
   * Rebuilds from audit records (§7.7) on top of the current state, meant for a fresh collector; never throws.
   * Audit records carry no escalations: after it, call `recordEscalation` for each active run that is escalated.
   */
  warmStart(records: readonly AuditRecord[]): void;
}

interface Pending {
  readonly at: number;
  readonly count: number;
}

/** Creates an empty collector reading "now" from `clock`. */
export function createMetrics(clock: MetricsClock): Metrics {
  const global = createCounterSet();
  const perSop = new Map<string, CounterSet>();
  const pendingApprovals = new Map<string, Pending>();
  const pendingTimeoutApprovals = new Map<string, Pending>();
  const escalatedWaits = new Map<string, number>(); // SOP name → escalated waits, all time
  const escalatedNow = new Map<string, string>(); // run id → SOP name

  function sopSet(sopName: string): CounterSet {
    let set = perSop.get(sopName);
    if (set === undefined) perSop.set(sopName, (set = createCounterSet()));
    return set;
  }

  function apply(sopName: string, snapshot: RunSnapshot): void {
    applySnapshot(global, snapshot);
    applySnapshot(sopSet(sopName), snapshot);
  }

  /** The longest known SOP name `k` such that `rest` starts with `k.` (§7.4 step 3); no fallback to shorter ones. */
  function longestSopPrefix(rest: string): string | undefined {
    let best: string | undefined;
    for (const name of perSop.keys()) {
      if (rest.startsWith(`${name}.`) && (best === undefined || name.length > best.length)) best = name;
    }
    return best;
  }

  function recordPending(pending: Map<string, Pending>, runId: string, at: number): void {
    pending.set(runId, { at, count: (pending.get(runId)?.count ?? 0) + 1 });
    escalatedNow.delete(runId); // the approval ended the wait, and with it the escalation mark (Resolved details 2)
  }

  return {
    recordRunComplete(run) {
      if (!isFinishedStatus(run.status)) return; // callers pass finished runs only (§7.2); nothing else is touched
      const now = clock.now();
      expire(pendingApprovals, now);
      expire(pendingTimeoutApprovals, now);
      const approvals: ApprovalCounts = {
        human: take(pendingApprovals, run.run_id),
        timeout: take(pendingTimeoutApprovals, run.run_id),
      };
      const snapshot = buildRunSnapshot(run, approvals, now);
      escalatedNow.delete(run.run_id);
      if (snapshot !== undefined) apply(run.sop_name, snapshot);
    },

    recordApproval(sopName, runId) {
      global.counters.human_approvals += 1;
      sopSet(sopName).counters.human_approvals += 1;
      recordPending(pendingApprovals, runId, clock.now());
    },

    recordTimeoutAutoApprove(sopName, runId) {
      global.counters.timeout_auto_approvals += 1;
      sopSet(sopName).counters.timeout_auto_approvals += 1;
      recordPending(pendingTimeoutApprovals, runId, clock.now());
    },

    recordEscalation(sopName, runId) {
      if (escalatedNow.has(runId)) return;
      escalatedNow.set(runId, sopName);
      escalatedWaits.set(sopName, (escalatedWaits.get(sopName) ?? 0) + 1);
    },

    recordEscalationEnded(runId) {
      escalatedNow.delete(runId);
    },

    lookup(name) {
      if (!name.startsWith("sop.")) return undefined;
      const rest = name.slice("sop.".length);
      const now = clock.now();
      const fromGlobal = resolveWithSuffix(global, rest, now); // global first: it shadows a SOP named like a metric
      if (fromGlobal !== undefined) return fromGlobal;
      const sopName = longestSopPrefix(rest);
      const set = sopName === undefined ? undefined : perSop.get(sopName);
      if (sopName === undefined || set === undefined) return undefined;
      return resolveWithSuffix(set, rest.slice(sopName.length + 1), now);
    },

    lookupWindow(name, windowMs) {
      if (!name.startsWith("sop.")) return undefined;
      const rest = name.slice("sop.".length);
      const sopName = rest.includes(".") ? longestSopPrefix(rest) : undefined;
      const set = sopName === undefined ? undefined : perSop.get(sopName);
      const [scope, metric] = sopName === undefined || set === undefined
        ? [global, rest]
        : [set, rest.slice(sopName.length + 1)];
      return resolveMetric(countWindow(scope.ring, clock.now() - windowMs), metric);
    },

    snapshot() {
      return {
        global: counterSnapshot(global),
        per_sop: Object.fromEntries([...perSop].map(([sopName, set]) => [sopName, counterSnapshot(set)])),
        pending_approvals: pendingApprovals.size,
        pending_timeout_approvals: pendingTimeoutApprovals.size,
      };
    },

    escalations() {
      const nowBySop = new Map<string, number>();
      for (const sopName of escalatedNow.values()) nowBySop.set(sopName, (nowBySop.get(sopName) ?? 0) + 1);
      const total = [...escalatedWaits.values()].reduce((sum, count) => sum + count, 0);
      return {
        global: { escalated_waits: total, escalated_now: escalatedNow.size },
        per_sop: Object.fromEntries(
          [...escalatedWaits].map(([sopName, waits]) => [
            sopName,
            { escalated_waits: waits, escalated_now: nowBySop.get(sopName) ?? 0 },
          ]),
        ),
      };
    },

    warmStart(records) {
      const { finishedRuns, approvals, timeoutApprovals } = readAuditRecords(records);
      const now = clock.now();
      const snapshots: { sopName: string; snapshot: RunSnapshot }[] = [];
      for (const [runId, run] of finishedRuns) {
        const counts = { human: approvals.get(runId)?.count ?? 0, timeout: timeoutApprovals.get(runId)?.count ?? 0 };
        const snapshot = buildRunSnapshot(run, counts, now);
        if (snapshot !== undefined) snapshots.push({ sopName: run.sop_name, snapshot });
      }
      // Oldest first, so a ring that overflows keeps the most recent runs (the reference used hash-map order).
      snapshots.sort((a, b) => a.snapshot.completedAt - b.snapshot.completedAt);
      for (const { sopName, snapshot } of snapshots) apply(sopName, snapshot);
      restoreApprovals(approvals, "human_approvals", pendingApprovals);
      restoreApprovals(timeoutApprovals, "timeout_auto_approvals", pendingTimeoutApprovals);

      function restoreApprovals(
        tallies: ReadonlyMap<string, ApprovalTally>,
        counter: "human_approvals" | "timeout_auto_approvals",
        pending: Map<string, Pending>,
      ): void {
        for (const [runId, { sopName, count }] of tallies) {
          global.counters[counter] += count;
          sopSet(sopName).counters[counter] += count;
          // Approvals of runs that have not finished wait for a live finish to attach them (§7.7 step 3).
          if (finishedRuns.has(runId)) continue;
          pending.set(runId, { at: now, count: (pending.get(runId)?.count ?? 0) + count });
        }
      }
    },
  };
}

function expire(pending: Map<string, Pending>, now: number): void {
  for (const [runId, { at }] of pending) if (now - at >= PENDING_EXPIRY_MS) pending.delete(runId);
}

function take(pending: Map<string, Pending>, runId: string): number {
  const count = pending.get(runId)?.count ?? 0;
  pending.delete(runId);
  return count;
}

function counterSnapshot(set: CounterSet): CounterSnapshot {
  return { ...set.counters, recent_runs_depth: set.ring.length };
}
