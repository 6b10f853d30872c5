// What holds for every route (fan-in.md §3.1): the size limit, the request timeout, unknown paths, unexpected
// failures; and the /healthz and /metrics endpoints.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Tool } from "../../../src/actors/tools/tool.ts";
import { jsonHeaders, startGateway, webhookSop } from "./gateway-fixture.ts";

const invalidBody = '{"error":"Invalid JSON body. Expected: {\\"message\\": \\"...\\"}"}';

/** A request body that sends `chunks`, then either ends or stalls until cancelled. */
function streamed(chunks: string[], stall = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!stall) controller.close();
    },
  });
}

describe("body limit", () => {
  test("a declared length above max_body_bytes is 413 before any check, on every route", async () => {
    const g = await startGateway({
      sops: [webhookSop("a")],
      secret: "s",
      gateway: { max_body_bytes: 16, require_pairing: true, webhook_rate_limit_per_minute: 1 },
    });
    try {
      await g.request("/sop/a"); // uses up the webhook budget
      for (const path of ["/sop/a", "/webhook", "/pair", "/api/tools/sop_list", "/nowhere"]) {
        const reply = await g.request(path, { body: "x".repeat(17) });
        assert.deepEqual([reply.status, reply.text], [413, "length limit exceeded"], path);
        assert.match(reply.headers.get("content-type") ?? "", /^text\/plain/);
      }
      assert.equal((await g.request("/sop/a", { body: "x".repeat(16) })).status, 429, "16 bytes pass the limit");
    } finally {
      await g.close();
    }
  });

  test("a larger body sent without a declared length is 400", async () => {
    const g = await startGateway({ sops: [webhookSop("a")], gateway: { max_body_bytes: 16 } });
    try {
      const hook = await g.request("/sop/a", {
        headers: jsonHeaders(),
        body: streamed(['{"a":"', "x".repeat(20), '"}']),
      });
      assert.deepEqual([hook.status, hook.text], [400, invalidBody]);
      const api = await g.request("/api/tools/sop_list", { body: streamed(["[", "1,".repeat(10), "1]"]) });
      assert.deepEqual([api.status, api.text], [400, '{"error":"Cannot parse request body: expected a JSON value"}']);
      const small = await g.request("/sop/a", { headers: jsonHeaders(), body: streamed(['{"a":', "1}"]) });
      assert.equal(small.status, 202, "a streamed body within the limit is read whole");
    } finally {
      await g.close();
    }
  });
});

test("a request not answered within 30 s is 408 with an empty body", async () => {
  const g = await startGateway({ sops: [webhookSop("a")] });
  try {
    const arrived = g.received();
    const pending = g.request("/sop/a", { headers: jsonHeaders(), body: streamed(["{"], true) });
    await arrived;
    g.clock.advance(29_999);
    g.clock.advance(1);
    const reply = await pending;
    assert.deepEqual([reply.status, reply.text], [408, ""]);
    assert.equal((await g.request("/sop/a")).status, 202, "the gateway goes on");
  } finally {
    await g.close();
  }
});

test("paths the gateway does not serve are 404; a served path with another method is 405", async () => {
  const g = await startGateway();
  try {
    for (const path of ["/", "/sop", "/sop/", "/webhook/", "/pair/x", "/metricsx"]) {
      const reply = await g.request(path);
      assert.deepEqual([reply.status, reply.text], [404, '{"error":"Not found"}'], path);
    }
    const wrongMethods: [string, string, string][] = [["/sop/a", "GET", "POST"], ["/pair", "PUT", "POST"], [
      "/healthz",
      "POST",
      "GET",
    ]];
    for (const [path, method, allow] of wrongMethods) {
      const reply = await g.request(path, { method });
      assert.deepEqual([reply.status, reply.text, reply.headers.get("allow")], [
        405,
        '{"error":"Method not allowed"}',
        allow,
      ], path);
    }
  } finally {
    await g.close();
  }
});

test("an unexpected failure is 500 with the reference body, and the gateway keeps serving", async () => {
  const broken: Tool = {
    name: "broken",
    description: "",
    parameters: {},
    call: () => {
      throw new TypeError("boom");
    },
  };
  const g = await startGateway({ sops: [webhookSop("a")], extraTools: [broken] });
  try {
    const reply = await g.request("/api/tools/broken", { body: "{}" });
    assert.deepEqual([reply.status, reply.text], [500, '{"error":"Internal server error"}']);
    assert.match(g.errors.join("\n"), /boom/);
    assert.deepEqual(g.fatal, []);
    assert.equal((await g.request("/sop/a")).status, 202);
  } finally {
    await g.close();
  }
});

test("GET /healthz is ok with the sources' states", async () => {
  const health = {
    mqtt: { status: "error", error: "connection refused" },
    cron: { status: "ok" },
    peripherals: { board1: { status: "starting" } },
  } as const;
  const g = await startGateway({ health });
  try {
    const reply = await g.request("/healthz", { method: "GET" });
    assert.deepEqual([reply.status, reply.text], [
      200,
      '{"status":"ok","sources":{"mqtt":{"status":"error",' +
      '"error":"connection refused"},"cron":{"status":"ok"},"peripherals":{"board1":{"status":"starting"}}}}',
    ]);
  } finally {
    await g.close();
  }
});

test("GET /metrics is Prometheus text with run, step, approval, queue, dispatch and source figures", async () => {
  const g = await startGateway({
    sops: [webhookSop("a", { executionMode: "supervised", queue: 2 })],
    health: { mqtt: { status: "error", error: "x" }, cron: { status: "ok" }, peripherals: {} },
  });
  try {
    await g.request("/sop/a");
    await g.request("/sop/a");
    await g.request("/sop/none");
    const runId = g.engine.activeRuns()[0]?.run.run_id ?? "";
    const metrics = await g.request("/metrics", { method: "GET" });
    assert.equal(metrics.status, 200);
    assert.equal(metrics.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const lines = metrics.text.split("\n");
    for (
      const line of [
        'zeroclaw_sop_active_runs{sop="a"} 1',
        'zeroclaw_sop_waiting_runs{sop="a"} 1',
        'zeroclaw_sop_queued_starts{sop="a"} 1',
        'zeroclaw_dispatch_results_total{source="webhook",result="started"} 1',
        'zeroclaw_dispatch_results_total{source="webhook",result="queued"} 1',
        'zeroclaw_dispatch_results_total{source="webhook",result="no_match"} 1',
        'zeroclaw_source_up{source="mqtt"} 0',
        'zeroclaw_source_up{source="cron"} 1',
        "# TYPE zeroclaw_sop_runs_completed_total counter",
      ]
    ) {
      assert.ok(lines.includes(line), line);
    }
    await g.request(`/api/runs/${runId}/approve`);
    for (let step = 0; step < 2; step++) {
      await g.request(`/api/runs/${runId}/advance`, { body: '{"status":"completed","output":"ok"}' });
    }
    const after = (await g.request("/metrics", { method: "GET" })).text.split("\n");
    for (
      const line of [
        "zeroclaw_sop_runs_completed_total 1",
        'zeroclaw_sop_runs_completed_total{sop="a"} 1',
        'zeroclaw_sop_steps_executed_total{sop="a"} 2',
        'zeroclaw_sop_human_approvals_total{sop="a"} 1',
        'zeroclaw_sop_active_runs{sop="a"} 1',
        'zeroclaw_sop_queued_starts{sop="a"} 0',
      ]
    ) {
      assert.ok(after.includes(line), line);
    }
  } finally {
    await g.close();
  }
});
