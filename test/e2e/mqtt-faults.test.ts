// Faults (issue #8): a QoS 1 MQTT stream into the compiled daemon (persistent session, clean_session = false) while
// the broker is restarted twice and the daemon is killed with SIGKILL once, each in the middle of the stream: every
// message starts its run, and none starts two: a message whose dispatch was committed but whose PUBACK never reached
// the broker comes back with DUP set, and the source recognises it by the packet id and digest it recorded with the
// dispatch (StateStore.mqttDeliveries). CI size 500 messages; full size (ZEROCLAW_FULL_SIZE=1) 10,000.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { MqttClient } from "mqtt";
import { startMosquitto } from "../io/mqtt/mosquitto.ts";
import { publisher } from "../io/mqtt/mqtt-fixture.ts";
import { binaryWorkspace, startDaemon, type RunningDaemon } from "./daemon-process.ts";
import { report, sized } from "./load-size.ts";

const messages = sized(500, 10_000);

interface RunJson {
  readonly run_id: string;
  readonly trigger_event: { readonly payload: string };
}

async function runsOf(daemon: RunningDaemon): Promise<RunJson[]> {
  return await (await fetch(`${daemon.url}/api/runs?sop=sensor`)).json() as RunJson[];
}

async function mqttUp(daemon: RunningDaemon): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const health = await (await fetch(`${daemon.url}/healthz`)).json() as { sources: { mqtt: { status: string } } };
    if (health.sources.mqtt.status === "ok") return;
    if (Date.now() > deadline) throw new Error(`MQTT never came up: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Publishes messages `from` to `to` (exclusive) at QoS 1, each acknowledged by the broker before the next batch. */
async function publish(client: MqttClient, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 50) {
    const batch = Array.from({ length: Math.min(50, to - start) }, (_, i) => start + i);
    await Promise.all(batch.map((n) => client.publishAsync(`load/${n % 10}`, JSON.stringify({ n }), { qos: 1 })));
  }
}

interface Outcome {
  readonly runs: number;
  readonly missing: readonly number[];
  readonly twice: readonly number[];
  readonly faults: readonly string[];
}

/** The stream with its three faults; what the daemon's runs say about each message afterwards. */
async function streamWithFaults(): Promise<Outcome> {
  const broker = await startMosquitto();
  const { dir, binary } = binaryWorkspace({
    "sops/sensor/SOP.toml": '[sop]\nname = "sensor"\ndescription = "A reading"\nmax_concurrent = 1000000\n'
      + 'execution_mode = "supervised"\n\n[[triggers]]\ntype = "mqtt"\ntopic = "load/+"\n',
    "sops/sensor/SOP.md": "## Steps\n\n1. **Look** — Look at the reading.\n",
    "config.toml": "[sop]\nmax_concurrent_total = 1000000\nmax_finished_runs = 1000000\n"
      + `[gateway]\nrequire_pairing = false\n\n[channels_config.mqtt]\nbroker_url = "${broker.url}"\n`
      + 'topics = ["load/#"]\nclient_id = "zeroclaw-faults"\nqos = 1\nclean_session = false\n',
  });
  let daemon = await startDaemon(dir, binary);
  let client: MqttClient | undefined;
  const faults: string[] = [];
  try {
    await mqttUp(daemon);
    client = await publisher(broker);
    const quarter = Math.floor(messages / 4);
    // Each fault lands while the daemon is still taking in the messages before it.
    await publish(client, 0, quarter);
    await client.endAsync();
    await broker.restart();
    faults.push("broker restart");
    client = await publisher(broker);
    await publish(client, quarter, 2 * quarter);
    assert.equal(await daemon.stop("SIGKILL"), null);
    faults.push("daemon SIGKILL");
    await publish(client, 2 * quarter, 3 * quarter); // queued by the broker for the daemon's session
    daemon = await startDaemon(dir, binary);
    await mqttUp(daemon);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.endAsync();
    await broker.restart();
    faults.push("broker restart");
    client = await publisher(broker);
    await publish(client, 3 * quarter, messages);
    const deadline = Date.now() + 60_000;
    const distinct = (list: readonly RunJson[]): number => new Set(list.map((run) => run.trigger_event.payload)).size;
    let runs = await runsOf(daemon);
    while (distinct(runs) < messages && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = await runsOf(daemon);
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a late redelivery
    runs = await runsOf(daemon);
    const counts = new Map<number, number>();
    for (const run of runs) {
      const n = (JSON.parse(run.trigger_event.payload) as { n: number }).n;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const missing = Array.from({ length: messages }, (_, n) => n).filter((n) => !counts.has(n));
    const twice = [...counts].filter(([, count]) => count > 1).map(([n]) => n);
    return { runs: runs.length, missing, twice, faults };
  } finally {
    await client?.endAsync();
    await daemon.stop();
    await broker.dispose();
  }
}

describe("MQTT QoS 1 under faults (compiled binary, real mosquitto)", () => {
  test(`${messages} messages, broker restarted twice, daemon killed once: every message dispatched once`,
    { timeout: 600_000 }, async () => {
      const outcome = await streamWithFaults();
      assert.deepEqual({ missing: outcome.missing, twice: outcome.twice }, { missing: [], twice: [] });
      report(`MQTT QoS 1: ${messages} messages, faults: ${outcome.faults.join(", ")}; ${outcome.runs} runs, lost 0, `
        + "dispatched twice 0");
    });
});
