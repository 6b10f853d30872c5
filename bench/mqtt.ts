// MQTT source throughput and latency against mosquitto on loopback (issue 6), in one run:
// - messages/s consumed at QoS 0 and QoS 1 for non-matching traffic, by the zeroclaw source (1,000 SOPs loaded,
//   SQLite state store) and by a bare mqtt.js subscriber (the ceiling). Each consumer drains the same number of
//   messages queued for its persistent session while it was away, so no publisher competes for the CPU while it is
//   timed (first message to last);
// - matched message → run started latency (publish to dispatch result) at 1,000 runs/s, p50 and p99.
// Run: `bun bench/mqtt.ts` (targets: source QoS 0 rate ≥ 70% of the bare QoS 0 rate; p99 < 10 ms). Environment:
// MESSAGES per drain (50,000), ROUNDS (5), SECONDS of latency traffic per figure (10), PART=drain|latency.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import { manualClock } from "../src/actors/clock.ts";
import { createDispatcher, type Dispatcher } from "../src/actors/dispatcher.ts";
import { Engine } from "../src/actors/engine.ts";
import { defaultEngineConfig } from "../src/actors/engine-types.ts";
import type { Sop } from "../src/compiler/sop.ts";
import type { Qos } from "../src/io/mqtt/mqtt-config.ts";
import { startMqttSource, type MqttSource } from "../src/io/mqtt/mqtt-source.ts";
import { openStateStore } from "../src/io/store/state.ts";
import type { StateStore } from "../src/io/store/state-store.ts";
import { startMosquitto, type Mosquitto } from "../test/io/mqtt/mosquitto.ts";

const drainCount = Number(process.env["MESSAGES"] ?? 50_000);
const latencySeconds = Number(process.env["SECONDS"] ?? 10);
const rounds = Number(process.env["ROUNDS"] ?? 5);
const part = process.env["PART"]; // "drain" or "latency" runs only that half
const ratePerSecond = 1_000;

const sop = (name: string, topic: string, condition?: string): Sop => ({
  name, description: "bench", version: "1", priority: "normal", executionMode: "auto", cooldownSecs: 0,
  maxConcurrent: 1_000_000, steps: [{ number: 1, title: "Look", body: "Look.", suggestedTools: [],
    requiresConfirmation: false }], location: name,
  triggers: [condition === undefined ? { type: "mqtt", topic } : { type: "mqtt", topic, condition }],
});
// 1,000 SOPs on site/deviceN/# (half with a payload condition) and one on alarm/+/level; the drained traffic,
// site/sensorN/temp, matches none of them.
const sops: Sop[] = [sop("alarm", "alarm/+/level", "$.level > 5"), ...Array.from({ length: 1000 }, (_, i) =>
  sop(`site-${String(i).padStart(4, "0")}`, `site/device${i}/#`, i % 2 === 0 ? "$.value > 50" : undefined))];
const telemetry = (i: number) => `{"value": ${i % 100}, "unit": "C", "seq": ${i}}`;

const silent = { info() {}, warn() {}, error() {} };

interface Daemon {
  readonly dispatcher: Dispatcher;
  readonly store: StateStore;
  close(): void;
}

/** An engine over 1,000 SOPs and a SQLite state store in a temporary folder, as the daemon has. */
function daemon(): Daemon {
  const dir = mkdtempSync(join(tmpdir(), "zeroclaw-bench-mqtt-"));
  const store = openStateStore(dir);
  const engine = new Engine({ sops, clock: manualClock(Date.UTC(2026, 0, 1)), store,
    config: { ...defaultEngineConfig, maxConcurrentTotal: 1_000_000, maxFinishedRuns: 1000 } });
  return { dispatcher: createDispatcher(engine), store, close() {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  } };
}

/** A consumer under test: started (connected and subscribed), stopped, and told of each message. */
interface Consumer {
  start(onMessage: (payload: string) => void): Promise<void>;
  stop(): Promise<void>;
}

function bareConsumer(broker: Mosquitto, clientId: string, qos: Qos, topic: string): Consumer {
  let client: MqttClient | undefined;
  return {
    async start(onMessage) {
      const options: IClientOptions = { host: broker.host, port: broker.port, protocol: "mqtt", protocolVersion: 5,
        clientId, clean: false, properties: { sessionExpiryInterval: 3600 }, reconnectPeriod: 0 };
      client = connect(options);
      client.on("message", (_topic, payload) => onMessage(payload.toString("utf8")));
      await new Promise<void>((resolve) => client?.once("connect", () => resolve()));
      await client.subscribeAsync(topic, { qos });
    },
    async stop() {
      await client?.endAsync();
    },
  };
}

function sourceConsumer(broker: Mosquitto, clientId: string, qos: Qos, topic: string, state: Daemon): Consumer {
  let source: MqttSource | undefined;
  return {
    async start(onMessage) {
      const dispatcher = { dispatch: (event: Parameters<Dispatcher["dispatch"]>[0]) => {
        const results = state.dispatcher.dispatch(event);
        if (results[0]?.kind === "started" || results[0]?.kind === "no_match") onMessage(event.payload ?? "");
        else throw new Error(`unexpected dispatch result ${JSON.stringify(results)}`);
        return results;
      } };
      source = startMqttSource({ config: { broker_url: broker.url, client_id: clientId, topics: [topic], qos,
        use_tls: false, keep_alive_secs: 30, clean_session: false }, dispatcher, store: state.store, log: silent });
      while (source.health().state !== "connected") await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async stop() {
      await source?.stop();
    },
  };
}

/** Messages/s at which `consumer` drains `count` messages queued for its persistent session while it was away. */
async function drainRate(publisher: MqttClient, consumer: Consumer, qos: Qos, count: number): Promise<number> {
  await consumer.start(() => {});
  await consumer.stop();
  for (let i = 0; i < count; i += 500) { // in batches: mqtt.js adds a drain listener per publish waiting on the socket
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) =>
      publisher.publishAsync(`site/sensor${(i + k) % 1000}/temp`, telemetry(i + k), { qos }));
    await Promise.all(batch);
  }
  await publisher.publishAsync("barrier", "", { qos: 1 }); // in order on one connection: all are queued
  let received = 0;
  let first = 0;
  let last = 0;
  let started: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve) => {
    started = consumer.start(() => {
      if (received++ === 0) first = performance.now();
      if (received === count) {
        last = performance.now();
        resolve();
      }
    });
  });
  await started; // queued messages flow as soon as the session resumes, before the subscription is renewed
  await consumer.stop();
  return (count - 1) / ((last - first) / 1000);
}

/** Publishes matched messages at `ratePerSecond` for `seconds` and returns each one's publish → run started time. */
async function runLatencies(broker: Mosquitto, publisher: MqttClient, qos: Qos, seconds: number, bare: boolean)
  : Promise<number[]> {
  const latencies: number[] = [];
  const record = (payload: string) => {
    const now = performance.now();
    latencies.push(now - (JSON.parse(payload) as { sent: number }).sent);
  };
  const state = bare ? undefined : daemon();
  const clientId = `latency-${bare ? "bare" : "source"}-${qos}`;
  const consumer = state === undefined ? bareConsumer(broker, clientId, qos, "alarm/#")
    : sourceConsumer(broker, clientId, qos, "alarm/#", state);
  await consumer.start(record);
  const startedAt = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(seconds * ratePerSecond, Math.floor((performance.now() - startedAt) * ratePerSecond / 1000));
      for (; sent < due; sent++) {
        publisher.publish(`alarm/boiler${sent % 10}/level`, `{"level": 9, "sent": ${performance.now()}}`, { qos });
      }
      if (sent >= seconds * ratePerSecond) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const deadline = performance.now() + 5_000;
  while (latencies.length < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await consumer.stop();
  state?.close();
  if (latencies.length < sent) throw new Error(`only ${latencies.length} of ${sent} matched messages arrived`);
  return latencies.slice(ratePerSecond); // the first second warms up
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

const format = (n: number) => Math.round(n).toLocaleString("en-US");

const broker = await startMosquitto({ extra: ["queue_qos0_messages true", "max_queued_messages 0"] });
const publisher = connect({ host: broker.host, port: broker.port, protocol: "mqtt", clientId: "bench-publisher" });
await new Promise<void>((resolve) => publisher.once("connect", () => resolve()));
try {
  console.log(`mosquitto on 127.0.0.1; ${format(sops.length)} SOPs loaded; SQLite state store in ${tmpdir()}`);
  if (part !== "latency") await throughput();
  if (part !== "drain") await latency();
} finally {
  await publisher.endAsync();
  await broker.dispose();
}

/** Drain rates of the bare subscriber and the source, alternating, at QoS 0 then QoS 1. */
async function throughput(): Promise<void> {
  console.log(`${format(drainCount)} non-matching messages per drain, median of ${rounds} rounds, bare and source`
    + " alternating");
  const rates = { bare: [[], []] as number[][], source: [[], []] as number[][] };
  for (const qos of [0, 1] as const) {
    const state = daemon();
    await drainRate(publisher, sourceConsumer(broker, `warm-${qos}`, qos, "site/#", state), qos, 5_000);
    for (let round = 0; round < rounds; round++) {
      rates.bare[qos]?.push(await drainRate(publisher, bareConsumer(broker, `bare-${qos}-${round}`, qos,
        "site/#"), qos, drainCount));
      rates.source[qos]?.push(await drainRate(publisher, sourceConsumer(broker, `source-${qos}-${round}`, qos,
        "site/#", state), qos, drainCount));
    }
    state.close();
  }
  const bare0 = median(rates.bare[0] ?? []);
  for (const qos of [0, 1] as const) {
    const bare = median(rates.bare[qos] ?? []);
    const source = median(rates.source[qos] ?? []);
    console.log(`QoS ${qos}: bare mqtt.js ${format(bare)} msg/s; zeroclaw source ${format(source)} msg/s `
      + `(${Math.round(100 * source / bare)}% of bare QoS ${qos}, ${Math.round(100 * source / bare0)}% of bare QoS 0;`
      + " target ≥ 70% of bare QoS 0)");
  }
}

/** Publish → run started (and publish → message event for the bare subscriber) at `ratePerSecond`. */
async function latency(): Promise<void> {
  for (const qos of [1, 0] as const) {
    for (const bare of [true, false]) {
      const sorted = (await runLatencies(broker, publisher, qos, latencySeconds, bare)).sort((a, b) => a - b);
      const what = bare ? "bare mqtt.js message event" : "zeroclaw run started";
      console.log(`QoS ${qos}, ${format(ratePerSecond)} msg/s for ${latencySeconds} s, publish → ${what}: `
        + `p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms, `
        + `max ${percentile(sorted, 1).toFixed(2)} ms${bare ? "" : " (target p99 < 10 ms)"}`);
    }
  }
}
