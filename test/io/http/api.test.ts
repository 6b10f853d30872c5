// The /api routes end to end (INTERFACES.md "Agent tools", "Gateway HTTP endpoints"): tools, definitions, runs, the
// run commands, bearer and rate limit.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compileRunMachine } from "../../../src/compiler/run-machine.ts";
import { sopToJson } from "../../../src/compiler/sop-json.ts";
import { makeSop } from "../../actors/engine-fixture.ts";
import { jsonHeaders, startGateway, webhookSop } from "./gateway-fixture.ts";

const sops = [makeSop("backup"), makeSop("deploy", { executionMode: "supervised" })];
const get = { method: "GET" };
const referenceKeys = [
  "run_id",
  "sop_name",
  "trigger_event",
  "status",
  "current_step",
  "total_steps",
  "started_at",
  "completed_at",
  "step_results",
  "waiting_since",
];

describe("/api guards", () => {
  test("every /api route needs the bearer token when pairing is required; the api limit comes first", async () => {
    const g = await startGateway({
      sops,
      gateway: { require_pairing: true, paired_tokens: ["t"], api_rate_limit_per_minute: 4 },
    });
    try {
      const unauthorized =
        '{"error":"Unauthorized — pair first via POST /pair, then send Authorization: Bearer <token>"}';
      const guarded: [string, string][] = [["/api/sops", "GET"], ["/api/tools/sop_list", "POST"], [
        "/api/nothing",
        "GET",
      ]];
      for (const [path, method] of guarded) {
        const reply = await g.request(path, { method });
        assert.deepEqual([reply.status, reply.text], [401, unauthorized], path);
      }
      assert.equal(
        (await g.request("/api/sops", { method: "GET", headers: { authorization: "Bearer t" } })).status,
        200,
      );
      const denied = await g.request("/api/sops", { method: "GET", headers: { authorization: "Bearer t" } });
      assert.deepEqual([denied.status, denied.text], [
        429,
        '{"error":"Too many requests. Please retry later.","retry_after":60}',
      ]);
      assert.equal((await g.request("/sop/x")).status, 401, "the webhook budget is its own");
    } finally {
      await g.close();
    }
  });

  test("an /api path that names nothing is 404 after the guards; a wrong method is 405", async () => {
    const g = await startGateway({ sops });
    try {
      const missing = await g.request("/api/nothing", get);
      assert.deepEqual([missing.status, missing.text], [404, '{"error":"Not found"}']);
      const wrong = await g.request("/api/sops");
      assert.deepEqual([wrong.status, wrong.headers.get("allow")], [405, "GET"]);
      assert.equal((await g.request("/api/tools/sop_list", get)).status, 405);
    } finally {
      await g.close();
    }
  });
});

describe("POST /api/tools/{tool}", () => {
  test("a tool result is the 200 body, keys success, output, error", async () => {
    const g = await startGateway({ sops });
    try {
      const started = await g.request("/api/tools/sop_execute", { headers: jsonHeaders(), body: '{"name":"backup"}' });
      const runId = g.engine.activeRuns()[0]?.run.run_id ?? "";
      assert.equal(started.status, 200);
      assert.deepEqual(Object.keys(started.json as object), ["success", "output", "error"]);
      assert.match(started.text, new RegExp(`^\\{"success":true,"output":"SOP run started: ${runId}\\\\n\\\\n`));
      const failed = await g.request("/api/tools/sop_execute", { body: '{"name":"nope"}' });
      assert.deepEqual([failed.status, failed.text], [
        200,
        '{"success":false,"output":"","error":"Failed to start SOP: SOP not found: nope"}',
      ]);
      const listed = await g.request("/api/tools/sop_list");
      assert.equal((listed.json as { output: string }).output.startsWith("Loaded SOPs (2 total, 2 shown):"), true);
    } finally {
      await g.close();
    }
  });

  test("a thrown tool error is 400, an unknown tool 404, a body that is not JSON 400", async () => {
    const g = await startGateway({ sops });
    try {
      const missing = await g.request("/api/tools/sop_execute", { body: "{}" });
      assert.deepEqual([missing.status, missing.text], [400, `{"error":"Missing 'name' parameter"}`]);
      const unknown = await g.request("/api/tools/sop_nope", { body: "{}" });
      assert.deepEqual([unknown.status, unknown.text], [404, '{"error":"Unknown tool \\"sop_nope\\""}']);
      const bad = await g.request("/api/tools/sop_list", { body: "{name:1}" });
      assert.deepEqual([bad.status, bad.text], [400, '{"error":"Cannot parse request body: expected a JSON value"}']);
    } finally {
      await g.close();
    }
  });
});

describe("GET /api/sops", () => {
  test("definitions as sop list --json writes them, one by name, and the compiled machine", async () => {
    const g = await startGateway({ sops });
    try {
      const all = await g.request("/api/sops", get);
      assert.equal(all.text, JSON.stringify(sops.map(sopToJson)));
      const one = await g.request("/api/sops/deploy", get);
      assert.equal(one.text, JSON.stringify(sopToJson(sops[1] as (typeof sops)[number])));
      const machine = await g.request("/api/sops/deploy/machine", get);
      assert.deepEqual(machine.json, JSON.parse(JSON.stringify(compileRunMachine(sops[1] as (typeof sops)[number]))));
      const missing = await g.request("/api/sops/nope", get);
      assert.deepEqual([missing.status, missing.text], [404, '{"error":"SOP not found: nope"}']);
      assert.equal((await g.request("/api/sops/nope/machine", get)).status, 404);
    } finally {
      await g.close();
    }
  });
});

describe("/api/runs", () => {
  test("runs as the reference run JSON plus machine_state and escalated_at, filtered by status and sop", async () => {
    const g = await startGateway({ sops: [...sops, webhookSop("hook")] });
    try {
      for (const name of ["backup", "deploy"]) {
        await g.request("/api/tools/sop_execute", { body: `{"name":"${name}"}` });
      }
      const [backup, deploy] = g.engine.activeRuns().map((stored) => stored.run.run_id);
      await g.request(`/api/runs/${backup}/cancel`);
      const all = await g.request("/api/runs", get);
      const runs = all.json as Record<string, unknown>[];
      assert.deepEqual(runs.map((run) => run["run_id"]), [deploy, backup], "active first, then finished");
      assert.deepEqual(Object.keys(runs[0] ?? {}), [...referenceKeys, "machine_state", "escalated_at"]);
      assert.deepEqual([runs[0]?.["status"], runs[0]?.["machine_state"]], ["waiting_approval", "step_1_approval"]);
      assert.deepEqual([runs[1]?.["status"], runs[1]?.["machine_state"]], ["cancelled", "cancelled"]);
      const waiting = await g.request("/api/runs?status=waiting_approval", get);
      assert.deepEqual((waiting.json as { run_id: string }[]).map((run) => run.run_id), [deploy]);
      const bySop = await g.request("/api/runs?sop=backup&status=", get);
      assert.deepEqual((bySop.json as { run_id: string }[]).map((run) => run.run_id), [backup]);
      assert.equal((await g.request("/api/runs?sop=hook", get)).text, "[]");
      const one = await g.request(`/api/runs/${deploy}`, get);
      assert.deepEqual(one.json, runs[0]);
      const missing = await g.request("/api/runs/run-0-0001", get);
      assert.deepEqual([missing.status, missing.text], [404, '{"error":"Run not found: run-0-0001"}']);
    } finally {
      await g.close();
    }
  });

  test("approve, advance and cancel answer as their tools do, with the run id from the path", async () => {
    const g = await startGateway({ sops });
    try {
      await g.request("/api/tools/sop_execute", { body: '{"name":"deploy"}' });
      const runId = g.engine.activeRuns()[0]?.run.run_id ?? "";
      const early = await g.request(`/api/runs/${runId}/advance`, { body: '{"status":"completed","output":"x"}' });
      assert.equal(
        (early.json as { error: string }).error,
        `Failed to advance step: Run ${runId} is waiting for approval (step 1)`,
      );
      const approved = await g.request(`/api/runs/${runId}/approve`);
      assert.match(
        (approved.json as { output: string }).output,
        new RegExp(`^Approved. Proceeding with run ${runId}.`),
      );
      const noStatus = await g.request(`/api/runs/${runId}/advance`, { body: '{"output":"x","run_id":"other"}' });
      assert.deepEqual([noStatus.status, noStatus.text], [400, `{"error":"Missing 'status' parameter"}`]);
      const advanced = await g.request(`/api/runs/${runId}/advance`, {
        headers: jsonHeaders(),
        body: '{"status":"completed","output":"done"}',
      });
      assert.match(
        (advanced.json as { output: string }).output,
        new RegExp(`^Step recorded. Next step for run ${runId}:`),
      );
      const cancelled = await g.request(`/api/runs/${runId}/cancel`);
      assert.equal(cancelled.text, `{"success":true,"output":"SOP run ${runId} cancelled.","error":null}`);
      const again = await g.request(`/api/runs/${runId}/cancel`);
      assert.equal((again.json as { error: string }).error, `Cancel failed: Active run not found: ${runId}`);
    } finally {
      await g.close();
    }
  });
});
