// The MQTT source against a real mosquitto on loopback: dispatch into a real engine, acknowledgement after the store,
// bad payloads, refused connections and subscriptions, resubscription after a broker restart.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { freePort, startMosquitto } from "./mosquitto.ts";
import { connected, mqttSop, mqttSuite, startedSops, waitFor, wireSource } from "./mqtt-fixture.ts";

describe("startMqttSource() with mosquitto", () => {
  const suite = mqttSuite();

  test("a matched message starts a run whose event has the message's topic and text payload", async () => {
    const wired = suite.wire(suite.broker, [mqttSop("boiler", "t1/+/temp")], { client_id: "t1", topics: ["t1/#"] });
    await connected(wired);
    await suite.pub.publishAsync("t1/b1/temp", '{"celsius": 95}', { qos: 1 });
    await waitFor("a run", () => wired.engine.activeRuns().length === 1);
    const [stored] = wired.engine.activeRuns();
    assert.equal(stored?.run.sop_name, "boiler");
    assert.deepEqual({ ...stored?.run.trigger_event, timestamp: "" },
      { source: "mqtt", topic: "t1/b1/temp", payload: '{"celsius": 95}', timestamp: "" });
    await waitFor("the dispatch logged", () => wired.dispatched.length === 1);
    const runId = stored?.run.run_id ?? "";
    assert.deepEqual(wired.log.lines, ["info MQTT SOP listener: subscribed to 't1/#'",
      "info MQTT SOP listener: connected to broker", `info SOP audit: run ${runId} started for 'boiler'`,
      `warn SOP headless dispatch: run ${runId} ('boiler') ready for step 1 'Step 1' but no agent loop available to`
        + " execute"]);
    assert.deepEqual(wired.source.health().state, "connected");
  });

  test("conditions decide on the payload; an empty payload matches only unconditional triggers", async () => {
    const sops = [mqttSop("any", "t2/level"), mqttSop("hot", "t2/temp", "$.celsius > 80"),
      mqttSop("positive", "t2/level", "> 0")]; // engine order: code-point order of the names
    const wired = suite.wire(suite.broker, sops, { client_id: "t2", topics: ["t2/#"] });
    await connected(wired);
    for (const [topic, payload] of [["t2/temp", '{"celsius": 95}'], ["t2/temp", '{"celsius": 20}'],
      ["t2/temp", "not json"], ["t2/level", "3"], ["t2/level", "-1"], ["t2/level", ""]] as const) {
      await suite.pub.publishAsync(topic, payload, { qos: 1 });
    }
    await waitFor("six dispatches", () => wired.dispatched.length === 6);
    const outcomes = wired.dispatched.map(({ results }) =>
      results.map((r) => r.kind === "started" ? r.sopName : r.kind));
    assert.deepEqual(outcomes, [["hot"], ["no_match"], ["no_match"], ["any", "positive"], ["any"], ["any"]]);
    assert.equal(wired.dispatched.at(-1)?.event.payload, "");
  });

  test("QoS 0, 1 and 2 messages are each dispatched once, in arrival order", async () => {
    const wired = suite.wire(suite.broker, [mqttSop("log", "t3/#")], { client_id: "t3", topics: ["t3/#"], qos: 2 });
    await connected(wired);
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      sent.push(`m${i}`);
      await suite.pub.publishAsync("t3/x", `m${i}`, { qos: (i % 3) as 0 | 1 | 2 });
    }
    await waitFor("thirty dispatches", () => wired.dispatched.length === 30);
    assert.deepEqual(wired.dispatched.map(({ event }) => event.payload), sent);
    assert.deepEqual(startedSops(wired).length, 30);
    assert.equal(wired.source.counters().received, 30);
  });

  test("the next message is dispatched at once; onDispatched waits for the commits, in arrival order", async () => {
    const gates: (() => void)[] = [];
    const store = { durable: () => new Promise<void>((resolve) => gates.push(resolve)) };
    const wired = suite.wire(suite.broker, [mqttSop("g", "t4/#")], { client_id: "t4", topics: ["t4/#"] }, { store });
    await connected(wired);
    await suite.pub.publishAsync("t4/a", "1", { qos: 1 });
    await suite.pub.publishAsync("t4/a", "2", { qos: 1 });
    await waitFor("both dispatches", () => wired.source.counters().dispatched === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(wired.dispatched.length, 0, "onDispatched is told only once the dispatch is durable");
    gates[1]?.(); // the second commit settles first
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(wired.dispatched.length, 0, "the second message is not told before the first");
    gates[0]?.();
    await waitFor("both told", () => wired.dispatched.length === 2);
    assert.deepEqual(wired.dispatched.map(({ event }) => event.payload), ["1", "2"]);
  });

  for (const qos of [1, 2] as const) {
    test(`QoS ${qos} messages whose commit fails are not acknowledged: the broker delivers them again`, async () => {
      const clientId = `t5-qos${qos}`;
      const section = { client_id: clientId, topics: ["t5/#"], clean_session: false, qos };
      const failing = { durable: () => Promise.reject(new Error("disk full")) };
      const first = suite.wire(suite.broker, [mqttSop("s", "t5/#")], section, { store: failing });
      await connected(first);
      await Promise.all(["a", "b"].map((name) => suite.pub.publishAsync("t5/x", `${name}${qos}`, { qos })));
      await waitFor("the store failure", () => first.source.health().state === "failed");
      assert.deepEqual(first.source.health().lastError, "disk full");
      assert.ok(first.log.lines.includes("error MQTT SOP listener: disk full"));
      assert.equal(first.dispatched.length, 0);
      const second = suite.wire(suite.broker, [mqttSop("s", "t5/#")], section);
      await waitFor("the redelivery", () => second.dispatched.length === 2);
      assert.deepEqual(second.dispatched.map(({ event }) => event.payload), [`a${qos}`, `b${qos}`]);
      assert.deepEqual(startedSops(second), ["s", "s"]);
      await second.dispose();
    });
  }

  test("non-UTF-8 payloads are dispatched with U+FFFD and counted; huge ones are dropped and counted", async () => {
    const wired = suite.wire(suite.broker, [mqttSop("any", "t6/#")], { client_id: "t6", topics: ["t6/#"] },
      { maxPayloadBytes: 1024 });
    await connected(wired);
    await suite.pub.publishAsync("t6/bin", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { qos: 1 });
    await suite.pub.publishAsync("t6/big", Buffer.alloc(1_000_000, 0x61), { qos: 1 });
    await suite.pub.publishAsync("t6/big0", Buffer.alloc(2048, 0x61), { qos: 0 });
    await suite.pub.publishAsync("t6/ok", "fine", { qos: 1 });
    await waitFor("the last message", () => wired.dispatched.some(({ event }) => event.topic === "t6/ok"));
    assert.deepEqual(wired.dispatched.map(({ event }) => [event.topic, event.payload]),
      [["t6/bin", "{\uFFFD\uFFFD}"], ["t6/ok", "fine"]]);
    const counters = wired.source.counters();
    assert.deepEqual([counters.received, counters.dispatched, counters.notUtf8, counters.tooLarge, counters.dropped],
      [4, 2, 1, 2, 2]);
    assert.ok(wired.log.lines.includes("warn MQTT SOP listener: payload on 't6/bin' is not valid UTF-8"));
    assert.ok(wired.log.lines.includes(
      "warn MQTT SOP listener: dropped a message on 't6/big': payload of 1000000 bytes exceeds 1024"));
    assert.equal(wired.source.health().state, "connected");
  });

  test("with invalidUtf8: \"drop\", a non-UTF-8 payload is dropped and counted", async () => {
    const wired = suite.wire(suite.broker, [mqttSop("any", "t7/#")], { client_id: "t7", topics: ["t7/#"] },
      { invalidUtf8: "drop" });
    await connected(wired);
    await suite.pub.publishAsync("t7/bin", Buffer.from([0xc3, 0x28]), { qos: 1 });
    await suite.pub.publishAsync("t7/ok", "fine", { qos: 1 });
    await waitFor("the last message", () => wired.dispatched.length === 1);
    assert.equal(wired.dispatched[0]?.event.topic, "t7/ok");
    const { notUtf8, dropped } = wired.source.counters();
    assert.deepEqual([notUtf8, dropped], [1, 1]);
    assert.ok(wired.log.lines.includes(
      "warn MQTT SOP listener: payload on 't7/bin' is not valid UTF-8; message dropped"));
  });

  test("a dispatch that throws is logged and counted, and the next message is still dispatched", async () => {
    let calls = 0;
    const dispatcher = {
      dispatch: () => {
        if (++calls === 1) throw new Error("boom");
        return [{ kind: "no_match" } as const];
      },
    };
    const wired = suite.wire(suite.broker, [], { client_id: "t8", topics: ["t8/#"] }, { dispatcher });
    await connected(wired);
    await suite.pub.publishAsync("t8/a", "1", { qos: 1 });
    await suite.pub.publishAsync("t8/a", "2", { qos: 1 });
    await waitFor("the second dispatch", () => wired.dispatched.length === 1);
    assert.equal(wired.source.counters().errors, 1);
    assert.ok(wired.log.lines.includes("error MQTT SOP listener: dispatch failed for a message on 't8/a': boom"));
    assert.equal(wired.source.health().lastError, "MQTT SOP listener: dispatch failed for a message on 't8/a': boom");
  });

  test("after a broker restart the source reconnects, subscribes again and receives messages again", async () => {
    const wired = suite.wire(suite.broker, [mqttSop("r", "t9/#")], { client_id: "t9", topics: ["t9/#", "t9b/#"] });
    await connected(wired);
    await suite.broker.restart();
    await waitFor("the reconnection", () => wired.source.counters().connects === 2, 10_000);
    await waitFor("the publisher", () => suite.pub.connected, 10_000);
    await suite.pub.publishAsync("t9b/x", "after", { qos: 1 });
    await waitFor("the message after the restart", () => wired.dispatched.length === 1);
    const subscribed = wired.log.lines.filter((line) => line.includes("subscribed to"));
    assert.deepEqual(subscribed, ["info MQTT SOP listener: subscribed to 't9/#'",
      "info MQTT SOP listener: subscribed to 't9b/#'", "info MQTT SOP listener: subscribed to 't9/#'",
      "info MQTT SOP listener: subscribed to 't9b/#'"]);
    assert.ok(wired.log.lines.some((line) => line.startsWith("warn MQTT SOP listener: connection error: ")));
  });

  test("stop() disconnects and the source reports stopped", async () => {
    const wired = suite.wire(suite.broker, [], { client_id: "t10", topics: ["t10/#"] });
    await connected(wired);
    await wired.source.stop();
    assert.equal(wired.source.health().state, "stopped");
    await wired.source.stop();
  });
});

describe("startMqttSource() when the broker refuses", () => {
  test("a refused connection (nothing listening) is reported in health and retried with backoff", async () => {
    const port = await freePort();
    const wired = wireSource({ url: `mqtt://127.0.0.1:${port}` }, [], { client_id: "r1" });
    await waitFor("two attempts", () => wired.source.counters().connectionErrors >= 2);
    const health = wired.source.health();
    assert.equal(health.broker, `127.0.0.1:${port}`);
    assert.ok(health.state === "disconnected" || health.state === "connecting");
    assert.match(health.lastError ?? "", /ECONNREFUSED/);
    assert.match(wired.log.lines[0] ?? "", /^warn MQTT SOP listener: connection error: .*ECONNREFUSED/);
    await wired.dispose();
    assert.equal(wired.source.health().state, "stopped");
  });

  test("an invalid config fails with the reference's text and never connects", async () => {
    const wired = wireSource({ url: "mqtt://127.0.0.1:1" }, [], { qos: 5 });
    assert.deepEqual({ ...wired.source.health(), lastErrorAt: 0 }, { state: "failed", broker: null,
      lastError: "mqtt.qos must be 0, 1, or 2 (got 5)", lastErrorAt: 0, connectedAt: null });
    assert.deepEqual(wired.log.lines, ["error MQTT SOP listener: mqtt.qos must be 0, 1, or 2 (got 5)"]);
    await wired.dispose();
  });

  test("wrong credentials are reported; right ones connect (sent only when both are set)", async () => {
    const broker = await startMosquitto({ users: { sensor: "s3cret" } });
    try {
      const wrong = wireSource(broker, [], { client_id: "c1", username: "sensor", password: "nope" });
      const anonymous = wireSource(broker, [], { client_id: "c2", username: "sensor" });
      const right = wireSource(broker, [], { client_id: "c3", username: "sensor", password: "s3cret" });
      await connected(right);
      await waitFor("the refusals", () => wrong.source.health().lastError !== null
        && anonymous.source.health().lastError !== null);
      assert.match(wrong.source.health().lastError ?? "",
        /^Connection refused: (Bad User Name or Password|Not authorized)/);
      assert.match(anonymous.source.health().lastError ?? "", /^Connection refused: /);
      await Promise.all([wrong, anonymous, right].map((wired) => wired.dispose()));
    } finally {
      await broker.dispose();
    }
  });

  // mosquitto 2.0 grants subscriptions its ACL denies (it filters on delivery), so the refusal here is mqtt.js's own
  // check of a malformed filter: the same failure path as a SUBACK failure code.
  test("a refused subscription is an error of the listener: reported, and retried with backoff", async () => {
    const broker = await startMosquitto();
    try {
      const wired = wireSource(broker, [], { client_id: "s1", topics: ["allowed/#", "bad/#/filter"] });
      await waitFor("two refusals", () => wired.source.counters().connectionErrors >= 2);
      assert.notEqual(wired.source.health().state, "connected");
      assert.equal(wired.source.health().lastError,
        "MQTT SOP listener: cannot subscribe to 'bad/#/filter': Invalid topic bad/#/filter");
      assert.ok(wired.log.lines.includes("info MQTT SOP listener: subscribed to 'allowed/#'"));
      assert.ok(!wired.log.lines.includes("info MQTT SOP listener: connected to broker"));
      assert.equal(wired.source.counters().connects, 0);
      await wired.dispose();
    } finally {
      await broker.dispose();
    }
  });
});
