import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ToolError } from "../../../src/actors/tools/tool.ts";
import { audit, failed, harness, ok, pretty, runId, runRecord, sop, T0_TEXT } from "./tool-fixture.ts";

const cancel = "sop_cancel";

describe("sop_cancel", () => {
  test("sop_cancel ends an active run and returns SOP run {run_id} cancelled.", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    h.clock.advance(3_000);
    assert.deepEqual(h.call(cancel, { run_id: runId(1) }), ok(`SOP run ${runId(1)} cancelled.`));
    assert.deepEqual(h.engine.activeRuns(), []);
    const completed_at = "2026-02-19T12:00:03Z";
    const expected = runRecord({ run_id: runId(1), sop_name: "a", status: "cancelled", completed_at });
    assert.deepEqual(h.engine.run(runId(1))?.run, expected);
  });

  test("sop_cancel rewrites sop_run_{id} as cancelled and counts runs_cancelled (Resolved detail 5)", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    h.call(cancel, { run_id: runId(1) });
    const expected = runRecord({ run_id: runId(1), sop_name: "a", status: "cancelled", completed_at: T0_TEXT });
    assert.equal(audit(h).get(`sop_run_${runId(1)}`), pretty(expected));
    assert.equal(h.metrics?.lookup("sop.runs_cancelled")?.value, 1);
    assert.equal(h.metrics?.lookup("sop.a.runs_cancelled")?.value, 1);
  });

  test("sop_cancel of a waiting run keeps its waiting_since", () => {
    const h = harness([sop("sv", { executionMode: "supervised" })]);
    h.call("sop_execute", { name: "sv" });
    h.call(cancel, { run_id: runId(1) });
    assert.equal(h.engine.run(runId(1))?.run.waiting_since, T0_TEXT);
    assert.equal(h.engine.run(runId(1))?.run.status, "cancelled");
  });

  test("sop_cancel returns Cancel failed: Active run not found for unknown and finished runs", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    h.call(cancel, { run_id: runId(1) });
    assert.deepEqual(h.call(cancel, { run_id: runId(1) }), failed(`Cancel failed: Active run not found: ${runId(1)}`));
    assert.deepEqual(h.call(cancel, { run_id: "x" }), failed("Cancel failed: Active run not found: x"));
  });

  test("sop_cancel frees the slot and admits a queued start (D8)", () => {
    const h = harness([sop("q", { queue: 1 })]);
    h.call("sop_execute", { name: "q" });
    const event = { source: "mqtt", topic: "t", payload: null, timestamp: T0_TEXT } as const;
    h.engine.transaction(() => h.engine.enqueue("q", event));
    h.call(cancel, { run_id: runId(1) });
    assert.deepEqual(h.engine.activeRuns().map((s) => s.run.run_id), [runId(2)]);
    assert.deepEqual(h.engine.queued(), []);
  });

  test("sop_cancel throws Missing 'run_id' parameter when run_id is absent or not a string", () => {
    const h = harness([sop("a")]);
    for (const args of [{}, { run_id: null }, { run_id: [runId(1)] }, undefined]) {
      assert.throws(() => h.call(cancel, args), new ToolError("Missing 'run_id' parameter"), JSON.stringify(args));
    }
  });
});
