// Persistent sessions and shared subscriptions against a real mosquitto (DECISIONS D11): messages published while
// the source is away, a broker restart in the middle of a QoS 1 stream, and two daemons sharing one group.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { connected, mqttSop, mqttSuite, startedSops, waitFor } from "./mqtt-fixture.ts";

describe("startMqttSource() sessions and shared groups", () => {
  const suite = mqttSuite({ clientId: "session-publisher", clean: false });

  test("with clean_session = false, QoS 1 messages published while the source was stopped arrive when it is back",
    async () => {
      const section = { client_id: "p1", topics: ["p1/#"], clean_session: false };
      const first = suite.wire(suite.broker, [mqttSop("s", "p1/#")], section);
      await connected(first);
      await first.source.stop();
      for (let i = 0; i < 5; i++) await suite.pub.publishAsync("p1/x", `away ${i}`, { qos: 1 });
      const second = suite.wire(suite.broker, [mqttSop("s", "p1/#")], section);
      await waitFor("the five messages", () => second.dispatched.length === 5);
      assert.deepEqual(second.dispatched.map(({ event }) => event.payload), [0, 1, 2, 3, 4].map((i) => `away ${i}`));
      assert.equal(startedSops(second).length, 5);
    });

  test("with clean_session = true, messages published while the source was stopped are not kept", async () => {
    const section = { client_id: "p2", topics: ["p2/#"] };
    const first = suite.wire(suite.broker, [mqttSop("s", "p2/#")], section);
    await connected(first);
    await first.source.stop();
    await suite.pub.publishAsync("p2/x", "lost", { qos: 1 });
    const second = suite.wire(suite.broker, [mqttSop("s", "p2/#")], section);
    await connected(second);
    await suite.pub.publishAsync("p2/x", "live", { qos: 1 });
    await waitFor("the live message", () => second.dispatched.length >= 1);
    assert.deepEqual(second.dispatched.map(({ event }) => event.payload), ["live"]);
  });

  test("a broker restart in the middle of a QoS 1 stream with a persistent session loses no message", async () => {
    // A slow commit (2 ms) builds a backlog at the broker, so the restart catches messages queued and in flight.
    const store = { durable: () => new Promise<void>((resolve) => setTimeout(resolve, 2)) };
    const wired = suite.wire(suite.broker, [mqttSop("s", "p3/#")],
      { client_id: "p3", topics: ["p3/#"], clean_session: false },
      { store });
    await connected(wired);
    const total = 200;
    let restarted: Promise<void> | undefined;
    for (let i = 0; i < total; i++) {
      if (i === total / 2) restarted = suite.broker.restart();
      await suite.pub.publishAsync("p3/x", `m${i}`, { qos: 1 });
    }
    await restarted;
    await waitFor("every message", () => new Set(wired.dispatched.map(({ event }) => event.payload)).size === total,
      15_000);
    const payloads = new Set(wired.dispatched.map(({ event }) => event.payload));
    for (let i = 0; i < total; i++) assert.ok(payloads.has(`m${i}`), `m${i} was dispatched`);
    assert.ok(wired.source.counters().connects >= 2, "the source reconnected");
    assert.ok(startedSops(wired).length >= total);
  });

  test("two sources sharing a subscription group split the messages: each one starts exactly one run", async () => {
    const group = { topics: ["p4/#"], shared_group: "zeroclaw" };
    const a = suite.wire(suite.broker, [mqttSop("s", "p4/#")], { ...group, client_id: "p4-a" });
    const b = suite.wire(suite.broker, [mqttSop("s", "p4/#")], { ...group, client_id: "p4-b" });
    await Promise.all([connected(a), connected(b)]);
    assert.ok(a.log.lines.includes("info MQTT SOP listener: subscribed to '$share/zeroclaw/p4/#'"));
    const total = 100;
    for (let i = 0; i < total; i++) await suite.pub.publishAsync(`p4/device${i % 7}`, `m${i}`, { qos: 1 });
    await waitFor("every message", () => a.dispatched.length + b.dispatched.length >= total);
    await new Promise((resolve) => setTimeout(resolve, 50)); // no late duplicate
    const all = [...a.dispatched, ...b.dispatched];
    assert.equal(all.length, total);
    assert.equal(new Set(all.map(({ event }) => event.payload)).size, total);
    assert.equal(startedSops(a).length + startedSops(b).length, total);
    assert.ok(a.dispatched.length > 0 && b.dispatched.length > 0, "both sources got messages");
    assert.ok(all.every(({ event }) => /^p4\/device\d$/.test(event.topic ?? "")), "the real topic, no $share prefix");
  });
});
