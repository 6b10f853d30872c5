// The gateway's refusals through the compiled daemon on loopback (issue #5): pairing with a wrong code, missing and
// wrong tokens, a bad webhook secret and signature, bodies that are not JSON or too large, no matching SOP, rate
// limits, and unknown routes, each with the exact status and body of fan-in.md §3–§4.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { binaryWorkspace, pair, startDaemon, type RunningDaemon } from "./daemon-process.ts";

const unauthorized = { error: "Unauthorized — pair first via POST /pair, then send Authorization: Bearer <token>" };
const invalidBody = { error: 'Invalid JSON body. Expected: {"message": "..."}' };

describe("gateway refusals (compiled binary)", () => {
  let daemon: RunningDaemon;
  let token = "";

  before(async () => {
    const { dir, binary } = binaryWorkspace({
      "config.toml": '[gateway]\nwebhook_rate_limit_per_minute = 8\nmax_body_bytes = 1024\nhmac_secret = "k3y"\n\n'
        + '[channels_config.webhook]\nsecret = "s3cret"\n',
      "sops/hook/SOP.toml": '[sop]\nname = "hook"\ndescription = "Hook"\nmax_concurrent = 100\n\n'
        + '[[triggers]]\ntype = "webhook"\npath = "/sop/hook"\n',
      "sops/hook/SOP.md": "## Steps\n\n1. **Do** — Do it.\n",
    });
    daemon = await startDaemon(dir, binary);
    const wrong = await fetch(`${daemon.url}/pair`, { method: "POST", headers: { "X-Pairing-Code": "not-it" } });
    assert.deepEqual([wrong.status, await wrong.json()], [403, { error: "Invalid pairing code" }]);
    token = await pair(daemon);
  });

  after(async () => {
    assert.equal(await daemon.stop(), 0);
    assert.doesNotMatch(daemon.stderr(), new RegExp(token), "the token is never logged");
  });

  function hook(body: string, headers: Record<string, string>, path = "/sop/hook"): Promise<Response> {
    const signature = `sha256=${createHmac("sha256", "k3y").update(body).digest("hex")}`;
    return fetch(`${daemon.url}${path}`, { method: "POST", body, headers: { "Authorization": `Bearer ${token}`,
      "X-Webhook-Secret": "s3cret", "X-Signature-256": signature, "Content-Type": "application/json", ...headers } });
  }

  async function answer(response: Promise<Response>): Promise<[number, unknown]> {
    const reply = await response;
    const text = await reply.text();
    return [reply.status, text === "" ? "" : JSON.parse(text)];
  }

  test("each webhook check in order, then a 202; /pair after pairing is 403", async () => {
    assert.deepEqual(await answer(hook("{}", { Authorization: "" })), [401, unauthorized]);
    assert.deepEqual(await answer(hook("{}", { "Authorization": "bearer x" })), [401, unauthorized]);
    assert.deepEqual(await answer(hook("{}", { "X-Webhook-Secret": "nope" })),
      [401, { error: "Invalid or missing X-Webhook-Secret" }]);
    assert.deepEqual(await answer(hook("{}", { "X-Signature-256": "sha256=00" })),
      [401, { error: "Invalid or missing X-Signature-256" }]);
    const notJson = "not json";
    const signed = `sha256=${createHmac("sha256", "k3y").update(notJson).digest("hex")}`;
    assert.deepEqual(await answer(hook(notJson, { "X-Signature-256": signed })), [400, invalidBody]);
    assert.deepEqual(await answer(hook("{}", {}, "/sop/none")),
      [404, { error: "No SOP matched this path", path: "/sop/none" }]);
    const started = await answer(hook('{"n": 1}', {}));
    assert.equal(started[0], 202);
    const again = await fetch(`${daemon.url}/pair`, { method: "POST", headers: { "X-Pairing-Code": "000000" } });
    assert.deepEqual([again.status, await again.json()], [403, { error: "Invalid pairing code" }]);
  });

  test("a body over max_body_bytes is 413 before any check; an unknown route is 404", async () => {
    const big = await fetch(`${daemon.url}/sop/hook`, { method: "POST", body: "x".repeat(2048) });
    assert.equal(big.status, 413);
    assert.equal(await big.text(), "length limit exceeded");
    const api = await fetch(`${daemon.url}/api/runs`);
    assert.deepEqual([api.status, await api.json()], [401, unauthorized]);
    assert.equal((await fetch(`${daemon.url}/nothing/here`)).status, 404);
  });

  test("the webhook budget per client is shared by /sop/* and /webhook, then 429 with retry_after", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await hook("{}", {})).status);
    assert.ok(statuses.includes(429), `statuses: ${statuses.join(",")}`);
    const limited = await fetch(`${daemon.url}/webhook`, { method: "POST" });
    assert.deepEqual([limited.status, await limited.json()],
      [429, { error: "Too many webhook requests. Please retry later.", retry_after: 60 }]);
  });
});
