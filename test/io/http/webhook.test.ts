// POST /sop/{*rest} and POST /webhook end to end: every row of fan-in.md §3.2 and §3.3, in order, over loopback
// with a real engine and the SQLite state store.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { type GatewayOptions, jsonHeaders, startGateway, webhookSop } from "./gateway-fixture.ts";

const bearer = { authorization: "Bearer test-token" };
const secured: GatewayOptions = {
  sops: [webhookSop("deploy")],
  gateway: { require_pairing: true, paired_tokens: ["test-token"], hmac_secret: "hmac-key" },
  secret: "hook-secret",
};

function sign(body: string, key = "hmac-key"): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

/** Headers that pass every check of `secured` for `body`. */
function passing(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return jsonHeaders({ ...bearer, "x-webhook-secret": "hook-secret", "x-signature-256": sign(body), ...extra });
}

const unauthorized = '{"error":"Unauthorized — pair first via POST /pair, then send Authorization: Bearer <token>"}';
const invalidBody = '{"error":"Invalid JSON body. Expected: {\\"message\\": \\"...\\"}"}';
const duplicate =
  '{"status":"duplicate","idempotent":true,"message":"Request already processed for this idempotency key"}';

describe("POST /sop/{*rest}", () => {
  test("the checks run in order: rate limit, bearer, secret, signature, body", async () => {
    const g = await startGateway({ ...secured, gateway: { ...secured.gateway, webhook_rate_limit_per_minute: 6 } });
    try {
      const body = '{"a":1}';
      const noBearer = await g.request("/sop/deploy", { headers: jsonHeaders(), body: "{" });
      assert.deepEqual([noBearer.status, noBearer.text], [401, unauthorized]);
      const noSecret = await g.request("/sop/deploy", { headers: jsonHeaders(bearer), body: "{" });
      assert.deepEqual([noSecret.status, noSecret.text], [401, '{"error":"Invalid or missing X-Webhook-Secret"}']);
      const noSignature = await g.request("/sop/deploy", {
        headers: jsonHeaders({ ...bearer, "x-webhook-secret": "hook-secret" }),
        body: "{",
      });
      assert.deepEqual([noSignature.status, noSignature.text], [401, '{"error":"Invalid or missing X-Signature-256"}']);
      const badBody = await g.request("/sop/deploy", { headers: passing("{"), body: "{" });
      assert.deepEqual([badBody.status, badBody.text], [400, invalidBody]);
      const ok = await g.request("/sop/deploy", { headers: passing(body), body });
      assert.equal(ok.status, 202);
      const limited = await g.request("/sop/deploy", { headers: passing(body), body });
      assert.equal(limited.status, 202, "the sixth request is still within the budget");
      const denied = await g.request("/sop/deploy", { headers: passing(body), body });
      assert.deepEqual([denied.status, denied.text], [
        429,
        '{"error":"Too many requests. Please retry later.","retry_after":60}',
      ]);
      assert.equal(denied.headers.get("retry-after"), null);
      assert.equal((await g.request("/sop/deploy")).status, 429, "the limit comes before authentication");
    } finally {
      await g.close();
    }
  });

  test("bearer forms other than `Bearer <known token>` are 401", async () => {
    const g = await startGateway(secured);
    try {
      for (const authorization of ["bearer test-token", "Bearer  test-token", "Basic x", "Bearer zc_x"]) {
        const reply = await g.request("/sop/deploy", { headers: { authorization } });
        assert.deepEqual([reply.status, reply.text], [401, unauthorized], authorization);
      }
    } finally {
      await g.close();
    }
  });

  test("the webhook secret is trimmed; blank counts as missing", async () => {
    const g = await startGateway({ sops: [webhookSop("deploy")], secret: "  hook-secret " });
    try {
      const blank = await g.request("/sop/deploy", { headers: { "x-webhook-secret": "   " } });
      assert.equal(blank.status, 401);
      const wrong = await g.request("/sop/deploy", { headers: { "x-webhook-secret": "hook-secreT" } });
      assert.equal(wrong.status, 401);
      const padded = await g.request("/sop/deploy", { headers: { "x-webhook-secret": " hook-secret  " } });
      assert.equal(padded.status, 202);
    } finally {
      await g.close();
    }
  });

  test("the signature covers the raw body bytes; hex letters may be upper case", async () => {
    const g = await startGateway({ sops: [webhookSop("deploy")], gateway: { hmac_secret: "hmac-key" } });
    try {
      const body = '{ "b" : 2 }';
      const other = await g.request("/sop/deploy", {
        headers: jsonHeaders({ "x-signature-256": sign('{"b":2}') }),
        body,
      });
      assert.equal(other.status, 401);
      const upper = `sha256=${sign(body).slice(7).toUpperCase()}`;
      const ok = await g.request("/sop/deploy", { headers: jsonHeaders({ "x-signature-256": upper }), body });
      assert.equal(ok.status, 202);
      const empty = await g.request("/sop/deploy", { headers: { "x-signature-256": sign("") } });
      assert.equal(empty.status, 202, "an empty body is signed too");
    } finally {
      await g.close();
    }
  });

  test("the body may be empty or any JSON value with a JSON content type (D10)", async () => {
    const g = await startGateway({
      sops: [webhookSop("deploy", { maxConcurrent: 20 })],
      engine: { maxConcurrentTotal: 20 },
    });
    try {
      assert.equal((await g.request("/sop/deploy")).status, 202, "no body, no content type");
      for (const body of ["[1]", '"text"', "42", "true", "null", '{"message":"hi"}']) {
        const reply = await g.request("/sop/deploy", {
          headers: { "content-type": "application/vnd.x+json; charset=utf-8" },
          body,
        });
        assert.equal(reply.status, 202, body);
      }
      const payloads = g.engine.activeRuns().map((stored) => stored.run.trigger_event.payload);
      assert.deepEqual(payloads, ["", "[1]", '"text"', "42", "true", "null", '{"message":"hi"}']);
      const refused: [string, string][] = [["{}", "text/plain"], ["{}", ""], ["{'a':1}", "application/json"], [
        " ",
        "application/json",
      ]];
      for (const [body, type] of refused) {
        const reply = await g.request("/sop/deploy", { headers: type === "" ? {} : { "content-type": type }, body });
        assert.deepEqual([reply.status, reply.text], [400, invalidBody], `${body} as ${type}`);
      }
    } finally {
      await g.close();
    }
  });

  test("202 lists matched SOPs in engine order with one runs entry each: started, queued, skipped", async () => {
    const path = "/sop/shared";
    const sop = (name: string, overrides = {}) =>
      webhookSop(name, { triggers: [{ type: "webhook", path }], ...overrides });
    const g = await startGateway({
      sops: [sop("a-start", { maxConcurrent: 5 }), sop("b-queue", { queue: 1 }), sop("c-none", { steps: [] })],
    });
    try {
      const first = await g.request(path);
      const [a, b] = g.engine.activeRuns().map((stored) => stored.run.run_id);
      assert.equal(first.status, 202);
      assert.equal(
        first.text,
        JSON.stringify({
          status: "accepted",
          matched_sops: ["a-start", "b-queue", "c-none"],
          source: "sop_webhook",
          path,
          runs: [
            { sop: "a-start", status: "started", run_id: a },
            { sop: "b-queue", status: "started", run_id: b },
            { sop: "c-none", status: "skipped", reason: "SOP 'c-none' has no steps defined" },
          ],
        }),
      );
      const second = await g.request(path);
      assert.deepEqual((second.json as { runs: unknown[] }).runs.slice(1), [
        { sop: "b-queue", status: "queued" },
        { sop: "c-none", status: "skipped", reason: "SOP 'c-none' has no steps defined" },
      ]);
      const third = await g.request(path);
      assert.deepEqual((third.json as { runs: unknown[] }).runs[1], {
        sop: "b-queue",
        status: "skipped",
        reason: "Cannot start SOP 'b-queue': cooldown or concurrency limit reached",
      });
      assert.equal(g.dispatched.length, 3, "each dispatch is handed on for headless processing");
    } finally {
      await g.close();
    }
  });

  test("the topic is the path exactly as received; a trigger condition is evaluated against the body", async () => {
    const g = await startGateway({
      sops: [
        webhookSop("hot", {}, "$.temp > 30"),
        webhookSop("enc", { triggers: [{ type: "webhook", path: "/sop/a%2Fb" }] }),
      ],
    });
    try {
      const cold = await g.request("/sop/hot", { headers: jsonHeaders(), body: '{"temp":20}' });
      assert.deepEqual([cold.status, cold.text], [404, '{"error":"No SOP matched this path","path":"/sop/hot"}']);
      const hot = await g.request("/sop/hot?ignored=1", { headers: jsonHeaders(), body: '{"temp":31}' });
      assert.equal(hot.status, 202);
      assert.equal((hot.json as { path: string }).path, "/sop/hot");
      const encoded = await g.request("/sop/a%2Fb");
      assert.equal(encoded.status, 202);
      assert.equal((await g.request("/sop/a/b")).status, 404);
      assert.equal(g.engine.activeRuns()[0]?.run.trigger_event.topic, "/sop/hot");
    } finally {
      await g.close();
    }
  });
});

describe("POST /webhook", () => {
  test("/webhook has its own limit and secret texts, no path in 202, and shares the budget", async () => {
    const g = await startGateway({
      sops: [webhookSop("hook", { triggers: [{ type: "webhook", path: "/webhook" }] })],
      secret: "s",
      gateway: { webhook_rate_limit_per_minute: 3 },
    });
    try {
      const noSecret = await g.request("/webhook");
      assert.deepEqual([noSecret.status, noSecret.text], [
        401,
        '{"error":"Unauthorized — invalid or missing X-Webhook-Secret header"}',
      ]);
      const ok = await g.request("/webhook", { headers: { "x-webhook-secret": "s" } });
      const runId = g.engine.activeRuns()[0]?.run.run_id;
      assert.equal(
        ok.text,
        `{"status":"accepted","matched_sops":["hook"],"source":"webhook",` +
          `"runs":[{"sop":"hook","status":"started","run_id":"${runId}"}]}`,
      );
      assert.equal((await g.request("/sop/other")).status, 401, "a /sop/* request takes the third slot");
      const denied = await g.request("/webhook", { headers: { "x-webhook-secret": "s" } });
      assert.deepEqual([denied.status, denied.text], [
        429,
        '{"error":"Too many webhook requests. Please retry later.","retry_after":60}',
      ]);
      g.clock.advance(60_000);
      assert.equal((await g.request("/webhook", { headers: { "x-webhook-secret": "s" } })).status, 202);
    } finally {
      await g.close();
    }
  });

  test("/webhook with nothing matching is 404 with the path /webhook (no chat fallback, D10)", async () => {
    const g = await startGateway();
    try {
      const reply = await g.request("/webhook", { headers: jsonHeaders(), body: '{"message":"hello"}' });
      assert.deepEqual([reply.status, reply.text], [404, '{"error":"No SOP matched this path","path":"/webhook"}']);
    } finally {
      await g.close();
    }
  });
});

describe("idempotency", () => {
  test("a repeated key is a 200 duplicate that starts nothing; /sop paths share keys, /webhook not", async () => {
    const g = await startGateway({ sops: [webhookSop("a", { maxConcurrent: 9 }), webhookSop("b")] });
    try {
      const key = { "x-idempotency-key": "delivery-1" };
      assert.equal((await g.request("/sop/a", { headers: key })).status, 202);
      const again = await g.request("/sop/a", { headers: { "x-idempotency-key": "  delivery-1 " } });
      assert.deepEqual([again.status, again.text], [200, duplicate]);
      assert.deepEqual([(await g.request("/sop/b", { headers: key })).status], [200], "not scoped by path");
      assert.equal((await g.request("/webhook", { headers: key })).status, 404, "webhook: is another key");
      assert.equal((await g.request("/sop/a", { headers: { "x-idempotency-key": "  " } })).status, 202, "blank: none");
      assert.equal(g.engine.activeRuns().length, 2);
    } finally {
      await g.close();
    }
  });

  test("401 and 400 do not use up a key; 404 does; the TTL frees it", async () => {
    const g = await startGateway({
      sops: [webhookSop("a", { maxConcurrent: 9 })],
      secret: "s",
      gateway: { idempotency_ttl_secs: 10 },
    });
    try {
      const headers = (extra: Record<string, string>) => ({ "x-idempotency-key": "k", ...extra });
      assert.equal((await g.request("/sop/a", { headers: headers({}) })).status, 401);
      assert.equal(
        (await g.request("/sop/a", { headers: headers({ "x-webhook-secret": "s" }), body: "{" })).status,
        400,
      );
      assert.equal((await g.request("/sop/a", { headers: headers({ "x-webhook-secret": "s" }) })).status, 202);
      assert.equal(
        (await g.request("/sop/zzz", { headers: { "x-idempotency-key": "n", "x-webhook-secret": "s" } })).status,
        404,
      );
      const retried = await g.request("/sop/zzz", { headers: { "x-idempotency-key": "n", "x-webhook-secret": "s" } });
      assert.deepEqual([retried.status, retried.text], [200, duplicate]);
      g.clock.advance(10_000);
      assert.equal((await g.request("/sop/a", { headers: headers({ "x-webhook-secret": "s" }) })).status, 202);
    } finally {
      await g.close();
    }
  });

  test("an accepted delivery and its key survive a restart: the retry is a duplicate, the run is there", async () => {
    const first = await startGateway({ sops: [webhookSop("a")] });
    await first.request("/sop/a", { headers: { "x-idempotency-key": "d-7" } });
    const runId = first.engine.activeRuns()[0]?.run.run_id;
    await first.close(true);
    const second = await startGateway({ sops: [webhookSop("a")], stateDir: first.stateDir });
    try {
      const retry = await second.request("/sop/a", { headers: { "x-idempotency-key": "d-7" } });
      assert.deepEqual([retry.status, retry.text], [200, duplicate]);
      assert.deepEqual(second.engine.activeRuns().map((stored) => stored.run.run_id), [runId]);
    } finally {
      await second.close();
    }
  });
});

describe("a failed commit", () => {
  test("a commit that fails answers 500 and stops the daemon; later webhooks get 503", async () => {
    const g = await startGateway({ sops: [webhookSop("a")], durable: () => Promise.reject(new Error("disk full")) });
    try {
      const failed = await g.request("/sop/a");
      assert.deepEqual([failed.status, failed.text], [500, '{"error":"Internal server error"}']);
      assert.deepEqual(g.fatal.map((error) => error.message), ["disk full"]);
      const after = await g.request("/sop/a", { headers: { "x-idempotency-key": "k" } });
      assert.deepEqual([after.status, after.text], [503, '{"error":"SOP engine not available"}']);
      assert.deepEqual(g.dispatched, [], "nothing undurable is handed on");
    } finally {
      await g.close();
    }
  });
});
