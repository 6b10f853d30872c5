// The event sources as Effect layers (issue #6): the scheduler tick with the cron source, the MQTT listener when
// `[channels_config.mqtt]` is configured, and the serial boards of `[[peripherals.boards]]`. Each reports its health
// and counters to Observability and is stopped when the daemon stops.
import { Effect, Layer } from "effect";
import { createCronSource, cronSourceHealth } from "../cron/cron-source.ts";
import { registerMqttMetrics, sourceHealth as mqttSourceHealth } from "../mqtt/mqtt-status.ts";
import { startMqttSource } from "../mqtt/mqtt-source.ts";
import { startPeripherals } from "../serial/peripherals.ts";
import { peripheralsSourceHealth, registerPeripheralMetrics } from "../serial/serial-status.ts";
import { startScheduler } from "./scheduler.ts";
import { Live, Observability, Options, StateDb } from "./services.ts";

/** The scheduler tick (fan-in.md §6.5): the cron check, then approval timeouts, now and every poll interval. */
export const tickerLayer = Layer.effectDiscard(Effect.gen(function* () {
  const options = yield* Options;
  const { engine, dispatcher } = yield* Live;
  const { store } = yield* StateDb;
  const observability = yield* Observability;
  const cron = createCronSource({ sops: options.sops, dispatcher, store, config: options.config.sop,
    log: options.log, clock: options.clock, onDispatched: (results) => observability.dispatched("cron", results) });
  const scheduler = yield* Effect.acquireRelease(
    Effect.sync(() => startScheduler(engine, options.config.sop.scheduler_poll_secs, [() => cron.tick()],
      options.log)),
    (started) => Effect.sync(() => started.stop()),
  );
  observability.sources.cron = () => {
    const tick = scheduler.state();
    return tick.lastError === null ? cronSourceHealth(cron.health()) : { status: "error", error: tick.lastError };
  };
}));

/** The MQTT listener (fan-in.md §5), only when the config has `[channels_config.mqtt]`. */
export const mqttLayer = Layer.effectDiscard(Effect.gen(function* () {
  const options = yield* Options;
  const mqtt = options.config.mqtt;
  if (mqtt === undefined) return;
  const { dispatcher } = yield* Live;
  const { store } = yield* StateDb;
  const observability = yield* Observability;
  const source = yield* Effect.acquireRelease(
    Effect.sync(() => startMqttSource({ config: mqtt, dispatcher, store, log: options.log,
      onDispatched: (results) => observability.dispatched("mqtt", results) })),
    (started) => Effect.promise(() => started.stop()),
  );
  registerMqttMetrics(observability.prometheus.registry, () => source.counters());
  observability.sources.mqtt = () => mqttSourceHealth(source.health());
}));

/** The serial boards (fan-in.md §7, D12), when `[[peripherals.boards]]` lists any. */
export const peripheralsLayer = Layer.effectDiscard(Effect.gen(function* () {
  const options = yield* Options;
  if (options.config.boards.length === 0) return;
  const { dispatcher } = yield* Live;
  const { store } = yield* StateDb;
  const observability = yield* Observability;
  const boards = yield* Effect.acquireRelease(
    Effect.sync(() => startPeripherals({ boards: options.config.boards, dispatcher, store, log: options.log,
      onDispatched: (results) => observability.dispatched("peripheral", results) })),
    (started) => Effect.promise(() => started.stop()),
  );
  registerPeripheralMetrics(observability.prometheus.registry, () => boards.health());
  observability.sources.peripherals = () => peripheralsSourceHealth(boards.health());
}));
