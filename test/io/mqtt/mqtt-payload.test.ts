import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodePayload } from "../../../src/io/mqtt/mqtt-payload.ts";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("decodePayload()", () => {
  test("decodePayload() gives UTF-8 text, empty bodies included", () => {
    assert.deepEqual(decodePayload(new TextEncoder().encode('{"t": "21 °C"}'), 100),
      { kind: "text", text: '{"t": "21 °C"}', validUtf8: true });
    assert.deepEqual(decodePayload(bytes(), 100), { kind: "text", text: "", validUtf8: true });
  });

  test("decodePayload() replaces invalid sequences with U+FFFD and says so (fan-in.md §1.2)", () => {
    assert.deepEqual(decodePayload(bytes(0x61, 0xff, 0x62), 100), { kind: "text", text: "a\uFFFDb", validUtf8: false });
    assert.deepEqual(decodePayload(bytes(0xc3), 100), { kind: "text", text: "\uFFFD", validUtf8: false });
  });

  test("decodePayload() keeps a leading byte-order mark", () => {
    assert.deepEqual(decodePayload(bytes(0xef, 0xbb, 0xbf, 0x31), 100),
      { kind: "text", text: "\uFEFF1", validUtf8: true });
  });

  test("decodePayload() refuses a body over the limit before decoding it", () => {
    assert.deepEqual(decodePayload(new Uint8Array(101), 100), { kind: "too_large", bytes: 101 });
    assert.equal(decodePayload(new Uint8Array(100), 100).kind, "text");
  });
});
