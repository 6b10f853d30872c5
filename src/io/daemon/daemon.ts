// `zeroclaw daemon`: the state database, the engine, the scheduler, the event sources and the HTTP gateway, each an
// Effect layer whose resource is released when the daemon stops or when a later layer fails to start. Release runs
// in reverse: the gateway stops taking requests and answers those in flight, the sources and the scheduler stop,
// and the state database commits its last batch and unlocks (INTERFACES.md "The daemon", issue #5).
import { Context, Data, Effect, Layer } from "effect";
import type { Clock } from "../../actors/clock.ts";
import { createDispatcher, type Dispatcher } from "../../actors/dispatcher.ts";
import { Engine } from "../../actors/engine.ts";
import { logAction, logDispatch } from "../../actors/headless.ts";
import type { Logger } from "../../actors/logger.ts";
import { createMetrics, type Metrics } from "../../actors/metrics.ts";
import type { Tool } from "../../actors/tools/tool.ts";
import { createTools } from "../../actors/tools/tools.ts";
import type { Sop } from "../../compiler/sop.ts";
import type { Config } from "../config.ts";
import { engineConfigOf } from "../engine-config.ts";
import { createGateway } from "../http/gateway.ts";
import { bindRefusal } from "../http/bind-guard.ts";
import type { SourcesHealth } from "../http/healthz.ts";
import { serve } from "../runtime.ts";
import type { StateStore } from "../store/state-store.ts";
import { openStateStore } from "../store/state.ts";
import { createCronSource, cronSourceHealth, type CronSource } from "../cron/cron-source.ts";
import { startScheduler, type Scheduler } from "./scheduler.ts";

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
}

/** Why the daemon could not start, or had to stop: the CLI prints `Error: {message}` and exits 1. */
export class DaemonError extends Data.TaggedError("DaemonError")<{ readonly message: string }> {}

class Options extends Context.Service<Options, DaemonOptions>()("zeroclaw/io/daemon/Options") {}

/** The state database, opened exclusively. A failed commit, however it is noticed, makes the daemon stop. */
class StateDb extends Context.Service<StateDb, {
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

/** The live system: engine (rehydrated from the store), dispatcher, tools and metrics. */
class Live extends Context.Service<Live, {
  readonly engine: Engine;
  readonly dispatcher: Dispatcher;
  readonly tools: readonly Tool[];
  readonly metrics: Metrics;
}>()("zeroclaw/io/daemon/Live") {
  static readonly layer = Layer.effect(Live, Effect.gen(function* () {
    const options = yield* Options;
    const { store } = yield* StateDb;
    return yield* Effect.try({
      try: () => {
        const metrics = createMetrics(options.clock);
        const engine = new Engine({
          sops: options.sops, config: engineConfigOf(options.config), clock: options.clock, store, metrics,
          onAdmitted: (action) => logAction(action, engine.run(action.runId)?.run.sop_name ?? "", options.log),
        });
        const dispatcher = createDispatcher(engine);
        return Live.of({ engine, dispatcher, tools: createTools({ engine, clock: options.clock }), metrics });
      },
      catch: startError,
    });
  }));
}

/** The scheduler tick (fan-in.md §6.5): the cron check, then approval timeouts, now and every poll interval. */
class Ticker extends Context.Service<Ticker, { readonly scheduler: Scheduler; readonly cron: CronSource }>()(
  "zeroclaw/io/daemon/Ticker") {
  static readonly layer = Layer.effect(Ticker, Effect.gen(function* () {
    const options = yield* Options;
    const { engine, dispatcher } = yield* Live;
    const { store } = yield* StateDb;
    const cron = createCronSource({ sops: options.sops, dispatcher, store, config: options.config.sop,
      log: options.log, clock: options.clock });
    const scheduler = yield* Effect.acquireRelease(
      Effect.sync(() => startScheduler(engine, options.config.sop.scheduler_poll_secs, [() => cron.tick()],
        options.log)),
      (started) => Effect.sync(() => started.stop()),
    );
    return Ticker.of({ scheduler, cron });
  }));
}

/** The HTTP gateway, listening; announces its address and, while unused, the one-time pairing code. */
class Gateway extends Context.Service<Gateway, { readonly port: number }>()("zeroclaw/io/daemon/Gateway") {
  static readonly layer = Layer.effect(Gateway, Effect.gen(function* () {
    const options = yield* Options;
    const { store, reportFatal } = yield* StateDb;
    const live = yield* Live;
    const ticker = yield* Ticker;
    const health = (): SourcesHealth => {
      const tick = ticker.scheduler.state();
      const cron = tick.lastError === null ? cronSourceHealth(ticker.cron.health())
        : { status: "error" as const, error: tick.lastError };
      return { mqtt: { status: "disabled" }, cron, peripherals: {} };
    };
    const gateway = createGateway({
      engine: live.engine, dispatcher: live.dispatcher, tools: live.tools, store, clock: options.clock,
      config: options.config, metrics: live.metrics, health, log: options.log,
      onFatal: reportFatal,
      onDispatched: (results) => logDispatch(results, options.log),
    });
    const served = yield* Effect.acquireRelease(
      Effect.tryPromise({ try: () => serve(gateway.handle, { host: options.host, port: options.port }),
        catch: (error) => startError(`cannot listen on ${options.host}:${options.port}: ${message(error)}`) }),
      (server) => Effect.promise(() => server.stop()),
    );
    options.announce(`listening on http://${urlHost(options.host)}:${served.port}`);
    if (gateway.pairingCode !== undefined) options.announce(`pairing code: ${gateway.pairingCode}`);
    return Gateway.of({ port: served.port });
  }));
}

/** Runs the daemon until a stop is requested (resolves) or it cannot start or go on (rejects with DaemonError). */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  const daemon = Gateway.layer.pipe(
    Layer.provideMerge(Ticker.layer),
    Layer.provideMerge(Live.layer),
    Layer.provideMerge(StateDb.layer),
    Layer.provide(Layer.succeed(Options, options)),
  );
  await Effect.runPromise(Effect.scoped(Effect.gen(function* () {
    // Checked before anything is opened: a refused bind must not create or lock the state folder (fan-in.md §4.8).
    const refusal = bindRefusal(options.host, options.config.gateway.allow_public_bind);
    if (refusal !== undefined) return yield* Effect.fail(new DaemonError({ message: refusal }));
    const services = yield* Layer.build(daemon);
    const { fatal } = Context.get(services, StateDb);
    const stop = yield* Effect.promise(() => Promise.race([options.stopRequested.then(() => undefined), fatal]));
    if (stop !== undefined) return yield* Effect.fail(new DaemonError({ message: stop.message }));
  })));
}

function startError(error: unknown): DaemonError {
  return new DaemonError({ message: message(error) });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An IPv6 literal goes in brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
