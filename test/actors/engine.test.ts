import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { manualClock } from "../../src/actors/clock.ts";
import { Engine } from "../../src/actors/engine.ts";
import { defaultEngineConfig } from "../../src/actors/engine-types.ts";
import { memoryStore } from "../../src/actors/memory-store.ts";
import { createMetrics } from "../../src/actors/metrics.ts";
import type { StoreChanges } from "../../src/actors/store.ts";
import { harness, makeSop, manual, rehydrate, result, start } from "./engine-fixture.ts";

function started(outcome: { ok: boolean; value?: unknown; error?: string }): string {
  assert.ok(outcome.ok, outcome.error ?? "");
  return (outcome.value as { runId: string }).runId;
}

describe("Engine", () => {
  test("startRun() creates run ids from the clock and a counter padded to 4 digits (D15)", () => {
    const { engine } = harness([makeSop("a", { maxConcurrent: 3 })]);
    assert.equal(started(engine.startRun("a", manual)), `run-${start}-0001`);
    assert.equal(started(engine.startRun("a", manual)), `run-${start}-0002`);
  });

  test("startRun() refuses unknown SOPs, limits and empty SOPs with the exact texts, using no counter value", () => {
    const { engine, store } = harness([makeSop("a"), makeSop("empty", {}, 0)]);
    assert.deepEqual(engine.startRun("nope", manual), { ok: false, error: "SOP not found: nope" });
    started(engine.startRun("a", manual));
    assert.deepEqual(engine.startRun("a", manual),
      { ok: false, error: "Cannot start SOP 'a': cooldown or concurrency limit reached" });
    assert.deepEqual(engine.startRun("empty", manual), { ok: false, error: "SOP 'empty' has no steps defined" });
    assert.equal(store.snapshot().runCounter, 1);
  });

  test("a waiting run keeps its slot in both limits (D9)", () => {
    const { engine } = harness([makeSop("a", { executionMode: "supervised", maxConcurrent: 5 }), makeSop("b")],
      { maxConcurrentTotal: 1 });
    const id = started(engine.startRun("a", manual));
    assert.equal(engine.run(id)?.run.status, "waiting_approval");
    assert.equal(engine.startRun("b", manual).ok, false);
  });

  test("advance() on a waiting run fails and changes nothing (D14)", () => {
    const { engine } = harness([makeSop("a", { executionMode: "step_by_step" })]);
    const id = started(engine.startRun("a", manual));
    const before = engine.run(id);
    assert.deepEqual(engine.advance(id, result(1)), { ok: false, error: `Run ${id} is waiting for approval (step 1)` });
    assert.deepEqual(engine.run(id), before);
  });

  test("a run walks its steps: approve, advance, complete, and current_step stays at the last step", () => {
    const { engine, clock } = harness([makeSop("a", { executionMode: "supervised" })]);
    const id = started(engine.startRun("a", manual));
    assert.equal(engine.run(id)?.run.waiting_since, "2026-02-19T12:00:00Z");
    clock.advance(1500);
    const approved = engine.approve(id);
    assert.ok(approved.ok && approved.value.kind === "execute_step");
    assert.equal(engine.run(id)?.run.waiting_since, null);
    assert.equal(engine.advance(id, result(1)).ok, true);
    const done = engine.advance(id, result(2, "skipped"));
    assert.deepEqual(done, { ok: true, value: { kind: "completed", runId: id, sopName: "a" } });
    const finished = engine.run(id)?.run;
    assert.equal(finished?.status, "completed");
    assert.equal(finished?.current_step, 2);
    assert.equal(finished?.completed_at, "2026-02-19T12:00:01Z");
    assert.deepEqual(engine.approve(id), { ok: false, error: `Active run not found: ${id}` });
  });

  test("a failed step fails the run with the reason Step {n} failed: {output}", () => {
    const { engine } = harness([makeSop("a", {}, 3)]);
    const id = started(engine.startRun("a", manual));
    const failed = engine.advance(id, result(1, "failed", "disk full"));
    assert.deepEqual(failed, { ok: true, value: { kind: "failed", runId: id, sopName: "a", reason: "Step 1 failed: disk full" } });
    assert.equal(engine.run(id)?.run.current_step, 1);
  });

  test("approve() of a running run names its status", () => {
    const { engine } = harness([makeSop("a")]);
    const id = started(engine.startRun("a", manual));
    assert.deepEqual(engine.approve(id), { ok: false, error: `Run ${id} is not waiting for approval (status: running)` });
  });

  test("cooldown counts from the last finish, failed and cancelled included, in whole seconds", () => {
    const { engine, clock } = harness([makeSop("a", { cooldownSecs: 60 })]);
    const id = started(engine.startRun("a", manual));
    assert.equal(engine.cancel(id).ok, true);
    clock.advance(59_999);
    assert.equal(engine.startRun("a", manual).ok, false);
    clock.advance(1);
    assert.equal(engine.startRun("a", manual).ok, true);
  });

  test("retention keeps max_finished_runs and forgets cooldown with the run it drops", () => {
    const { engine } = harness([makeSop("a", { cooldownSecs: 3600 }), makeSop("b", { maxConcurrent: 5 })],
      { maxFinishedRuns: 2 });
    engine.cancel(started(engine.startRun("a", manual)));
    assert.equal(engine.startRun("a", manual).ok, false);
    for (let i = 0; i < 2; i++) engine.cancel(started(engine.startRun("b", manual)));
    assert.deepEqual(engine.finishedRuns().map((s) => s.run.sop_name), ["b", "b"]);
    assert.equal(engine.startRun("a", manual).ok, true);
  });

  test("every change is committed with its audit records before the call returns", () => {
    const { engine, store } = harness([makeSop("a", { executionMode: "supervised" })]);
    const id = started(engine.startRun("a", manual));
    engine.approve(id);
    engine.advance(id, result(1));
    engine.advance(id, result(2));
    const state = store.snapshot();
    assert.deepEqual(state.audit.map((a) => a.key), [
      `sop_run_${id}`, `sop_approval_${id}_1`, `sop_step_${id}_1`, `sop_step_${id}_2`,
    ]);
    const finalRecord = JSON.parse(state.audit[0]?.content ?? "{}") as { status: string };
    assert.equal(finalRecord.status, "completed");
    assert.deepEqual(state.finished.map((s) => s.run.run_id), [id]);
    assert.equal(state.active.length, 0);
  });

  test("run actors are created under the supervisor, so inspection sees one tree", () => {
    const events: { type: string; parent?: string; actor?: string }[] = [];
    const { engine } = harness([makeSop("a", { maxConcurrent: 2 })], {}, (event) => {
      if (event.type === "@xstate.actor") {
        const ref = event.actorRef as unknown as { id: string; _parent?: { id: string } };
        const parent = ref._parent?.id;
        events.push({ type: event.type, actor: ref.id, ...(parent === undefined ? {} : { parent }) });
      }
    });
    const id = started(engine.startRun("a", manual));
    assert.deepEqual(events, [{ type: "@xstate.actor", actor: "supervisor" }, { type: "@xstate.actor", actor: id, parent: "supervisor" }]);
  });

  test("a new engine over the same store rehydrates active runs with their state, slots and deadlines", () => {
    const first = harness([makeSop("a", { executionMode: "supervised" })], { approvalTimeoutSecs: 60 });
    const id = started(first.engine.startRun("a", manual));
    const again = rehydrate(first, [makeSop("a", { executionMode: "supervised" })], { approvalTimeoutSecs: 60 });
    assert.deepEqual(again.run(id), first.engine.run(id));
    assert.equal(again.startRun("a", manual).ok, false, "the restored run holds its slot");
    assert.equal(again.approve(id).ok, true);
    assert.equal(again.advance(id, result(1)).ok, true);
    assert.equal(again.startRun("a", manual).ok, false);
    assert.equal(again.advance(id, result(2)).ok, true);
    assert.equal(again.run(id)?.run.status, "completed");
  });
});

describe("Engine restarts over SOPs that changed", () => {
  test("a run whose state no longer exists (the SOP lost steps) is left as stored, and the engine starts", () => {
    const first = harness([makeSop("a", {}, 3)]);
    const id = started(first.engine.startRun("a", manual));
    first.engine.advance(id, result(1));
    first.engine.advance(id, result(2));
    const again = rehydrate(first, [makeSop("a", {}, 2)]);
    assert.deepEqual(again.activeRuns(), []);
    assert.equal(again.startRun("a", manual).ok, true, "the stranded run holds no slot");
  });
});

describe("Engine and a failing store", () => {
  test("a commit that fails is thrown to the caller and records no metrics", () => {
    const clock = manualClock(start);
    const metrics = createMetrics(clock);
    let fail = false;
    const inner = memoryStore();
    const store = { load: inner.load, commit: (changes: StoreChanges) => {
      if (fail) throw new Error("disk full");
      inner.commit(changes);
    } };
    const engine = new Engine({ sops: [makeSop("a", { executionMode: "supervised" })], config: defaultEngineConfig, clock,
      store, metrics });
    const id = started(engine.startRun("a", manual));
    fail = true;
    assert.throws(() => engine.approve(id), /disk full/);
    assert.equal(metrics.lookup("sop.human_intervention_count")?.value, 0);
  });
});
