import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { canonicalIp, clientKey, parseAddress } from "../../../src/io/http/client-key.ts";

describe("canonicalIp()", () => {
  test("canonicalIp() keeps IPv4 and compresses IPv6 in lowercase (RFC 5952)", () => {
    assert.equal(canonicalIp("10.0.0.1"), "10.0.0.1");
    assert.equal(canonicalIp("0:0:0:0:0:0:0:1"), "::1");
    assert.equal(canonicalIp("2001:DB8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
    assert.equal(canonicalIp("2001:0db8:0000:0000:0000:ff00:0042:8329"), "2001:db8::ff00:42:8329");
    assert.equal(canonicalIp("fe80:0:0:1:0:0:0:1"), "fe80:0:0:1::1");
  });

  test("canonicalIp() writes IPv4-mapped IPv6 with a dotted tail", () => {
    assert.equal(canonicalIp("::FFFF:7f00:1"), "::ffff:127.0.0.1");
    assert.equal(canonicalIp("::ffff:192.168.1.2"), "::ffff:192.168.1.2");
  });

  test("canonicalIp() refuses what is not an address", () => {
    for (const text of ["", "unknown", "01.2.3.4", "1.2.3", "256.1.1.1", "fe80::1%eth0", "[::1]", "1.2.3.4:80"]) {
      assert.equal(canonicalIp(text), undefined, text);
    }
  });
});

describe("parseAddress()", () => {
  test("parseAddress() accepts ip, ip:port, [v6]:port and [v6], trimmed and unquoted", () => {
    assert.equal(parseAddress(" 203.0.113.7 "), "203.0.113.7");
    assert.equal(parseAddress("203.0.113.7:8080"), "203.0.113.7");
    assert.equal(parseAddress("[2001:DB8::1]:443"), "2001:db8::1");
    assert.equal(parseAddress("[2001:db8::1]"), "2001:db8::1");
    assert.equal(parseAddress('"203.0.113.7"'), "203.0.113.7");
    assert.equal(parseAddress("2001:db8::1"), "2001:db8::1");
  });

  test("parseAddress() refuses hosts, bad ports and brackets around IPv4", () => {
    for (const text of ["example.com", "1.2.3.4:99999", "1.2.3.4:", "[1.2.3.4]", "[::1]x", "[::1", ":80", "unknown"]) {
      assert.equal(parseAddress(text), undefined, text);
    }
  });
});

describe("clientKey()", () => {
  const headers = new Headers({ "x-forwarded-for": "garbage, 198.51.100.1, 203.0.113.9", "x-real-ip": "192.0.2.5" });

  test("clientKey() is the canonical peer when forwarded headers are not trusted", () => {
    assert.equal(clientKey(headers, "0:0:0:0:0:0:0:1", false), "::1");
    assert.equal(clientKey(headers, "not an ip", false), "unknown");
  });

  test("clientKey() takes the first X-Forwarded-For element that parses, then X-Real-IP, then the peer", () => {
    assert.equal(clientKey(headers, "127.0.0.1", true), "198.51.100.1");
    assert.equal(
      clientKey(new Headers({ "x-forwarded-for": "nope", "x-real-ip": "[::1]:9" }), "127.0.0.1", true),
      "::1",
    );
    assert.equal(clientKey(new Headers({ "x-real-ip": "nope" }), "127.0.0.1", true), "127.0.0.1");
  });
});
