import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { failureText } from "../../../src/io/mqtt/mqtt-failure.ts";
import { decodePayload } from "../../../src/io/mqtt/mqtt-payload.ts";
import { renderMqttMetrics, zeroCounters } from "../../../src/io/mqtt/mqtt-status.ts";

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
    assert.deepEqual(decodePayload(bytes(0xef, 0xbb, 0xbf, 0x31), 100), { kind: "text", text: "\uFEFF1", validUtf8: true });
  });

  test("decodePayload() refuses a body over the limit before decoding it", () => {
    assert.deepEqual(decodePayload(new Uint8Array(101), 100), { kind: "too_large", bytes: 101 });
    assert.equal(decodePayload(new Uint8Array(100), 100).kind, "text");
  });
});

describe("failureText()", () => {
  test("failureText() is the message, or the parts of an empty AggregateError, or the code", () => {
    assert.equal(failureText(new Error("connect ECONNREFUSED 127.0.0.1:1")), "connect ECONNREFUSED 127.0.0.1:1");
    assert.equal(failureText(new AggregateError([new Error("a"), new Error("b"), new Error("a")], "")), "a; b");
    assert.equal(failureText(Object.assign(new Error(""), { code: "ECONNREFUSED" })), "ECONNREFUSED");
    assert.equal(failureText("plain"), "plain");
  });
});

describe("renderMqttMetrics()", () => {
  test("renderMqttMetrics() writes a connected gauge and one counter per figure", () => {
    const text = renderMqttMetrics({ state: "connected", broker: "b:1883", lastError: null, lastErrorAt: null,
      connectedAt: 1 }, { ...zeroCounters, received: 5, tooLarge: 1 });
    assert.match(text, /^# HELP zeroclaw_mqtt_connected .*\n# TYPE zeroclaw_mqtt_connected gauge\nzeroclaw_mqtt_connected 1\n/);
    assert.match(text, /\n# TYPE zeroclaw_mqtt_messages_received_total counter\nzeroclaw_mqtt_messages_received_total 5\n/);
    assert.match(text, /\nzeroclaw_mqtt_payloads_too_large_total 1\n/);
    assert.equal(text.match(/^# TYPE /gm)?.length, 9);
    assert.match(renderMqttMetrics({ state: "disconnected", broker: null, lastError: "x", lastErrorAt: 1,
      connectedAt: null }, zeroCounters), /\nzeroclaw_mqtt_connected 0\n/);
  });
});
