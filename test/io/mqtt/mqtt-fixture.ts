// Test helper: an MQTT source wired to a real engine, dispatcher and SQLite state store, a publisher, a log that
// remembers, and polling for conditions that real brokers make true a few milliseconds later.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import { manualClock } from "../../../src/actors/clock.ts";
import { createDispatcher } from "../../../src/actors/dispatcher.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig, type DispatchResult } from "../../../src/actors/engine-types.ts";
import type { Sop } from "../../../src/compiler/sop.ts";
import type { SopEvent } from "../../../src/compiler/match-index.ts";
import type { MqttSection } from "../../../src/io/mqtt/mqtt-config.ts";
import { startMqttSource, type MqttSource, type MqttSourceOptions } from "../../../src/io/mqtt/mqtt-source.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop, start } from "../../actors/engine-fixture.ts";
import { after, before } from "node:test";
import { startMosquitto, type Mosquitto } from "./mosquitto.ts";
import { recordingLogger, type RecordingLogger } from "../../actors/recording-logger.ts";

/** The defaults of `[channels_config.mqtt]` as config.ts decodes them, for `broker_url` and `topics` to fill. */
export const sectionDefaults: MqttSection = {
  client_id: "zeroclaw", qos: 1, use_tls: false, keep_alive_secs: 30, clean_session: true,
};

/** A SOP with one MQTT trigger and a generous concurrency limit, so every matched message starts a run. */
export function mqttSop(name: string, topic: string, condition?: string): Sop {
  return makeSop(name, { maxConcurrent: 100_000,
    triggers: [condition === undefined ? { type: "mqtt", topic } : { type: "mqtt", topic, condition }] });
}

export interface Wired {
  readonly source: MqttSource;
  readonly engine: Engine;
  readonly log: RecordingLogger;
  /** Every dispatched event with its results, in the order `onDispatched` was told (after the commit). */
  readonly dispatched: { event: SopEvent; results: readonly DispatchResult[] }[];
  /** Stops the source, closes the state store and removes its folder. */
  dispose(): Promise<void>;
}

/**
 * A source for `broker` over a fresh engine with `sops` and its own state database; `section` and `options`
 * override the defaults (an `options.store` replaces only the `durable()` the source awaits).
 */
export function wireSource(broker: Pick<Mosquitto, "url">, sops: Sop[], section: Partial<MqttSection> = {},
  options: Partial<Omit<MqttSourceOptions, "config" | "log">> = {}): Wired {
  const stateDir = mkdtempSync(join(tmpdir(), "zeroclaw-mqtt-state-"));
  const store = openStateStore(stateDir);
  const engine = new Engine({ sops, clock: manualClock(start), store,
    config: { ...defaultEngineConfig, maxConcurrentTotal: 100_000, maxFinishedRuns: 0 } });
  const log = recordingLogger();
  const dispatched: Wired["dispatched"] = [];
  const source = startMqttSource({
    config: { ...sectionDefaults, broker_url: broker.url, topics: ["#"], ...section },
    dispatcher: createDispatcher(engine),
    store,
    log,
    onDispatched: (results, event) => void dispatched.push({ event, results }),
    backoff: { initialMs: 50, maxMs: 400 },
    ...options,
  });
  let disposed: Promise<void> | undefined;
  const dispose = () => disposed ??= source.stop().then(() => {
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  });
  return { source, engine, log, dispatched, dispose };
}

/** A publishing client, connected. */
export async function publisher(broker: Pick<Mosquitto, "host" | "port">, options: IClientOptions = {})
  : Promise<MqttClient> {
  const client = connect({ host: broker.host, port: broker.port, protocol: "mqtt", reconnectPeriod: 50, ...options });
  client.on("error", () => {}); // refusals and restarts show up in the assertions, not as an unhandled error
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  return client;
}

/** Polls `check` every 10 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the source is connected and subscribed. */
export function connected(wired: Pick<Wired, "source">, timeoutMs?: number): Promise<void> {
  return waitFor("the source to connect", () => wired.source.health().state === "connected", timeoutMs);
}

/** The names of the SOPs whose runs started, in start order. */
export function startedSops(wired: Pick<Wired, "dispatched">): string[] {
  return wired.dispatched.flatMap(({ results }) =>
    results.flatMap((result) => result.kind === "started" ? [result.sopName] : []));
}

/** One describe block's broker and publisher, started before its tests; sources made with `wire` are disposed after. */
export interface MqttSuite {
  readonly broker: Mosquitto;
  readonly pub: MqttClient;
  wire(...args: Parameters<typeof wireSource>): Wired;
}

/** Registers the suite's before/after hooks in the calling describe block. */
export function mqttSuite(publisherOptions: IClientOptions = {}): MqttSuite {
  const running: Wired[] = [];
  let broker: Mosquitto | undefined;
  let pub: MqttClient | undefined;
  before(async () => {
    const started = await startMosquitto();
    broker = started;
    pub = await publisher(started, publisherOptions);
  });
  after(async () => {
    await Promise.all(running.map((wired) => wired.dispose()));
    await pub?.endAsync();
    await broker?.dispose();
  });
  return {
    get broker() {
      if (broker === undefined) throw new Error("the broker starts in the suite's before hook");
      return broker;
    },
    get pub() {
      if (pub === undefined) throw new Error("the publisher connects in the suite's before hook");
      return pub;
    },
    wire(...args) {
      const wired = wireSource(...args);
      running.push(wired);
      return wired;
    },
  };
}
