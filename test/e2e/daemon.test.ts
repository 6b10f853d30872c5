// The compiled binary as a daemon (issue #5): the README walk over loopback (pair, webhook, approve, advance, status),
// a clean stop on SIGTERM, state across a restart, a second daemon and a public bind refused, and a SIGKILL in the
// middle of a stream of webhook deliveries: after the restart no acknowledged run is lost and no retried idempotency
// key starts a second run.
import assert from "node:assert/strict";
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { binaryWorkspace, cli, pair, startDaemon, type RunningDaemon } from "./daemon-process.ts";

const root = join(import.meta.dirname, "..", "..");

const ingestSop = {
  "sops/ingest/SOP.toml": `[sop]
name = "ingest"
description = "Take in a delivery"
execution_mode = "supervised"
max_concurrent = 100000

[[triggers]]
type = "webhook"
path = "/sop/ingest"
`,
  "sops/ingest/SOP.md": "## Steps\n\n1. **Record** — Record the delivery.\n",
};

function post(daemon: RunningDaemon, path: string, token: string, body: string, key?: string): Promise<Response> {
  return fetch(`${daemon.url}${path}`, { method: "POST", body, headers: {
    "Authorization": `Bearer ${token}`, "Content-Type": "application/json",
    ...(key === undefined ? {} : { "X-Idempotency-Key": key }),
  } });
}

describe("zeroclaw daemon (compiled binary)", () => {
  test("the README walk: pair, webhook, approve, advance to completion, status; SIGTERM exits 0", async () => {
    const { dir, binary } = binaryWorkspace({ "config.toml": "" });
    cpSync(join(root, "sops"), join(dir, "sops"), { recursive: true });
    const daemon = await startDaemon(dir, binary);
    assert.match(daemon.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await pair(daemon);
    assert.match(token, /^zc_[0-9a-f]{64}$/);

    const accepted = await post(daemon, "/sop/deploy", token, '{"ref": "v1.2.3"}', "deliver-1");
    assert.equal(accepted.status, 202);
    const body = await accepted.json() as { runs: { sop: string; status: string; run_id: string }[] };
    const runId = body.runs[0]?.run_id ?? "";
    assert.deepEqual(body.runs, [{ sop: "deploy-prod", status: "started", run_id: runId }]);
    const retried = await post(daemon, "/sop/deploy", token, '{"ref": "v1.2.3"}', "deliver-1");
    assert.deepEqual([retried.status, await retried.json()], [200, { status: "duplicate", idempotent: true,
      message: "Request already processed for this idempotency key" }]);

    const mcp = await fetch(`${daemon.url}/mcp`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    assert.equal(mcp.status, 404, "/mcp is served only with [gateway] mcp = true");
    const remote = ["--url", daemon.url, "--token", token];
    const pending = cli(dir, binary, ["sop", "pending", ...remote]);
    assert.equal(pending.code, 0, pending.stderr);
    assert.match(pending.stdout, new RegExp(`^${runId}\tdeploy-prod\tstep 1/3\t`));
    assert.equal(cli(dir, binary, ["sop", "approve", runId, ...remote]).code, 0);
    for (const step of [1, 2, 3]) {
      if (step === 2) assert.equal(cli(dir, binary, ["sop", "approve", runId, ...remote]).code, 0); // confirmation
      const advanced = cli(dir, binary, ["sop", "advance", runId, "--status", "completed", "--output", `ok ${step}`,
        ...remote]);
      assert.equal(advanced.code, 0, advanced.stderr);
    }
    const status = cli(dir, binary, ["sop", "status", runId, "--json", ...remote]);
    assert.equal(status.code, 0, status.stderr);
    const run = JSON.parse(status.stdout) as { status: string; step_results: { output: string }[] };
    assert.equal(run.status, "completed");
    assert.deepEqual(run.step_results.map((result) => result.output), ["ok 1", "ok 2", "ok 3"]);

    assert.equal(await daemon.stop("SIGTERM"), 0);

    const again = await startDaemon(dir, binary);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(again.lines.slice(1), [], "a paired daemon prints no pairing code");
    const stored = await fetch(`${again.url}/api/runs/${runId}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(stored.status, 200, "the token survives the restart");
    assert.equal((await stored.json() as { status: string }).status, "completed");
    const late = await post(again, "/sop/deploy", token, '{"ref": "v1.2.3"}', "deliver-1");
    assert.equal(late.status, 200, "the idempotency key survives the restart");
    assert.equal(await again.stop("SIGINT"), 0);
  });

  test("a second daemon on the same state folder, and a public bind, are refused with exit 1", async () => {
    const { dir, binary } = binaryWorkspace({ "config.toml": "", ...ingestSop });
    const first = await startDaemon(dir, binary);
    const second = cli(dir, binary, ["daemon", "--workspace", ".", "--config", "config.toml", "--port", "0"]);
    assert.equal(second.code, 1);
    assert.equal(second.stderr, "Error: state folder ./state is in use by another zeroclaw daemon (./state/sop.db is locked)\n");
    assert.equal(await first.stop(), 0);
    const open = cli(dir, binary, ["daemon", "--workspace", ".", "--config", "config.toml", "--host", "0.0.0.0"]);
    assert.equal(open.code, 1);
    assert.equal(open.stderr,
      "Error: Refusing to bind to public address 0.0.0.0: set [gateway] allow_public_bind = true to allow it\n");
    const fresh = binaryWorkspace({ "config.toml": "" });
    assert.equal(cli(fresh.dir, fresh.binary, ["daemon", "--workspace", ".", "--config", "config.toml", "--host",
      "192.168.1.10"]).code, 1);
    assert.equal(existsSync(join(fresh.dir, "state")), false, "a refused bind opens no state folder");
  });

  test("SIGKILL during webhook deliveries: after a restart, every acknowledged run is there and retries start none", async () => {
    const { dir, binary } = binaryWorkspace({ ...ingestSop, "config.toml":
      "[sop]\nmax_concurrent_total = 100000\n[gateway]\nwebhook_rate_limit_per_minute = 0\n" });
    const first = await startDaemon(dir, binary);
    const token = await pair(first);
    const keys = Array.from({ length: 400 }, (_, i) => `delivery-${i}`);
    const acknowledged = new Map<string, string>();
    let killed: Promise<number | null> | undefined;
    // Four clients deliver in parallel; the daemon is killed once 150 deliveries were acknowledged.
    await Promise.all([0, 1, 2, 3].map(async (client) => {
      for (let i = client; i < keys.length && killed === undefined; i += 4) {
        const key = keys[i] ?? "";
        try {
          const response = await post(first, "/sop/ingest", token, `{"n": ${i}}`, key);
          const body = await response.json() as { runs: { run_id: string }[] };
          if (response.status === 202) acknowledged.set(key, body.runs[0]?.run_id ?? "");
        } catch {
          return; // the connection died with the daemon
        }
        if (acknowledged.size >= 150 && killed === undefined) killed = first.stop("SIGKILL");
      }
    }));
    assert.equal(await killed, null, "killed by the signal");

    const second = await startDaemon(dir, binary);
    const retried = new Map<string, number>();
    for (const key of keys) {
      const response = await post(second, "/sop/ingest", token, "{}", key);
      retried.set(key, response.status);
      await response.body?.cancel();
    }
    for (const key of acknowledged.keys()) assert.equal(retried.get(key), 200, `${key} was acknowledged: duplicate`);
    const listed = await fetch(`${second.url}/api/runs?sop=ingest`, { headers: { Authorization: `Bearer ${token}` } });
    const runs = await listed.json() as { run_id: string; trigger_event: { payload: string } }[];
    const ids = new Set(runs.map((run) => run.run_id));
    for (const [key, runId] of acknowledged) assert.ok(ids.has(runId), `acknowledged run ${runId} (${key}) is kept`);
    // One run per distinct key: those committed before the kill plus those the retries started.
    assert.equal(runs.length, keys.length, "every key started exactly one run");
    assert.equal(await second.stop(), 0);
  });

  test("a real */1 cron trigger starts a run within the first ticks; later fires are skipped by max_concurrent", async () => {
    const { dir, binary } = binaryWorkspace({
      "config.toml": "[sop]\nscheduler_poll_secs = 1\n[gateway]\nrequire_pairing = false\n",
      "sops/tick/SOP.toml": '[sop]\nname = "tick"\ndescription = "Every second"\nexecution_mode = "supervised"\n\n'
        + '[[triggers]]\ntype = "cron"\nexpression = "*/1 * * * * *"\n',
      "sops/tick/SOP.md": "## Steps\n\n1. **Look** — Look around.\n",
    });
    const daemon = await startDaemon(dir, binary);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const runs = await (await fetch(`${daemon.url}/api/runs?sop=tick`)).json() as
      { run_id: string; trigger_event: { source: string; topic: string } }[];
    assert.equal(runs.length, 1);
    assert.deepEqual([runs[0]?.trigger_event.source, runs[0]?.trigger_event.topic], ["cron", "*/1 * * * * *"]);
    const health = await (await fetch(`${daemon.url}/healthz`)).json() as { sources: { cron: { status: string } } };
    assert.equal(health.sources.cron.status, "ok");
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    assert.match(metrics, /zeroclaw_dispatch_results_total\{source="cron",result="started"\} 1\n/);
    assert.equal(await daemon.stop(), 0);
    assert.match(daemon.stderr(), new RegExp(`INFO SOP audit: run ${runs[0]?.run_id} started for 'tick'`));
    assert.match(daemon.stderr(), /INFO SOP dispatch: skipped 'tick': Cannot start SOP 'tick': cooldown or concurrency/);
  });
});
