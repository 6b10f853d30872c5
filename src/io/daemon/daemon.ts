// `zeroclaw daemon`: the state database, the engine, the scheduler, the event sources and the HTTP gateway, each an
// Effect layer whose resource is released when the daemon stops or when a later layer fails to start. Release runs
// in reverse: the gateway stops taking requests and answers those in flight, the sources and the scheduler stop,
// and the state database commits its last batch and unlocks (INTERFACES.md "The daemon", issue #5).
import { Context, Effect, Layer } from "effect";
import { logDispatch } from "../../actors/headless.ts";
import { bindRefusal } from "../http/bind-guard.ts";
import { createGateway } from "../http/gateway.ts";
import { serve } from "../runtime.ts";
import {
  DaemonError, errorMessage, Inspection, Live, Observability, Options, StateDb, startError, type DaemonOptions,
} from "./services.ts";
import { mqttLayer, peripheralsLayer, tickerLayer } from "./sources.ts";

/** The HTTP gateway, listening; announces its address and, while unused, the one-time pairing code. */
const gatewayLayer = Layer.effectDiscard(Effect.gen(function* () {
  const options = yield* Options;
  const { store, reportFatal } = yield* StateDb;
  const live = yield* Live;
  const observability = yield* Observability;
  const { inspector } = yield* Inspection;
  const gateway = createGateway({
    engine: live.engine, dispatcher: live.dispatcher, tools: live.tools, store, clock: options.clock,
    config: options.config, metrics: live.metrics, health: observability.health, log: options.log,
    prometheus: observability.prometheus, onFatal: reportFatal, version: options.version,
    onDispatched: (results) => logDispatch(results, options.log),
  });
  const served = yield* Effect.acquireRelease(
    Effect.tryPromise({ try: () => serve(gateway.handle, { host: options.host, port: options.port }),
      catch: (error) => startError(`cannot listen on ${options.host}:${options.port}: ${errorMessage(error)}`) }),
    (server) => Effect.promise(() => server.stop()),
  );
  options.announce(`listening on http://${urlHost(options.host)}:${served.port}`);
  if (gateway.pairingCode !== undefined) options.announce(`pairing code: ${gateway.pairingCode}`);
  if (inspector !== undefined) options.announce(`inspector on ${inspector.url}`);
}));

/** Runs the daemon until a stop is requested (resolves) or it cannot start or go on (rejects with DaemonError). */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  // Built bottom-up and released top-down: the gateway stops first, the state database closes last.
  const daemon = gatewayLayer.pipe(
    Layer.provideMerge(Layer.mergeAll(tickerLayer, mqttLayer, peripheralsLayer)),
    Layer.provideMerge(Observability.layer),
    Layer.provideMerge(Live.layer),
    Layer.provideMerge(Inspection.layer),
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

/** An IPv6 literal goes in brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
