import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dispatch } from "../../src/actors/dispatch.ts";
import type { RunEvent } from "../../src/actors/run-record.ts";
import { harness, makeSop, rehydrate } from "./engine-fixture.ts";

const event: RunEvent = { source: "mqtt", topic: "t", payload: "{}", timestamp: "2026-02-19T12:00:00Z" };

describe("dispatch()", () => {
  test("dispatch() of nothing matched is [no_match]", () => {
    assert.deepEqual(dispatch(harness([]).engine, [], event), [{ kind: "no_match" }]);
  });

  test("dispatch() starts each matched SOP in order; earlier starts count against later limits", () => {
    const a = makeSop("a");
    const b = makeSop("b");
    const { engine } = harness([a, b], { maxConcurrentTotal: 1 });
    const results = dispatch(engine, [a, b], event);
    assert.equal(results[0]?.kind, "started");
    assert.deepEqual(results[1], { kind: "skipped", sopName: "b", reason: "Cannot start SOP 'b': cooldown or concurrency limit reached" });
  });

  test("dispatch() skips a SOP without steps with the exact text", () => {
    const empty = makeSop("e", {}, 0);
    assert.deepEqual(dispatch(harness([empty]).engine, [empty], event),
      [{ kind: "skipped", sopName: "e", reason: "SOP 'e' has no steps defined" }]);
  });

  test("dispatch() queues a start refused by capacity when the SOP allows it, bounded by queue and max_queued_total", () => {
    const q = makeSop("q", { queue: 2 });
    const { engine } = harness([q], { maxQueuedTotal: 10 });
    assert.equal(dispatch(engine, [q], event)[0]?.kind, "started");
    assert.deepEqual(dispatch(engine, [q], event), [{ kind: "queued", sopName: "q" }]);
    assert.deepEqual(dispatch(engine, [q], event), [{ kind: "queued", sopName: "q" }]);
    assert.equal(dispatch(engine, [q], event)[0]?.kind, "skipped");
    assert.equal(engine.queued().length, 2);
  });

  test("a freed slot admits the queued start of the highest priority, then the earliest (D8)", () => {
    const low = makeSop("low", { queue: 5, priority: "low" });
    const high = makeSop("high", { queue: 5, priority: "high" });
    const busy = makeSop("busy");
    const { engine } = harness([low, high, busy], { maxConcurrentTotal: 1 });
    const first = dispatch(engine, [busy], event)[0];
    assert.equal(first?.kind, "started");
    dispatch(engine, [low], event);
    dispatch(engine, [high], { ...event, timestamp: "2026-02-19T12:00:05Z" });
    engine.cancel(first?.kind === "started" ? first.runId : "");
    const active = engine.activeRuns();
    assert.deepEqual(active.map((s) => s.run.sop_name), ["high"]);
    assert.equal(active[0]?.run.trigger_event.timestamp, "2026-02-19T12:00:05Z");
    assert.deepEqual(engine.queued().map((q) => q.sopName), ["low"]);
  });

  test("a new trigger during cooldown is dropped, never queued; a queued start waits for the cooldown", () => {
    const c = makeSop("c", { queue: 3, cooldownSecs: 10 });
    const { engine, clock } = harness([c]);
    const run = dispatch(engine, [c], event)[0];
    assert.equal(dispatch(engine, [c], event)[0]?.kind, "queued");
    engine.cancel(run?.kind === "started" ? run.runId : "");
    assert.equal(engine.activeRuns().length, 0, "the queued start waits out the cooldown");
    assert.equal(dispatch(engine, [c], event)[0]?.kind, "skipped", "a new trigger in cooldown is dropped");
    clock.advance(9_999);
    assert.equal(engine.activeRuns().length, 0);
    clock.advance(1); // the cooldown ends: the engine's timer admits the queued start, no tick needed
    assert.equal(engine.activeRuns().length, 1);
    assert.equal(engine.queued().length, 0);
  });
});

describe("admission at start-up", () => {
  test("a new engine admits queued starts that now have a slot (engine.md §2.4)", () => {
    const q = makeSop("q", { queue: 2 });
    const first = harness([q]);
    const run = dispatch(first.engine, [q], event)[0];
    assert.equal(dispatch(first.engine, [q], event)[0]?.kind, "queued");
    const admitted: string[] = [];
    const again = rehydrate(first, [makeSop("q", { queue: 2, maxConcurrent: 2 })], {}, (action) => admitted.push(action.runId));
    assert.equal(again.activeRuns().length, 2);
    assert.equal(again.queued().length, 0);
    assert.equal(admitted.length, 1);
    assert.notEqual(admitted[0], run?.kind === "started" ? run.runId : "");
  });
});
