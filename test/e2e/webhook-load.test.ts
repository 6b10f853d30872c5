// Load (issue #8): webhook deliveries with retried idempotency keys against the compiled daemon on loopback, retries
// sent while the first delivery may still be in flight: exactly one run per distinct key, every retry answered
// duplicate. CI size 1,000 deliveries; full size (ZEROCLAW_FULL_SIZE=1) 10,000.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { binaryWorkspace, pair, startDaemon } from "./daemon-process.ts";
import { report, seededRandom, sized } from "./load-size.ts";

const deliveries = sized(1_000, 10_000);
const clients = 16;

describe("webhook load (compiled binary)", () => {
  test(`${deliveries} deliveries, 20 % of them retried keys: one run per distinct key`, { timeout: 600_000 },
    async () => {
      const { dir, binary } = binaryWorkspace({
        "config.toml": "[sop]\nmax_concurrent_total = 1000000\n[gateway]\nwebhook_rate_limit_per_minute = 0\n"
          + "api_rate_limit_per_minute = 0\nidempotency_max_keys = 100000\n",
        "sops/ingest/SOP.toml": '[sop]\nname = "ingest"\ndescription = "Take in a delivery"\nmax_concurrent = 1000000\n'
          + "execution_mode = \"supervised\"\n\n[[triggers]]\ntype = \"webhook\"\npath = \"/sop/ingest\"\n",
        "sops/ingest/SOP.md": "## Steps\n\n1. **Record** — Record the delivery.\n",
      });
      const daemon = await startDaemon(dir, binary);
      const token = await pair(daemon);
      // 80 % first deliveries, 20 % retries of a key sent earlier, some of them right behind the first.
      const random = seededRandom(1);
      const distinct = Math.round(deliveries * 0.8);
      const plan: string[] = Array.from({ length: distinct }, (_, i) => `key-${i}`);
      for (let i = distinct; i < deliveries; i++) {
        const at = Math.floor(random() * distinct);
        plan.splice(Math.min(plan.length, at + 1 + Math.floor(random() * 8)), 0, `key-${at}`);
      }
      const started = new Map<string, string>();
      const statuses = new Map<number, number>();
      let next = 0;
      const began = performance.now();
      await Promise.all(Array.from({ length: clients }, async () => {
        while (next < plan.length) {
          const key = plan[next++] as string;
          const response = await fetch(`${daemon.url}/sop/ingest`, { method: "POST", body: JSON.stringify({ key }),
            headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json",
              "X-Idempotency-Key": key } });
          const body = await response.json() as { runs?: { run_id: string }[] };
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 202) {
            assert.equal(started.has(key), false, `${key} started twice`);
            started.set(key, body.runs?.[0]?.run_id ?? "");
          }
        }
      }));
      const seconds = (performance.now() - began) / 1000;
      assert.deepEqual(Object.fromEntries(statuses), { 202: distinct, 200: deliveries - distinct });
      const listed = await fetch(`${daemon.url}/api/runs?sop=ingest`,
        { headers: { Authorization: `Bearer ${token}` } });
      const runs = await listed.json() as { run_id: string; trigger_event: { payload: string } }[];
      const perKey = new Map<string, number>();
      for (const run of runs) {
        const key = (JSON.parse(run.trigger_event.payload) as { key: string }).key;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        assert.equal(started.get(key), run.run_id, `${key}'s run is the acknowledged one`);
      }
      assert.equal(runs.length, distinct, "one run per distinct key");
      assert.ok([...perKey.values()].every((count) => count === 1));
      assert.equal(await daemon.stop(), 0);
      report(`webhook load: ${deliveries} deliveries (${distinct} keys, ${deliveries - distinct} retries) in `
        + `${seconds.toFixed(1)} s, ${runs.length} runs, lost 0, duplicated 0`);
    });
});
