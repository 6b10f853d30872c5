// The cron event source (fan-in.md §6, D5, D6): the schedule table built once from the loaded SOPs, and the check the
// scheduler runs first on every tick. Edge: reads the injected clock and keeps each trigger's `last_check` in the
// state database, so a restart neither fires an occurrence again nor back-fills the downtime.
import type { Clock } from "../../actors/clock.ts";
import { buildCronTable, type CronEntry } from "../../actors/cron-table.ts";
import { checkWindow, type CronWindow, openWindow, startingCheck } from "../../actors/cron-window.ts";
import type { Dispatcher } from "../../actors/dispatcher.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import { logDispatch } from "../../actors/headless.ts";
import type { Logger } from "../../actors/logger.ts";
import type { Sop } from "../../compiler/sop.ts";
import type { CronCheckpoints } from "../store/state-store.ts";

/** What the daemon gives the cron source. */
export interface CronSourceOptions {
  /** The loaded SOPs, as the engine holds them; the table is built from them once (§6.2). */
  readonly sops: readonly Sop[];
  readonly dispatcher: Pick<Dispatcher, "dispatchCron">;
  /** The state store (its `cron` checkpoints). */
  readonly store: { readonly cron: CronCheckpoints };
  readonly config: { readonly cron_catch_up: boolean };
  readonly log: Logger;
  readonly clock: Pick<Clock, "now">;
  /** Told of every fired trigger's dispatch once it is logged, for metrics. */
  readonly onDispatched?: (results: readonly DispatchResult[]) => void;
}

/** What `/healthz` shows of the cron source (INTERFACES.md `sources.cron`); times are epoch ms. */
export interface CronHealth {
  /** `starting` before the first check, `error` while the last check failed for some trigger. */
  readonly status: "starting" | "ok" | "error";
  /** Entries of the schedule table. */
  readonly triggers: number;
  /** Cron triggers skipped at start-up because they did not parse (§6.2). */
  readonly invalidTriggers: number;
  readonly lastTickAt: number | null;
  /** Dispatches since the daemon started, catch-up fires included. */
  readonly fired: number;
  /** The last failed check's error, kept after later checks succeed. */
  readonly lastError: string | null;
  readonly lastErrorAt: number | null;
}

/** The cron source of one daemon. */
export interface CronSource {
  /** One check of §6.3 at the clock's now: fires each due trigger once, then stores every `last_check`. Never throws. */
  tick(): void;
  health(): CronHealth;
}

/**
 * Builds the schedule table (logging its warnings and count) and each trigger's starting window (§6.4): the
 * daemon's start time is the clock's now at this call. With `cron_catch_up`, a trigger whose occurrences fell while
 * the daemon was down fires once, at the first tick.
 */
export function createCronSource(options: CronSourceOptions): CronSource {
  const { dispatcher, store, log, clock } = options;
  const table = buildCronTable(options.sops);
  for (const warning of table.warnings) log.warn(warning);
  log.info(table.summary);
  const startAt = clock.now();
  const windows: CronWindow[] = table.entries.map((entry) =>
    openWindow(entry.schedule, startingCheck(store.cron.get(entry.key), startAt, options.config.cron_catch_up)));
  let lastTickAt: number | null = null;
  let fired = 0;
  let failing = false;
  let lastError: string | null = null;
  let lastErrorAt: number | null = null;

  /** Checks one entry; a failure is logged and reported in health, and the other entries are still checked. */
  const check = (entry: CronEntry, index: number, now: number): boolean => {
    const current = windows[index];
    if (current === undefined) return true;
    const { fires, window } = checkWindow(entry.schedule, current, now);
    windows[index] = window; // even when the dispatch fails: an occurrence is tried once, not on every tick
    try {
      if (fires) {
        const results = dispatcher.dispatchCron(entry.sopName, entry.expression);
        fired += 1;
        logDispatch(results, log);
        options.onDispatched?.(results);
      }
      // The same group-commit batch as the dispatch: the run and the checkpoint become durable together.
      store.cron.set(entry.key, window.lastCheck);
      return true;
    } catch (error) {
      lastError = `cron check of '${entry.expression}' for SOP '${entry.sopName}' failed: ${message(error)}`;
      lastErrorAt = now;
      log.error(lastError);
      return false;
    }
  };

  return {
    tick() {
      const now = clock.now();
      let ok = true;
      table.entries.forEach((entry, index) => {
        ok = check(entry, index, now) && ok;
      });
      lastTickAt = now;
      failing = !ok;
    },
    health: () => ({
      status: lastTickAt === null ? "starting" : failing ? "error" : "ok",
      triggers: table.entries.length, invalidTriggers: table.skipped, lastTickAt, fired, lastError, lastErrorAt,
    }),
  };
}

/** The health as `/healthz` shows a source (src/io/http/healthz.ts `SourceHealth`). */
export function cronSourceHealth(health: CronHealth)
  : { readonly status: "starting" | "ok" } | { readonly status: "error"; readonly error: string } {
  if (health.status === "error") return { status: "error", error: health.lastError ?? "cron check failed" };
  return { status: health.status };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
