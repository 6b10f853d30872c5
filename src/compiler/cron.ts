// Cron expressions: field count, croner configuration and occurrences (definitions.md §7, §8 item 8; DECISIONS D5).
// Pure: no IO, no clock. Croner only parses and computes occurrences from explicit reference times; no timers.
import { Cron } from "croner";
import type { Parsed } from "./diagnostic.ts";
import { invalidCronFieldCount } from "./texts.ts";
import { isWhiteSpaceCode, trimWhiteSpace } from "./trim.ts";

/** A parsed cron trigger, compiled once; every query takes its reference time as epoch ms. */
export interface CronSchedule {
  /** What croner parsed: the trimmed nickname, or the fields joined by one space with `0 ` before 5 fields. */
  readonly normalized: string;
  /** The IANA zone the expression is evaluated in: the trigger's `timezone`, or `UTC` without one (§7.4). */
  readonly timezone: string;
  /** The first occurrence strictly after `at` (epoch ms, on a whole second), or undefined when there is none. */
  nextAfter(at: number): number | undefined;
  /** Up to `count` consecutive occurrences strictly after `from`, fewer when the schedule ends (year 9999). */
  nextRuns(from: number, count: number): number[];
}

// Croner computes occurrences in years 1–9999 (OCPS 1.2); outside that range its date conversion throws.
const firstSupportedMs = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const endSupportedMs = 253_402_300_800_000; // 10000-01-01T00:00:00Z

/**
 * Checks the field count of §7.2 and returns the expression croner is given: a trimmed nickname as is,
 * otherwise the fields joined by one space, with seconds `0` prepended to a 5-field expression.
 */
export function normalizeCron(expression: string): Parsed<string> {
  const trimmed = trimWhiteSpace(expression);
  if (trimmed.startsWith("@")) return { ok: true, value: trimmed }; // D5: nicknames, whatever croner supports
  const fields = splitFields(trimmed);
  if (fields.length === 5) return { ok: true, value: `0 ${fields.join(" ")}` };
  if (fields.length === 6 || fields.length === 7) return { ok: true, value: fields.join(" ") };
  return { ok: false, message: invalidCronFieldCount(trimmed, fields.length) };
}

/**
 * Parses a cron trigger's expression, evaluated in `timezone` (an IANA name) or in UTC without one.
 * Bad input is a value, never an exception: wrong field count, unknown zone, or croner's own message.
 */
export function parseCron(expression: string, timezone?: string): Parsed<CronSchedule> {
  const normalized = normalizeCron(expression);
  if (!normalized.ok) return normalized;
  const key = `${timezone ?? "UTC"}\u0000${normalized.value}`;
  const known = parsedSchedules.get(key);
  if (known !== undefined) return known;
  // Memoised: schedules are immutable, and building one in croner costs ~0.4 ms on a cold start (bench/cold-start.ts).
  if (parsedSchedules.size >= maxMemoisedSchedules) parsedSchedules.clear();
  const parsed = compileCron(normalized.value, timezone);
  parsedSchedules.set(key, parsed);
  return parsed;
}

const maxMemoisedSchedules = 1024;
const parsedSchedules = new Map<string, Parsed<CronSchedule>>();

function compileCron(normalized: string, timezone: string | undefined): Parsed<CronSchedule> {
  // Croner splits and trims with JavaScript's `\s`, which includes U+FEFF; White_Space does not (§8.1).
  if (normalized.includes("\ufeff")) {
    return { ok: false, message: `Cannot parse cron expression "${normalized}": U+FEFF is not allowed` };
  }
  const zone = timezone ?? "UTC";
  // UTC is a fixed offset: croner computes it without Intl, whose first use costs ~12 ms of a cold start.
  const utc = zone === "UTC";
  if (!utc && !isKnownTimeZone(zone)) return { ok: false, message: `unknown time zone "${zone}"` };
  let cron: Cron;
  try {
    cron = new Cron(normalized, {
      paused: true, // no function is given either: croner never schedules a timer here
      // Always set: croner would otherwise use the host's local zone.
      ...(utc ? { utcOffset: 0 } : { timezone: zone }),
      domAndDow: false, // §7.3: day-of-month OR day-of-week when both are restricted (Vixie cron)
      alternativeWeekdays: false, // §7.3: 0 and 7 are Sunday, not Quartz's 1 = Sunday
      sloppyRanges: true, // §7.3 lists `a/n` steps, which croner rejects by default
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, value: makeSchedule(cron, normalized, zone) };
}

function makeSchedule(cron: Cron, normalized: string, timezone: string): CronSchedule {
  const nextAfter = (at: number): number | undefined => {
    if (!(at < endSupportedMs)) return undefined; // NaN, +Infinity, or past the last year croner computes
    // Croner drops the milliseconds and returns the first whole second strictly after the result.
    const next = cron.nextRun(new Date(Math.max(at, firstSupportedMs)));
    return next === null ? undefined : next.getTime();
  };
  const nextRuns = (from: number, count: number): number[] => {
    const runs: number[] = [];
    let at = from;
    while (runs.length < count) {
      const next = nextAfter(at);
      if (next === undefined) break;
      runs.push(next);
      at = next;
    }
    return runs;
  };
  return { normalized, timezone, nextAfter, nextRuns };
}

/** Splits on runs of Unicode White_Space, like the reference's `split_whitespace` (definitions.md §8.1). */
function splitFields(trimmed: string): string[] {
  const fields: string[] = [];
  let start = -1;
  for (let i = 0; i <= trimmed.length; i++) {
    const blank = i === trimmed.length || isWhiteSpaceCode(trimmed.charCodeAt(i));
    if (blank && start >= 0) {
      fields.push(trimmed.slice(start, i));
      start = -1;
    } else if (!blank && start < 0) start = i;
  }
  return fields;
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
