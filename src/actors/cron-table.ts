// The cron schedule table (fan-in.md §6.2): every parseable cron trigger of the loaded SOPs, in table order, built
// once when the daemon starts. Pure: no IO, no clock; the warnings are returned for the caller to log.
import { compareCodePoints } from "../compiler/code-point-order.ts";
import { type CronSchedule, normalizeCron, parseCron } from "../compiler/cron.ts";
import type { Sop } from "../compiler/sop.ts";
import { cachedCronSchedules, failedCronSchedule, invalidCronExpression } from "./cron-texts.ts";

/** One cron trigger of one SOP, parsed once. */
export interface CronEntry {
  readonly sopName: string;
  /** The expression exactly as written in SOP.toml (untrimmed): the event topic (fan-in.md §1.2). */
  readonly expression: string;
  readonly schedule: CronSchedule;
  /** Where its `last_check` is stored (`cronCheckpointKey`). */
  readonly key: string;
}

/** The table and what building it logs: a warning per skipped trigger, then the count (§6.2). */
export interface CronTable {
  readonly entries: readonly CronEntry[];
  /** Triggers that failed to parse: they never fire, their SOP stays loaded. */
  readonly skipped: number;
  readonly warnings: readonly string[];
  readonly summary: string;
}

/**
 * The checkpoint key of one (SOP, cron trigger) (fan-in.md §9 item 6): the SOP name, the raw expression and the zone
 * the schedule is evaluated in, joined by NUL. A changed expression or zone is a new trigger and starts from the
 * daemon's start time (§6.4).
 */
export function cronCheckpointKey(sopName: string, expression: string, timezone: string): string {
  return `${sopName}\u0000${expression}\u0000${timezone}`;
}

/**
 * Builds the table: SOPs in engine order (code-point order of name), each SOP's cron triggers in SOP.toml order.
 * Only the first SOP of a name counts (the engine starts that one). Two identical triggers of one SOP are one entry:
 * they share a checkpoint, and firing both would start the SOP twice for one occurrence (D6).
 */
export function buildCronTable(sops: readonly Sop[]): CronTable {
  const entries: CronEntry[] = [];
  const warnings: string[] = [];
  const names = new Set<string>();
  const keys = new Set<string>();
  let skipped = 0;
  for (const sop of [...sops].sort((a, b) => compareCodePoints(a.name, b.name))) {
    if (names.has(sop.name)) continue;
    names.add(sop.name);
    for (const trigger of sop.triggers) {
      if (trigger.type !== "cron") continue;
      const parsed = parseCron(trigger.expression, trigger.timezone);
      if (!parsed.ok) {
        skipped += 1;
        warnings.push(parseWarning(sop.name, trigger.expression, parsed.message));
        continue;
      }
      const key = cronCheckpointKey(sop.name, trigger.expression, parsed.value.timezone);
      if (keys.has(key)) continue;
      keys.add(key);
      entries.push({ sopName: sop.name, expression: trigger.expression, schedule: parsed.value, key });
    }
  }
  return { entries, skipped, warnings, summary: cachedCronSchedules(entries.length) };
}

/** The field-count text names the raw expression; any other error names the normalized one (§6.2). */
function parseWarning(sopName: string, expression: string, error: string): string {
  const normalized = normalizeCron(expression);
  return normalized.ok
    ? failedCronSchedule(normalized.value, sopName, error)
    : invalidCronExpression(expression, sopName, error);
}
