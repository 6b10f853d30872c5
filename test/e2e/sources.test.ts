// Event sources in the compiled binary against real parts (issue #6): a serial board on a socat pty pair, including
// unplugging and replugging the device while the daemon runs.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { startMosquitto } from "../io/mqtt/mosquitto.ts";
import { publisher } from "../io/mqtt/mqtt-fixture.ts";
import { startPtyPair } from "../io/serial/pty-pair.ts";
import { binaryWorkspace, startDaemon, type RunningDaemon } from "./daemon-process.ts";

interface RunJson {
  readonly run_id: string;
  readonly trigger_event: { readonly source: string; readonly topic: string; readonly payload: string };
}

async function get<T>(daemon: RunningDaemon, path: string): Promise<T> {
  return await (await fetch(`${daemon.url}${path}`)).json() as T;
}

/** Polls the daemon until `check` holds for the JSON at `path`. */
async function until<T>(daemon: RunningDaemon, path: string, what: string, check: (value: T) => boolean)
  : Promise<T> {
  let last: T | undefined;
  const deadline = Date.now() + 15_000;
  for (;;) {
    last = await get<T>(daemon, path);
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("event sources in dist/zeroclaw", () => {
  test("a serial board: lines start runs, a false condition starts none, unplug and replug carry on", async () => {
    const { dir, binary } = binaryWorkspace({
      "sops/boiler/SOP.toml": '[sop]\nname = "boiler-hot"\ndescription = "Boiler too hot"\nmax_concurrent = 10\n'
        + 'execution_mode = "supervised"\n\n[[triggers]]\ntype = "peripheral"\nboard = "boiler"\nsignal = "temp"\n'
        + 'condition = "> 85"\n',
      "sops/boiler/SOP.md": "## Steps\n\n1. **Vent** — Open the vent.\n",
    });
    const pty = await startPtyPair(dir);
    const config = `[gateway]\nrequire_pairing = false\n\n[[peripherals.boards]]\nboard = "boiler"\npath = "${pty.device}"\n`
      + "baud = 9600\n";
    writeFileSync(join(dir, "config.toml"), config);
    const daemon = await startDaemon(dir, binary);
    try {
      await until<{ sources: { peripherals: Record<string, { status: string }> } }>(daemon, "/healthz", "board open",
        (health) => health.sources.peripherals["boiler"]?.status === "ok");
      pty.write("temp 91.5\ntemp 20\n");
      const first = await until<RunJson[]>(daemon, "/api/runs?sop=boiler-hot", "a run", (runs) => runs.length >= 1);
      assert.deepEqual(first.map((run) => [run.trigger_event.source, run.trigger_event.topic, run.trigger_event.payload]),
        [["peripheral", "boiler/temp", "91.5"]]);

      await pty.unplug();
      await until<{ sources: { peripherals: Record<string, { status: string }> } }>(daemon, "/healthz", "board lost",
        (health) => health.sources.peripherals["boiler"]?.status !== "ok");
      await pty.replug();
      await until<{ sources: { peripherals: Record<string, { status: string }> } }>(daemon, "/healthz",
        "board reopened", (health) => health.sources.peripherals["boiler"]?.status === "ok");
      pty.write("temp 99\n");
      const second = await until<RunJson[]>(daemon, "/api/runs?sop=boiler-hot", "a second run",
        (runs) => runs.length >= 2);
      assert.deepEqual(second.map((run) => run.trigger_event.payload), ["91.5", "99"]);
      const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
      assert.match(metrics, /zeroclaw_dispatch_results_total\{source="peripheral",result="started"\} 2/);
    } finally {
      assert.equal(await daemon.stop(), 0);
      await pty.dispose();
    }
  });

  test("MQTT: a matching message on a real mosquitto starts a run; a non-matching one does not; health is ok",
    { timeout: 30_000 }, async () => {
      const broker = await startMosquitto();
      const { dir, binary } = binaryWorkspace({
        "sops/deploy/SOP.toml": '[sop]\nname = "deploy"\ndescription = "Deploy"\nmax_concurrent = 10\n'
          + 'execution_mode = "supervised"\n\n[[triggers]]\ntype = "mqtt"\ntopic = "ops/+/deploy"\n'
          + 'condition = "$.env == \\"prod\\""\n',
        "sops/deploy/SOP.md": "## Steps\n\n1. **Ship** — Ship it.\n",
        "config.toml": `[gateway]\nrequire_pairing = false\n\n[channels_config.mqtt]\nbroker_url = "${broker.url}"\n`
          + 'topics = ["ops/#"]\nclient_id = "zeroclaw-e2e"\nqos = 1\n',
      });
      const daemon = await startDaemon(dir, binary);
      const client = await publisher(broker);
      try {
        await until<{ sources: { mqtt: { status: string } } }>(daemon, "/healthz", "mqtt connected",
          (health) => health.sources.mqtt.status === "ok");
        await client.publishAsync("ops/eu/deploy", '{"env": "staging"}', { qos: 1 });
        await client.publishAsync("ops/eu/deploy", '{"env": "prod"}', { qos: 1 });
        const runs = await until<RunJson[]>(daemon, "/api/runs?sop=deploy", "a run", (list) => list.length >= 1);
        assert.deepEqual(runs.map((run) => [run.trigger_event.source, run.trigger_event.topic, run.trigger_event.payload]),
          [["mqtt", "ops/eu/deploy", '{"env": "prod"}']]);
        const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
        assert.match(metrics, /zeroclaw_dispatch_results_total\{source="mqtt",result="started"\} 1/);
      } finally {
        await client.endAsync();
        assert.equal(await daemon.stop(), 0);
        await broker.dispose();
      }
      assert.equal(daemon.stderr().match(/SOP audit: run run-\S+ started for 'deploy'/g)?.length, 1,
        "the start is logged once");
    });
});
