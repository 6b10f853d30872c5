// Test helper: the serial peripheral source wired to a real engine over the real state database in a temp folder, with
// a recording logger.
import { manualClock } from "../../../src/actors/clock.ts";
import { createDispatcher } from "../../../src/actors/dispatcher.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig, type DispatchResult } from "../../../src/actors/engine-types.ts";
import type { Logger } from "../../../src/actors/logger.ts";
import type { SopEvent } from "../../../src/compiler/match-index.ts";
import type { Sop } from "../../../src/compiler/sop.ts";
import type { Config } from "../../../src/io/config.ts";
import { startPeripherals, type Peripherals, type PeripheralsOptions } from "../../../src/io/serial/peripherals.ts";
import type { StateStore } from "../../../src/io/store/state-store.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop, start } from "../../actors/engine-fixture.ts";

export interface Wired {
  readonly engine: Engine;
  readonly store: StateStore;
  readonly peripherals: Peripherals;
  /** Every log line as `level: text`. */
  readonly logs: string[];
  /** Every dispatch, once durable, in order. */
  readonly dispatched: { readonly event: SopEvent; readonly results: readonly DispatchResult[] }[];
  /** Stops the source, then closes the state database. */
  stop(): Promise<void>;
}

/** A SOP with one peripheral trigger and room for many concurrent runs. */
export function peripheralSop(name: string, board: string, signal: string, condition?: string): Sop {
  return makeSop(name, {
    maxConcurrent: 1_000,
    triggers: [{ type: "peripheral", board, signal, ...(condition === undefined ? {} : { condition }) }],
  });
}

/** A `[[peripherals.boards]]` entry as the config decoder gives it. */
export function board(name: string, path: string, baud = 115200): Config["boards"][number] {
  return { board: name, transport: "serial", path, baud };
}

/** Starts the source over `boards` with an engine over `sops` and `<stateDir>/sop.db`. */
export function wire(stateDir: string, sops: Sop[], boards: Config["boards"],
  options: Partial<Omit<PeripheralsOptions, "boards" | "dispatcher" | "store" | "log">> = {}): Wired {
  const store = openStateStore(stateDir);
  const engine = new Engine({ sops, config: { ...defaultEngineConfig, maxConcurrentTotal: 1_000 },
    clock: manualClock(start), store });
  const logs: string[] = [];
  const log: Logger = {
    info: (text) => logs.push(`info: ${text}`),
    warn: (text) => logs.push(`warn: ${text}`),
    error: (text) => logs.push(`error: ${text}`),
  };
  const dispatched: Wired["dispatched"][number][] = [];
  const peripherals = startPeripherals({
    backoff: { initialMs: 20, maxMs: 80 }, ...options,
    boards, dispatcher: createDispatcher(engine), store, log,
    onDispatched: (results, event) => dispatched.push({ event, results }),
  });
  return {
    engine, store, peripherals, logs, dispatched,
    async stop() {
      await peripherals.stop();
      store.close();
    },
  };
}

/** The trigger events of the active runs, in start order. */
export function startedEvents(wired: Wired): { topic: string | null; payload: string | null }[] {
  return wired.engine.activeRuns().map(({ run }) => ({ topic: run.trigger_event.topic, payload: run.trigger_event.payload }));
}
