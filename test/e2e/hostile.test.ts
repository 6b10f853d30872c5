// Hostile clients against the compiled daemon on loopback (issue #8): slow uploads that do not starve other clients,
// oversized bodies cut without reading them, path tricks that reach no file, and no secret in the log: not the token,
// the pairing code, the webhook secret, the HMAC key, nor what a client presented.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import { connect, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { binaryWorkspace, lineMatching, startDaemon, type RunningDaemon } from "./daemon-process.ts";

const secret = "wh-secret-7f3a9c";
const hmacKey = "hmac-key-51d0e2";

describe("hostile clients (compiled binary)", () => {
  let daemon: RunningDaemon;
  let token = "";
  let code = "";

  before(async () => {
    const { dir, binary } = binaryWorkspace({
      "config.toml": "[gateway]\nwebhook_rate_limit_per_minute = 0\napi_rate_limit_per_minute = 0\n"
        + `hmac_secret = "${hmacKey}"\n\n[channels_config.webhook]\nsecret = "${secret}"\n`,
      "sops/hook/SOP.toml": '[sop]\nname = "hook"\ndescription = "Hook"\nexecution_mode = "supervised"\n'
        + 'max_concurrent = 100000\n\n[[triggers]]\ntype = "webhook"\npath = "/sop/hook"\n',
      "sops/hook/SOP.md": "## Steps\n\n1. **Do** — Do it.\n",
    });
    daemon = await startDaemon(dir, binary, ["--config", "config.toml"]);
    code = (await lineMatching(daemon, /^pairing code: (\d{6})$/))[1] ?? "";
  });

  after(async () => {
    assert.equal(await daemon.stop(), 0);
  });

  function signed(body: string, headers: Record<string, string> = {}): RequestInit {
    const signature = `sha256=${createHmac("sha256", hmacKey).update(body).digest("hex")}`;
    return { method: "POST", body, headers: { "Authorization": `Bearer ${token}`, "X-Webhook-Secret": secret,
      "X-Signature-256": signature, "Content-Type": "application/json", ...headers } };
  }

  test("no secret reaches the log: wrong pairing code, pairing, bad secret, bad HMAC, good webhook", async () => {
    const wrongCode = code === "000000" ? "111111" : "000000";
    const wrong = await fetch(`${daemon.url}/pair`, { method: "POST", headers: { "X-Pairing-Code": wrongCode } });
    assert.equal(wrong.status, 403);
    const paired = await fetch(`${daemon.url}/pair`, { method: "POST", headers: { "X-Pairing-Code": code } });
    token = (await paired.json() as { token: string }).token;
    const badSecret = "presented-wrong-secret-99";
    const badSignature = `sha256=${"ab".repeat(32)}`;
    const statuses = [
      (await fetch(`${daemon.url}/sop/hook`, signed("{}", { "X-Webhook-Secret": badSecret }))).status,
      (await fetch(`${daemon.url}/sop/hook`, signed("{}", { "X-Signature-256": badSignature }))).status,
      (await fetch(`${daemon.url}/sop/hook`, signed("{}", { "Authorization": "Bearer zc_wrong_token_value" }))).status,
      (await fetch(`${daemon.url}/sop/hook`, signed('{"n":1}', { "X-Idempotency-Key": "k1" }))).status,
    ];
    assert.deepEqual(statuses, [401, 401, 401, 202]);
    const goodSignature = createHmac("sha256", hmacKey).update('{"n":1}').digest("hex");
    const log = daemon.stderr();
    assert.match(log, /INFO SOP audit: run run-\S+ started for 'hook'/, "the log is written");
    for (const [what, value] of [["token", token], ["token hex", token.slice(3)], ["pairing code", code],
      ["wrong code", wrongCode], ["webhook secret", secret], ["HMAC key", hmacKey], ["presented secret", badSecret],
      ["signature", goodSignature], ["bad signature", badSignature.slice(7)],
      ["wrong token", "zc_wrong_token_value"]]) {
      assert.ok(value !== undefined && value.length >= 6);
      assert.equal(log.includes(value), false, `the ${what} is not logged`);
    }
  });

  test("a client dribbling a body does not starve others: 30 requests answered promptly meanwhile", async () => {
    // 100 connections each declare 10,000 bytes and send one every 50 ms; the gateway waits for them (up to 30 s).
    const slow: Socket[] = [];
    const timers: ReturnType<typeof setInterval>[] = [];
    const { port } = new URL(daemon.url);
    for (let i = 0; i < 100; i++) {
      const socket = connect(Number(port), "127.0.0.1");
      socket.on("error", () => undefined);
      socket.write(`POST /sop/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n`
        + "Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n");
      timers.push(setInterval(() => socket.write(" "), 50));
      slow.push(socket);
    }
    // One more that never finishes its headers.
    const headless = connect(Number(port), "127.0.0.1");
    headless.on("error", () => undefined);
    headless.write("POST /sop/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    timers.push(setInterval(() => headless.write("a"), 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const slowest: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const response = await fetch(`${daemon.url}/api/runs?sop=hook`,
        { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      await response.arrayBuffer();
      slowest.push(performance.now() - started);
    }
    const webhook = await fetch(`${daemon.url}/sop/hook`, signed("{}"));
    assert.equal(webhook.status, 202);
    for (const timer of timers) clearInterval(timer);
    for (const socket of [...slow, headless]) socket.destroy();
    assert.ok(Math.max(...slowest) < 1_000, `every request answered within 1 s (slowest ${Math.max(...slowest)} ms)`);
  });

  test("an endless chunked body is cut at max_body_bytes: 400 at once, not read to the end", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 50 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const started = performance.now();
    const response = await fetch(`${daemon.url}/sop/hook`, { ...signed(""), body, duplex: "half" } as RequestInit);
    assert.equal(response.status, 400);
    await response.arrayBuffer();
    assert.ok(sent < 10 * 1024 * 1024, `the gateway stopped reading (${sent} bytes sent)`);
    assert.ok(performance.now() - started < 5_000);
    // A declared length far over the limit is answered 413 before a byte of the body is sent.
    const { port } = new URL(daemon.url);
    const socket = connect(Number(port), "127.0.0.1");
    const reply = await new Promise<string>((resolve, reject) => {
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("latin1");
        if (text.includes("\r\n\r\n")) resolve(text);
      });
      socket.on("error", reject);
      socket.write(`POST /sop/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n`
        + "Content-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n");
    });
    socket.destroy();
    assert.match(reply, /^HTTP\/1\.1 413 /);
  });

  test("path tricks reach no file: encoded dot segments and separators are names that do not exist", async () => {
    const auth = { Authorization: `Bearer ${token}` };
    for (const path of ["/api/sops/..%2F..%2F..%2Fetc%2Fpasswd", "/api/sops/%2E%2E", "/api/sops/hook%00",
      "/api/runs/..%2F..%2Fsop.db", "/api/sops/..%5Cstate%5Csop.db"]) {
      const response = await fetch(`${daemon.url}${path}`, { headers: auth });
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /root:|SQLite/);
    }
    const webhook = await fetch(`${daemon.url}/sop/..%2F..%2Fetc%2Fpasswd`, signed("{}"));
    assert.equal(webhook.status, 404);
  });
});
