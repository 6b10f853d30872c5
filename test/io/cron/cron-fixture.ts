// Test helper: a daemon's cron source over a real engine and the real SQLite state store in a temp folder, with a
// manual clock and a logger that keeps its lines; `restart` closes the store and opens everything again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock, type ManualClock } from "../../../src/actors/clock.ts";
import { createDispatcher } from "../../../src/actors/dispatcher.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig } from "../../../src/actors/engine-types.ts";
import type { Sop, Trigger } from "../../../src/compiler/sop.ts";
import { createCronSource, type CronSource } from "../../../src/io/cron/cron-source.ts";
import type { StateStore } from "../../../src/io/store/state-store.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop } from "../../actors/engine-fixture.ts";
import { recordingLogger } from "../../actors/recording-logger.ts";

export { recordingLogger };

/** A SOP with cron triggers only, room for many active runs, and the given overrides. */
export function cronSop(name: string, triggers: Trigger[], overrides: Partial<Sop> = {}): Sop {
  return makeSop(name, { triggers, maxConcurrent: 1000, ...overrides });
}

/** A cron trigger, with a zone when given. */
export function cron(expression: string, timezone?: string): Trigger {
  return timezone === undefined ? { type: "cron", expression } : { type: "cron", expression, timezone };
}

/** Epoch ms of an ISO 8601 UTC time. */
export function at(iso: string): number {
  return Date.parse(iso);
}

const root = mkdtempSync(join(tmpdir(), "zeroclaw-cron-"));
let folders = 0;

/** Removes every state folder the tests made (call from `after`). */
export function removeStateFolders(): void {
  rmSync(root, { recursive: true, force: true });
}

export interface CronDaemonOptions {
  readonly catchUp?: boolean;
}

/** The parts of `zeroclaw daemon` the cron source needs; the clock starts at `startIso`. */
export class CronDaemon {
  readonly stateDir = join(root, `state-${(folders += 1)}`);
  readonly clock: ManualClock;
  readonly log = recordingLogger();
  store: StateStore;
  engine!: Engine;
  source!: CronSource;

  constructor(public sops: Sop[], startIso: string, options: CronDaemonOptions = {}) {
    this.clock = manualClock(at(startIso));
    this.store = openStateStore(this.stateDir);
    this.#open(options);
  }

  /** Sets the clock and runs one check. */
  tickAt(iso: string): void {
    this.clock.set(at(iso));
    this.source.tick();
  }

  /** The SOP name and trigger-event timestamp of every run started so far, active or finished, in start order. */
  starts(): [string, string][] {
    return [...this.engine.activeRuns(), ...this.engine.finishedRuns()]
      .map((stored) => stored.run)
      .sort((a, b) => counter(a.run_id) - counter(b.run_id))
      .map((run) => [run.sop_name, run.trigger_event.timestamp]);
  }

  /** Stops (once the last batch is on disk), lets the clock run to `downUntilIso`, and starts again. */
  async restart(downUntilIso: string, options: CronDaemonOptions & { readonly sops?: Sop[] } = {}): Promise<void> {
    await this.store.durable();
    this.store.close();
    this.clock.set(at(downUntilIso));
    this.store = openStateStore(this.stateDir);
    if (options.sops !== undefined) this.sops = options.sops;
    this.#open(options);
  }

  async close(): Promise<void> {
    await this.store.durable();
    this.store.close();
  }

  #open(options: CronDaemonOptions): void {
    this.engine = new Engine({ sops: this.sops, config: { ...defaultEngineConfig, maxConcurrentTotal: 1000 },
      clock: this.clock, store: this.store });
    this.source = createCronSource({ sops: this.sops, dispatcher: createDispatcher(this.engine), store: this.store,
      config: { cron_catch_up: options.catchUp ?? false }, log: this.log, clock: this.clock });
  }
}

/** The counter of a run id `run-{ms}-{counter}`: runs started in one millisecond keep their order. */
function counter(runId: string): number {
  return Number(runId.slice(runId.lastIndexOf("-") + 1));
}
