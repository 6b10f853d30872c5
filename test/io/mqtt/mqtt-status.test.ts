import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Registry } from "prom-client";
import { registerMqttMetrics, sourceHealth, zeroCounters } from "../../../src/io/mqtt/mqtt-status.ts";

describe("sourceHealth()", () => {
  const health = { state: "connecting", broker: "b:1883", lastError: null, lastErrorAt: null,
    connectedAt: null } as const;

  test("sourceHealth() is ok when connected, starting before any error, else the last error", () => {
    assert.deepEqual(sourceHealth({ ...health, state: "connected", connectedAt: 1 }), { status: "ok" });
    assert.deepEqual(sourceHealth(health), { status: "starting" });
    assert.deepEqual(sourceHealth({ ...health, state: "disconnected", lastError: "connection closed", lastErrorAt: 1 }),
      { status: "error", error: "connection closed" });
    assert.deepEqual(sourceHealth({ ...health, state: "failed", lastError: "x", lastErrorAt: 1 }),
      { status: "error", error: "x" });
    assert.deepEqual(sourceHealth({ ...health, state: "stopped" }), { status: "error", error: "stopped" });
  });
});

describe("registerMqttMetrics()", () => {
  test("registerMqttMetrics() exposes each counter as read at scrape time", async () => {
    const registry = new Registry();
    let counters = { ...zeroCounters, received: 5 };
    registerMqttMetrics(registry, () => counters);
    assert.match(await registry.metrics(), /\n# TYPE zeroclaw_mqtt_messages_received_total counter\n/);
    assert.match(await registry.metrics(), /\nzeroclaw_mqtt_messages_received_total 5\n/);
    counters = { ...counters, received: 7, tooLarge: 1 };
    const text = await registry.metrics();
    assert.match(text, /\nzeroclaw_mqtt_messages_received_total 7\n/);
    assert.match(text, /\nzeroclaw_mqtt_payloads_too_large_total 1\n/);
    assert.equal(text.match(/^# TYPE /gm)?.length, 9);
  });
});
