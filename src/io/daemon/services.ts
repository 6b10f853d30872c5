// The daemon's core services as Effect layers: its options, the state database, the live system (engine,
// dispatcher, tools, metrics) and the observability shared by the gateway and the sources (the `/metrics` registry
// and the sources' health). Each resource is acquired with its release, so a failed start or a stop undoes it.
import { Context, Data, Effect, Layer } from "effect";
import type { Clock } from "../../actors/clock.ts";
import { createDispatcher, type Dispatcher } from "../../actors/dispatcher.ts";
import { Engine } from "../../actors/engine.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import { logAction } from "../../actors/headless.ts";
import type { Logger } from "../../actors/logger.ts";
import { createMetrics, type Metrics } from "../../actors/metrics.ts";
import type { Tool } from "../../actors/tools/tool.ts";
import { createTools } from "../../actors/tools/tools.ts";
import type { Sop, TriggerSource } from "../../compiler/sop.ts";
import type { Config } from "../config.ts";
import { engineConfigOf } from "../engine-config.ts";
import type { SourceHealth, SourcesHealth } from "../http/healthz.ts";
import { createPrometheus, type PrometheusMetrics } from "../http/prometheus.ts";
import type { StateStore } from "../store/state-store.ts";
import { openStateStore } from "../store/state.ts";
import { startInspector, type Inspector } from "../inspect/inspector.ts";

/** What the daemon runs on, resolved by the CLI. */
export interface DaemonOptions {
  readonly config: Config;
  readonly sops: readonly Sop[];
  readonly stateDir: string;
  readonly host: string;
  readonly port: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** Lines for stdout: the listening address first, then the pairing code when one is needed. */
  readonly announce: (line: string) => void;
  /** Resolves when the daemon should stop (SIGINT, SIGTERM). */
  readonly stopRequested: Promise<void>;
  /** The zeroclaw version, for MCP clients. */
  readonly version: string;
  /** Port of the live XState inspector (`--inspect`, `[inspect] port`); 0 = none. */
  readonly inspectPort: number;
}

/** Why the daemon could not start, or had to stop: the CLI prints `Error: {message}` and exits 1. */
export class DaemonError extends Data.TaggedError("DaemonError")<{ readonly message: string }> {}

export function startError(error: unknown): DaemonError {
  return new DaemonError({ message: errorMessage(error) });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Options extends Context.Service<Options, DaemonOptions>()("zeroclaw/io/daemon/Options") {}

/** The state database, opened exclusively. A failed commit, however it is noticed, makes the daemon stop. */
export class StateDb extends Context.Service<StateDb, {
  readonly store: StateStore;
  readonly fatal: Promise<Error>;
  readonly reportFatal: (error: Error) => void;
}>()("zeroclaw/io/daemon/StateDb") {
  static readonly layer = Layer.effect(StateDb, Effect.gen(function* () {
    const { stateDir } = yield* Options;
    let reportFatal: (error: Error) => void = () => {};
    const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));
    const store = yield* Effect.acquireRelease(
      Effect.try({ try: () => openStateStore(stateDir, { onFailure: reportFatal }), catch: startError }),
      (opened) => Effect.sync(() => opened.close()),
    );
    return StateDb.of({ store, fatal, reportFatal });
  }));
}

/** The live inspector (issue #7), when a port is set: started before the engine, so restored runs appear too. */
export class Inspection extends Context.Service<Inspection, { readonly inspector: Inspector | undefined }>()(
  "zeroclaw/io/daemon/Inspection") {
  static readonly layer = Layer.effect(Inspection, Effect.gen(function* () {
    const { inspectPort } = yield* Options;
    if (inspectPort === 0) return Inspection.of({ inspector: undefined });
    const inspector = yield* Effect.acquireRelease(
      Effect.tryPromise({ try: () => startInspector(inspectPort), catch: startError }),
      (started) => Effect.promise(() => started.stop()),
    );
    return Inspection.of({ inspector });
  }));
}

/** The live system: engine (rehydrated from the store), dispatcher, tools and metrics. */
export class Live extends Context.Service<Live, {
  readonly engine: Engine;
  readonly dispatcher: Dispatcher;
  readonly tools: readonly Tool[];
  readonly metrics: Metrics;
}>()("zeroclaw/io/daemon/Live") {
  static readonly layer = Layer.effect(Live, Effect.gen(function* () {
    const options = yield* Options;
    const { store } = yield* StateDb;
    const { inspector } = yield* Inspection;
    return yield* Effect.try({
      try: () => {
        const metrics = createMetrics(options.clock);
        const engine = new Engine({
          sops: options.sops, config: engineConfigOf(options.config), clock: options.clock, store, metrics,
          ...(inspector === undefined ? {} : { inspect: inspector.inspect }),
          onAdmitted: (action) => logAction(action, engine.run(action.runId)?.run.sop_name ?? "", options.log),
        });
        const dispatcher = createDispatcher(engine);
        return Live.of({ engine, dispatcher, tools: createTools({ engine, clock: options.clock }), metrics });
      },
      catch: startError,
    });
  }));
}

/** Each source's health, as `/healthz` and `/metrics` report it; a source not started is `disabled`. */
export interface SourceBoard {
  mqtt: () => SourceHealth;
  cron: () => SourceHealth;
  peripherals: () => SourcesHealth["peripherals"];
}

/** The `/metrics` registry and the sources' health, shared by the sources (which report) and the gateway. */
export class Observability extends Context.Service<Observability, {
  readonly prometheus: PrometheusMetrics;
  readonly sources: SourceBoard;
  health(): SourcesHealth;
  /** Counts a source's dispatch on `/metrics`. */
  dispatched(source: TriggerSource, results: readonly DispatchResult[]): void;
}>()("zeroclaw/io/daemon/Observability") {
  static readonly layer = Layer.effect(Observability, Effect.gen(function* () {
    const live = yield* Live;
    const sources: SourceBoard = {
      mqtt: () => ({ status: "disabled" }),
      cron: () => ({ status: "disabled" }),
      peripherals: () => ({}),
    };
    const health = (): SourcesHealth => ({ mqtt: sources.mqtt(), cron: sources.cron(), peripherals: sources.peripherals() });
    const prometheus = createPrometheus(live.engine, live.metrics, health);
    return Observability.of({
      prometheus, sources, health,
      dispatched: (source, results) => prometheus.countDispatch(source, results),
    });
  }));
}
