// Admission policy: may a SOP start now, and which queued start goes next (engine.md §2.2–2.4, D8, D9).
// Pure functions of counts, times and config; the engine records and announces what they decide.
import type { Priority, Sop } from "../compiler/sop.ts";
import type { QueuedStart } from "./store.ts";
import { parseTimestampSecs } from "./timestamp.ts";

/** Why a start cannot happen now: capacity (queueable, D8) or cooldown (never queued). */
export type Refusal = "capacity" | "cooldown";

/** Active-run counts; waiting runs hold their slot (D9). */
export interface Occupancy {
  readonly activeOf: (sopName: string) => number;
  readonly total: number;
  readonly maxTotal: number;
}

/** The refusal of §2.2's `can_start`, checked in its order: per-SOP limit, global limit, then cooldown. */
export function startRefusal(sop: Sop, occupancy: Occupancy, lastFinishedAt: string | undefined, nowMs: number)
  : Refusal | undefined {
  if (occupancy.activeOf(sop.name) >= sop.maxConcurrent || occupancy.total >= occupancy.maxTotal) return "capacity";
  return inCooldown(sop, lastFinishedAt, nowMs) ? "cooldown" : undefined;
}

/**
 * Cooldown from the `completed_at` of the SOP's most recently finished run (§2.3): whole seconds, a future finish
 * counts as 0 s elapsed, an unreadable time counts as elapsed.
 */
export function inCooldown(sop: Sop, lastFinishedAt: string | undefined, nowMs: number): boolean {
  if (sop.cooldownSecs <= 0 || lastFinishedAt === undefined) return false;
  const finishedSecs = parseTimestampSecs(lastFinishedAt);
  if (finishedSecs === undefined) return false;
  const elapsed = Math.max(0, Math.floor(nowMs / 1000) - finishedSecs);
  return elapsed < sop.cooldownSecs;
}

/** When the cooldown of a SOP ends, in epoch ms, or undefined when none is running. */
export function cooldownEndsAt(sop: Sop, lastFinishedAt: string | undefined, nowMs: number): number | undefined {
  if (!inCooldown(sop, lastFinishedAt, nowMs) || lastFinishedAt === undefined) return undefined;
  return ((parseTimestampSecs(lastFinishedAt) ?? 0) + sop.cooldownSecs) * 1000;
}

const rank: Readonly<Record<Priority, number>> = { critical: 3, high: 2, normal: 1, low: 0 };

/**
 * The queued start to admit next (§2.4): among starts whose SOP is below its own limit and out of cooldown, the
 * highest priority, then the earliest queued. Undefined when none may start or the global limit is reached.
 */
export function pickQueued(
  queue: Iterable<QueuedStart>,
  sopOf: (name: string) => Sop | undefined,
  occupancy: Occupancy,
  lastFinishedOf: (name: string) => string | undefined,
  nowMs: number,
): QueuedStart | undefined {
  if (occupancy.total >= occupancy.maxTotal) return undefined;
  let best: { entry: QueuedStart; rank: number } | undefined;
  for (const entry of queue) {
    const sop = sopOf(entry.sopName);
    if (sop === undefined || occupancy.activeOf(sop.name) >= sop.maxConcurrent) continue;
    if (inCooldown(sop, lastFinishedOf(sop.name), nowMs)) continue;
    const entryRank = rank[sop.priority];
    if (best === undefined || entryRank > best.rank || (entryRank === best.rank && entry.seq < best.entry.seq)) {
      best = { entry, rank: entryRank };
    }
  }
  return best?.entry;
}
