import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createDispatcher } from "../../src/actors/dispatcher.ts";
import { harness, makeSop } from "./engine-fixture.ts";

describe("createDispatcher()", () => {
  const sops = [
    makeSop("a-hot", { triggers: [{ type: "mqtt", topic: "site/+/temp", condition: "$.v > 85" }] }),
    makeSop("b-any", { triggers: [{ type: "mqtt", topic: "site/#" }] }),
    makeSop("c-cron", { triggers: [{ type: "cron", expression: "0 9 * * *" }] }),
    makeSop("d-cron", { triggers: [{ type: "cron", expression: "0 9 * * *" }] }),
  ];

  test("dispatch() starts every matching SOP in name order, stamping the event with the engine clock", () => {
    const { engine } = harness(sops, { maxConcurrentTotal: 10 });
    const results = createDispatcher(engine).dispatch({ source: "mqtt", topic: "site/boiler/temp", payload: '{"v": 90}' });
    assert.deepEqual(results.map((r) => [r.kind, r.kind === "no_match" ? "" : r.sopName]), [["started", "a-hot"], ["started", "b-any"]]);
    assert.deepEqual(engine.activeRuns()[0]?.run.trigger_event,
      { source: "mqtt", topic: "site/boiler/temp", payload: '{"v": 90}', timestamp: "2026-02-19T12:00:00Z" });
  });

  test("dispatch() of an event that matches nothing is [no_match] and starts nothing", () => {
    const { engine } = harness(sops);
    assert.deepEqual(createDispatcher(engine).dispatch({ source: "mqtt", topic: "other", payload: "" }), [{ kind: "no_match" }]);
    assert.equal(engine.activeRuns().length, 0);
  });

  test("dispatchCron() starts only the trigger's own SOP, even when another shares the expression (D6)", () => {
    const { engine } = harness(sops, { maxConcurrentTotal: 10 });
    const results = createDispatcher(engine).dispatchCron("c-cron", "0 9 * * *");
    assert.deepEqual(results.map((r) => r.kind), ["started"]);
    assert.deepEqual(engine.activeRuns().map((s) => [s.run.sop_name, s.run.trigger_event.payload]), [["c-cron", null]]);
  });
});
