// Property tests (issue #8): the pure checks of the HTTP gateway take any bytes and header values within the call
// bound: webhook bodies, JSON content types, bearer tokens, client addresses, HMAC signatures, secret comparison.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseStrictJson } from "../../src/compiler/strict-json.ts";
import { bearerToken, createTokens } from "../../src/io/http/bearer.ts";
import { acceptWebhookBody, declaredTooLarge, isJsonContentType, parseJsonText } from "../../src/io/http/body.ts";
import { canonicalIp, clientKey, parseAddress } from "../../src/io/http/client-key.ts";
import { constantTimeEqual, sha256Hex } from "../../src/io/http/constant-time.ts";
import { validSignature } from "../../src/io/http/hmac.ts";
import { anyText, checkProperty, pathological, timed } from "./property.ts";

const encoder = new TextEncoder();
const jsonText = fc.oneof(fc.json({ maxDepth: 5 }), fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
  anyText(["{", "}", "[", "]", '"', ":", ",", "\\u", "\\ud800", "1e400", "-0", "true", "nul", " ", "\uFEFF"], 200),
  pathological(["[", "{\"a\":", "[1,", "\"\\\\", " "], ["]", "}", "1"], 70_000));
const bodyBytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), jsonText.map((text) => encoder.encode(text)),
  fc.constantFrom(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), new Uint8Array([0xc3, 0x28]),
    new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xf4, 0x90, 0x80, 0x80])));
const contentType = fc.option(fc.oneof(fc.constantFrom("application/json", "Application/JSON; charset=utf-8",
  "application/vnd.api+json", "text/plain", "application/json5", "application/+json", "application/a b+json",
  " application/json ;", ";application/json", "application/x+json+json"), anyText([";", "/", "+", "json", " "], 40)));
// Header values as a client can send them: visible ASCII, tabs and spaces (Headers refuses the rest).
const headerValue = fc.string({ unit: fc.constantFrom(..."\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcz{|}~"),
  maxLength: 120 }).map((value) => value.trim());

describe("properties: webhook bodies and headers", () => {
  test("acceptWebhookBody() takes any bytes and content type: the text of strict UTF-8 JSON, or undefined", () => {
    checkProperty("acceptWebhookBody", fc.tuple(bodyBytes, contentType), ([bytes, type]) => {
      const accepted = timed("acceptWebhookBody", () => acceptWebhookBody(bytes, type));
      assert.equal(typeof timed("isJsonContentType", () => isJsonContentType(type)), "boolean");
      if (bytes.byteLength === 0) return assert.equal(accepted, "");
      if (accepted === undefined) return;
      assert.ok(isJsonContentType(type));
      assert.deepEqual(Buffer.from(encoder.encode(accepted)), Buffer.from(bytes), "the text is the body, unchanged");
      assert.equal(parseStrictJson(accepted).ok, true);
    });
  });

  test("parseJsonText() agrees with JSON.parse wherever it accepts", () => {
    checkProperty("parseJsonText", bodyBytes, (bytes) => {
      const parsed = timed("parseJsonText", () => parseJsonText(bytes));
      if (parsed !== undefined) assert.deepEqual(parsed.value, JSON.parse(parsed.text));
    });
  });

  test("declaredTooLarge() and the bearer token take any header value", () => {
    checkProperty("headers", fc.tuple(headerValue, headerValue, fc.nat({ max: 1 << 20 })), ([length, auth, max]) => {
      const headers = new Headers({ "content-length": length, authorization: auth });
      const large = timed("declaredTooLarge", () => declaredTooLarge(headers, max));
      if (/^\d+$/.test(length)) assert.equal(large, Number(length) > max);
      else assert.equal(large, false);
      const token = timed("bearerToken", () => bearerToken(headers));
      assert.equal(token, auth.startsWith("Bearer ") ? auth.slice(7) : "");
      const tokens = createTokens(true, ["secret-token"], []);
      assert.equal(timed("authorized", () => tokens.authorized(headers)), auth === "Bearer secret-token");
    });
  });

  test("clientKey() and parseAddress() take any forwarding header: a canonical IP or nothing", () => {
    const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((ip) => `${ip}:8080`),
      fc.ipV6().map((ip) => `[${ip}]:1`),
      fc.ipV6().map((ip) => `[${ip}]`), fc.ipV4Extended(), headerValue);
    const forwarded = fc.array(address, { maxLength: 5 }).map((parts) => parts.join(", "));
    checkProperty("clientKey", fc.tuple(forwarded, address, fc.boolean()), ([header, peer, trust]) => {
      const headers = new Headers({ "x-forwarded-for": header, "x-real-ip": peer });
      const key = timed("clientKey", () => clientKey(headers, peer, trust));
      assert.ok(key === "unknown" || canonicalIp(key) === key, `${key} is canonical`);
      const parsed = timed("parseAddress", () => parseAddress(peer));
      if (parsed !== undefined) assert.equal(canonicalIp(parsed), parsed);
    });
  });

  test("canonicalIp() compresses IPv6 as the WHATWG URL serialiser does (RFC 5952) where it answers", () => {
    checkProperty("canonicalIp", fc.oneof(fc.ipV6(), fc.ipV6().map((ip) => ip.toUpperCase())), (ip) => {
      const ours = timed("canonicalIp", () => canonicalIp(ip));
      assert.ok(ours !== undefined, ip);
      let url: string;
      try {
        url = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
      } catch {
        return; // Bun 1.4's URL refuses some valid addresses: the reason canonicalIp() no longer uses it
      }
      const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(url);
      if (mapped === null) assert.equal(ours, url, ip);
      else assert.ok(ours.startsWith("::ffff:") && ours.includes("."), ip);
    });
  });

  test("clientKey() keys a forwarded IPv6 address with an IPv4 tail that Bun's URL refused (issue #8)", () => {
    const headers = new Headers({ "x-forwarded-for": "5c:e8:32:29af::166.155.158.224" });
    assert.equal(clientKey(headers, "127.0.0.1", true), "5c:e8:32:29af::a69b:9ee0");
    assert.equal(canonicalIp("1:2:3:4:5:6:1.2.3.4"), "1:2:3:4:5:6:102:304");
    assert.equal(canonicalIp("::1.2.3.4"), "::102:304");
    assert.equal(canonicalIp("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
    assert.equal(canonicalIp("1:0:0:2:0:0:3:4"), "1::2:0:0:3:4");
    assert.equal(canonicalIp("1:2:3:4:5:6:7:0"), "1:2:3:4:5:6:7:0");
    assert.equal(canonicalIp("::"), "::");
  });

  test("validSignature() accepts exactly the body's HMAC, in either hex case", () => {
    checkProperty("validSignature", fc.tuple(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 200 }),
      fc.option(headerValue), fc.boolean()), ([secret, body, header, upper]) => {
      const hex = createHmac("sha256", secret).update(body).digest("hex");
      const good = `sha256=${upper ? hex.toUpperCase() : hex}`;
      assert.equal(timed("validSignature", () => validSignature(secret, good, body)), true);
      const other = timed("validSignature", () => validSignature(secret, header, body));
      assert.equal(other, header !== null && header.toLowerCase() === `sha256=${hex}` && header.startsWith("sha256="));
    });
  });

  test("constantTimeEqual() is string equality, for any UTF-16 input and any lengths", () => {
    const text = fc.string({ unit: "binary", maxLength: 80 });
    checkProperty("constantTimeEqual", fc.tuple(text, text, fc.boolean()), ([a, b, same]) => {
      const right = same ? a : b;
      const expected = Buffer.from(a, "utf8").equals(Buffer.from(right, "utf8"));
      assert.equal(timed("constantTimeEqual", () => constantTimeEqual(a, right)), expected);
      assert.equal(sha256Hex(a).length, 64);
    });
  });

  test("constantTimeEqual() takes as long whether the first or the last byte differs, or the lengths", () => {
    // No early exit: a guess right up to byte k costs what a guess wrong from byte 0 costs. Medians of several runs
    // over 256 KB inputs; the bound (3×) is loose, the difference an early exit makes is ~10,000×.
    const secret = "s".repeat(262_144);
    const guesses = { first: `x${secret.slice(1)}`, last: `${secret.slice(0, -1)}x`, equal: secret,
      short: secret.slice(0, 1), long: `${secret}x` };
    const median = (guess: string): number => {
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        const started = performance.now();
        constantTimeEqual(guess, secret);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[4] ?? 0;
    };
    median(secret); // warm up
    const times = Object.fromEntries(Object.entries(guesses).map(([name, guess]) => [name, median(guess)]));
    const slowest = Math.max(...Object.values(times));
    const fastest = Math.min(...Object.values(times));
    assert.ok(slowest < 3 * fastest + 0.5, `medians in ms: ${JSON.stringify(times)}`);
    assert.deepEqual(Object.values(guesses).map((guess) => constantTimeEqual(guess, secret)),
      [false, false, true, false, false]);
  });
});
