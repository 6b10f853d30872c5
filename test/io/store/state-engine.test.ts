// A daemon restart over the SQLite store: an engine starts a supervised run, its store is closed, and a new engine
// over the reopened file finishes the run (engine.md §0.5, issue #4).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { manualClock, type ManualClock } from "../../../src/actors/clock.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig } from "../../../src/actors/engine-types.ts";
import type { Store } from "../../../src/actors/store.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop, manual, result, start } from "../../actors/engine-fixture.ts";

const dir = mkdtempSync(join(tmpdir(), "zeroclaw-engine-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const sops = [makeSop("a", { executionMode: "supervised" })];

function engineOver(store: Store, clock: ManualClock): Engine {
  return new Engine({ sops, config: defaultEngineConfig, clock, store });
}

describe("Engine over the SQLite store", () => {
  test("a supervised run started before a restart is approved and completed after it", () => {
    const stateDir = join(dir, "state");
    const clock = manualClock(start);
    const first = openStateStore(stateDir);
    const started = engineOver(first, clock).startRun("a", manual);
    assert.ok(started.ok && started.value.kind === "wait_approval");
    const id = started.value.runId;
    assert.match(id, /-0001$/);
    first.close();

    clock.advance(1_000);
    const second = openStateStore(stateDir);
    const engine = engineOver(second, clock);
    assert.equal(engine.run(id)?.run.status, "waiting_approval");
    assert.equal(engine.approve(id).ok, true);
    assert.equal(engine.advance(id, result(1)).ok, true);
    assert.deepEqual(engine.advance(id, result(2)),
      { ok: true, value: { kind: "completed", runId: id, sopName: "a" } });
    const next = engine.startRun("a", manual);
    assert.ok(next.ok);
    assert.match(next.value.runId, /-0002$/, "the run counter continues after the restart");
    second.close();

    const third = openStateStore(stateDir);
    const state = third.load();
    third.close();
    assert.equal(state.runCounter, 2);
    assert.deepEqual(state.finished.map((stored) => [stored.run.run_id, stored.run.status]), [[id, "completed"]]);
    assert.deepEqual(state.active.map((stored) => stored.run.run_id), [next.value.runId]);
    assert.deepEqual(state.audit.map((record) => record.key), [`sop_run_${id}`, `sop_approval_${id}_1`,
      `sop_step_${id}_1`, `sop_step_${id}_2`, `sop_run_${next.value.runId}`]);
    assert.equal(JSON.parse(state.audit[0]?.content ?? "{}").status, "completed");
  });
});
