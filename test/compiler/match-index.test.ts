import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compileMatchIndex, type SopEvent } from "../../src/compiler/match-index.ts";
import type { Sop, Trigger } from "../../src/compiler/sop.ts";
import { evaluateCondition } from "../../src/compiler/condition.ts";
import { topicMatches } from "../../src/compiler/topic-filter.ts";

function sop(name: string, ...triggers: Trigger[]): Sop {
  return {
    name, description: "", version: "1", priority: "normal", executionMode: "auto", cooldownSecs: 0, maxConcurrent: 1,
    steps: [], location: name, triggers,
  };
}
const names = (sops: Sop[]): string[] => sops.map((s) => s.name);
const event = (source: SopEvent["source"], topic: string | null, payload: string | null = null): SopEvent =>
  ({ source, topic, payload });

describe("compileMatchIndex()", () => {
  const sops = [
    sop("a-mqtt", { type: "mqtt", topic: "site/+/temp", condition: "$.v > 85" }, { type: "mqtt", topic: "site/#" }),
    sop("b-manual", { type: "manual" }),
    sop("c-webhook", { type: "webhook", path: "/sop/c" }, { type: "webhook", path: "/sop/cond", condition: '$.env == "prod"' }),
    sop("d-cron", { type: "cron", expression: "0 9 * * *" }, { type: "manual" }),
    sop("e-peripheral", { type: "peripheral", board: "boiler", signal: "temp", condition: "> 0" }),
    sop("f-mqtt", { type: "mqtt", topic: "site/boiler/temp", condition: "$.v > 85" }),
  ];
  const index = compileMatchIndex(sops);

  test("match() returns each matching SOP once, in engine order", () => {
    assert.deepEqual(names(index.match(event("mqtt", "site/boiler/temp", '{"v": 90}'))), ["a-mqtt", "f-mqtt"]);
    assert.deepEqual(names(index.match(event("mqtt", "site/boiler/temp", '{"v": 10}'))), ["a-mqtt"]);
    assert.deepEqual(names(index.match(event("mqtt", "site", null))), ["a-mqtt"]);
    assert.deepEqual(names(index.match(event("mqtt", "other/x", "{}"))), []);
  });

  test("match() of a manual event starts every SOP with a manual trigger", () => {
    assert.deepEqual(names(index.match(event("manual", null))), ["b-manual", "d-cron"]);
  });

  test("match() compares webhook paths, cron expressions and board/signal exactly", () => {
    assert.deepEqual(names(index.match(event("webhook", "/sop/c", ""))), ["c-webhook"]);
    assert.deepEqual(names(index.match(event("webhook", "/sop/C", ""))), []);
    assert.deepEqual(names(index.match(event("webhook", "/sop/cond", '{"env":"prod"}'))), ["c-webhook"]);
    assert.deepEqual(names(index.match(event("webhook", "/sop/cond", ""))), []);
    assert.deepEqual(names(index.match(event("cron", "0 9 * * *"))), ["d-cron"]);
    assert.deepEqual(names(index.match(event("cron", "0  9 * * *"))), []);
    assert.deepEqual(names(index.match(event("peripheral", "boiler/temp", "1"))), ["e-peripheral"]);
    assert.deepEqual(names(index.match(event("peripheral", "boiler/temp", null))), []);
  });

  test("match() never matches across sources or without a topic", () => {
    assert.deepEqual(names(index.match(event("webhook", "site/boiler/temp", '{"v": 90}'))), []);
    assert.deepEqual(names(index.match(event("mqtt", "/sop/c"))), []);
    assert.deepEqual(names(index.match(event("mqtt", null, '{"v": 90}'))), []);
  });

  test("match() agrees with evaluating every trigger one by one on generated events", () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    const levels = ["a", "b", "+", "#", ""];
    const conditions = [undefined, "$.v > 5", "> 3", '$.s == "x"', "", "$..v < 2"];
    const many = Array.from({ length: 200 }, (_, i) => {
      const filter = Array.from({ length: 1 + random(3) }, () => levels[random(levels.length)]).join("/");
      const condition = conditions[random(conditions.length)];
      return sop(`s${String(i).padStart(3, "0")}`, condition === undefined ? { type: "mqtt", topic: filter } : { type: "mqtt", topic: filter, condition });
    });
    const big = compileMatchIndex(many);
    const payloads = [null, "", "7", '{"v": 9}', '{"v": 1, "s": "x"}', "not json"];
    for (let round = 0; round < 2000; round++) {
      const topic = Array.from({ length: 1 + random(3) }, () => ["a", "b", "c", ""][random(4)]).join("/");
      const payload = payloads[random(payloads.length)] ?? null;
      const expected = many.filter((s) => s.triggers.some((t) =>
        t.type === "mqtt" && topicMatches(t.topic, topic) && evaluateCondition(t.condition, payload)
      ));
      assert.deepEqual(names(big.match(event("mqtt", topic, payload))), names(expected), `${topic} ${payload}`);
    }
  });
});
