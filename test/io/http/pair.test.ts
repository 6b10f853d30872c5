// POST /pair end to end (fan-in.md §3.4, §4.1): the one-time code, the token and its stored digest, the lockout.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sha256Hex } from "../../../src/io/http/constant-time.ts";
import { type GatewayOverrides, startGateway } from "./gateway-fixture.ts";

const pairing: GatewayOverrides = { require_pairing: true };
const invalid = '{"error":"Invalid pairing code"}';

describe("POST /pair", () => {
  test("the right code buys one token; its digest is stored; the code is then used up", async () => {
    const g = await startGateway({ gateway: pairing });
    try {
      const code = g.gateway.pairingCode ?? "";
      assert.match(code, /^\d{6}$/);
      const reply = await g.request("/pair", { headers: { "x-pairing-code": ` ${code} ` } });
      assert.equal(reply.status, 200);
      const token = (reply.json as { token: string }).token;
      assert.match(token, /^zc_[0-9a-f]{64}$/);
      assert.equal(
        reply.text,
        `{"paired":true,"persisted":true,"token":"${token}",` +
          '"message":"Save this token — use it as Authorization: Bearer <token>"}',
      );
      assert.deepEqual(g.store.tokens.digests(), [sha256Hex(token)]);
      assert.equal(g.gateway.pairingCode, undefined);
      const again = await g.request("/pair", { headers: { "x-pairing-code": code } });
      assert.deepEqual([again.status, again.text], [403, invalid]);
      const api = await g.request("/api/sops", { method: "GET", headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.status, 200);
      assert.equal((await g.request("/api/sops", { method: "GET" })).status, 401);
    } finally {
      await g.close();
    }
  });

  test("a restart keeps the token and needs no code", async () => {
    const first = await startGateway({ gateway: pairing });
    const reply = await first.request("/pair", { headers: { "x-pairing-code": first.gateway.pairingCode ?? "" } });
    const token = (reply.json as { token: string }).token;
    await first.close(true);
    const second = await startGateway({ gateway: pairing, stateDir: first.stateDir });
    try {
      assert.equal(second.gateway.pairingCode, undefined);
      const api = await second.request("/api/sops", { method: "GET", headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.status, 200);
      assert.equal((await second.request("/pair", { headers: { "x-pairing-code": "000000" } })).status, 403);
    } finally {
      await second.close();
    }
  });

  test("no code exists without require_pairing or with a configured token; /pair is then always 403", async () => {
    for (const gateway of [{ require_pairing: false }, { require_pairing: true, paired_tokens: ["t"] }]) {
      const g = await startGateway({ gateway });
      try {
        assert.equal(g.gateway.pairingCode, undefined);
        for (const code of ["", "123456"]) {
          const reply = await g.request("/pair", { headers: { "x-pairing-code": code } });
          assert.deepEqual([reply.status, reply.text], [403, invalid]);
        }
      } finally {
        await g.close();
      }
    }
  });

  test("a missing or wrong code is 403 and leaves the code usable", async () => {
    const g = await startGateway({ gateway: pairing });
    try {
      const code = g.gateway.pairingCode ?? "";
      const wrong = code === "999999" ? "999998" : "999999";
      for (const headers of [{}, { "x-pairing-code": wrong }, { "x-pairing-code": `${code}0` }]) {
        const reply = await g.request("/pair", { headers });
        assert.deepEqual([reply.status, reply.text], [403, invalid]);
      }
      assert.match(g.gateway.pairingCode ?? "", /^\d{6}$/, "failures do not use up the code");
    } finally {
      await g.close();
    }
  });

  test("the fifth failure still answers 403 and locks the client out for 300 s", async () => {
    const g = await startGateway({ gateway: { ...pairing, pair_rate_limit_per_minute: 0 } });
    try {
      const wrong = { "x-pairing-code": "wrong" };
      for (let i = 0; i < 5; i++) assert.equal((await g.request("/pair", { headers: wrong })).status, 403);
      const locked = await g.request("/pair", { headers: { "x-pairing-code": g.gateway.pairingCode ?? "" } });
      assert.deepEqual([locked.status, locked.text], [
        429,
        '{"error":"Too many failed attempts. Try again in 300s.","retry_after":300}',
      ]);
      g.clock.advance(100_500);
      assert.equal(
        (await g.request("/pair", { headers: wrong })).text,
        '{"error":"Too many failed attempts. Try again in 200s.","retry_after":200}',
      );
      g.clock.advance(199_500);
      for (let i = 0; i < 5; i++) assert.equal((await g.request("/pair", { headers: wrong })).status, 403, `${i}`);
      assert.equal((await g.request("/pair", { headers: wrong })).status, 429, "counting restarted at 0");
    } finally {
      await g.close();
    }
  });

  test("the lockout is per client key: another forwarded client may still pair", async () => {
    const g = await startGateway({
      gateway: { ...pairing, trust_forwarded_headers: true, pair_rate_limit_per_minute: 0 },
    });
    try {
      const from = (ip: string, code: string) => ({ "x-forwarded-for": ip, "x-pairing-code": code });
      for (let i = 0; i < 5; i++) await g.request("/pair", { headers: from("198.51.100.1", "bad") });
      assert.equal((await g.request("/pair", { headers: from("198.51.100.1", "bad") })).status, 429);
      const other = await g.request("/pair", { headers: from("[2001:DB8::1]:4000", g.gateway.pairingCode ?? "") });
      assert.equal(other.status, 200);
    } finally {
      await g.close();
    }
  });

  test("the pair rate limit comes first, with its own budget", async () => {
    const g = await startGateway({
      gateway: { ...pairing, pair_rate_limit_per_minute: 2, webhook_rate_limit_per_minute: 1 },
    });
    try {
      await g.request("/pair");
      await g.request("/pair");
      const denied = await g.request("/pair", { headers: { "x-pairing-code": g.gateway.pairingCode ?? "" } });
      assert.deepEqual([denied.status, denied.text], [
        429,
        '{"error":"Too many pairing requests. Please retry later.","retry_after":60}',
      ]);
      assert.equal((await g.request("/sop/x")).status, 401, "the webhook budget is untouched");
      g.clock.advance(60_000);
      assert.equal(
        (await g.request("/pair", { headers: { "x-pairing-code": g.gateway.pairingCode ?? "" } })).status,
        200,
      );
    } finally {
      await g.close();
    }
  });

  test("when the token cannot be stored, the answer says persisted: false and the daemon is told", async () => {
    const g = await startGateway({ gateway: pairing, durable: () => Promise.reject(new Error("read-only")) });
    try {
      const reply = await g.request("/pair", { headers: { "x-pairing-code": g.gateway.pairingCode ?? "" } });
      const token = (reply.json as { token: string }).token;
      assert.equal(
        reply.text,
        `{"paired":true,"persisted":false,"token":"${token}","message":"Paired for this process, ` +
          'but failed to persist token to config.toml. Check config path and write permissions."}',
      );
      assert.deepEqual(g.fatal.map((error) => error.message), ["read-only"]);
    } finally {
      await g.close();
    }
  });
});
