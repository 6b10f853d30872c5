// The check window of one cron trigger (fan-in.md §6.3, §6.4, D6): each check covers `(last_check, now]` and fires at
// most once, however many occurrences fell in it. Pure: times are epoch ms passed in; nothing reads the clock.
import type { CronSchedule } from "../compiler/cron.ts";

/** A trigger's `last_check` and its first occurrence after it, kept so a quiet check costs one comparison. */
export interface CronWindow {
  readonly lastCheck: number;
  /** The first occurrence strictly after `lastCheck` truncated to the second; undefined when the schedule ended. */
  readonly nextAt: number | undefined;
}

/** A check's outcome: whether the trigger fires now, and the window the next check starts from. */
export interface CronCheck {
  readonly fires: boolean;
  readonly window: CronWindow;
}

/**
 * The `last_check` a trigger starts with at start-up (§6.4): the start time for a new trigger; for a stored one,
 * the start time too, unless `catchUp` keeps the stored time so that the first check covers the downtime and fires
 * at most once for it. A stored time after the start time (the wall clock went back) is kept: see `checkWindow`.
 */
export function startingCheck(stored: number | undefined, startAt: number, catchUp: boolean): number {
  if (stored === undefined) return startAt;
  return catchUp ? stored : Math.max(stored, startAt);
}

/** The window that starts at `lastCheck` (epoch ms). */
export function openWindow(schedule: Pick<CronSchedule, "nextAfter">, lastCheck: number): CronWindow {
  // Occurrences fall on whole seconds, so (last_check, now] is (last_check truncated to the second, now] (§6.3).
  return { lastCheck, nextAt: schedule.nextAfter(Math.floor(lastCheck / 1000) * 1000) };
}

/**
 * One check at `now`: fires when the first occurrence after `last_check` is at or before `now` (the end is inclusive,
 * the start exclusive), then `last_check` becomes `now`. It never moves back: when the wall clock is set back, the
 * time already checked is not checked again, so an occurrence never fires twice (D6).
 */
export function checkWindow(schedule: Pick<CronSchedule, "nextAfter">, window: CronWindow, now: number): CronCheck {
  const fires = window.nextAt !== undefined && window.nextAt <= now;
  const lastCheck = Math.max(window.lastCheck, now);
  // Without a fire, nothing fell in (last_check, now], so the next occurrence is still the one already known.
  return { fires, window: fires ? openWindow(schedule, lastCheck) : { lastCheck, nextAt: window.nextAt } };
}
