import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ToolError } from "../../../src/actors/tools/tool.ts";
import { audit, failed, harness, ok, pretty, runId, runRecord, sop, T0_TEXT } from "./tool-fixture.ts";

const approve = "sop_approve";

function supervised(): ReturnType<typeof harness> {
  const h = harness([sop("sv", { executionMode: "supervised" })]);
  h.call("sop_execute", { name: "sv" });
  return h;
}

describe("sop_approve", () => {
  test("sop_approve clears the gate and returns the exact text with the step context", () => {
    const h = supervised();
    h.clock.advance(2_000);
    const context = `[SOP: sv (run ${runId(1)}) — Step 1 of 2]\n\nTrigger: manual (no topic)\n\n` +
      "Current step: **Step 1**\nDo step 1\n\nWhen done, report your result.\n";
    const expected = ok(`Approved. Proceeding with run ${runId(1)}.\n\n${context}`);
    assert.deepEqual(h.call(approve, { run_id: runId(1) }), expected);
    const run = h.engine.run(runId(1))?.run;
    assert.equal(run?.status, "running");
    assert.equal(run?.waiting_since, null);
  });

  test("sop_approve writes sop_approval_{run_id}_{current_step} with the run after approval", () => {
    const h = supervised();
    h.call(approve, { run_id: runId(1) });
    const key = `sop_approval_${runId(1)}_1`;
    assert.equal(audit(h).get(key), pretty(runRecord({ run_id: runId(1), sop_name: "sv" })));
    assert.equal(h.metrics?.lookup("sop.human_intervention_count")?.value, 1);
    assert.equal(h.metrics?.lookup("sop.sv.human_intervention_count")?.value, 1);
  });

  test("sop_approve returns Approval failed for a run that is not waiting, and records nothing", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    const before = h.store.snapshot().audit;
    const expected = failed(`Approval failed: Run ${runId(1)} is not waiting for approval (status: running)`);
    assert.deepEqual(h.call(approve, { run_id: runId(1) }), expected);
    assert.deepEqual(h.store.snapshot().audit, before);
    assert.equal(h.metrics?.lookup("sop.human_intervention_count")?.value, 0);
  });

  test("sop_approve returns Active run not found for unknown and finished runs", () => {
    const h = supervised();
    const unknown = failed("Approval failed: Active run not found: nonexistent");
    assert.deepEqual(h.call(approve, { run_id: "nonexistent" }), unknown);
    h.call("sop_cancel", { run_id: runId(1) });
    const finished = failed(`Approval failed: Active run not found: ${runId(1)}`);
    assert.deepEqual(h.call(approve, { run_id: runId(1) }), finished);
  });

  test("sop_approve twice: the second is refused with status running", () => {
    const h = supervised();
    h.call(approve, { run_id: runId(1) });
    const expected = failed(`Approval failed: Run ${runId(1)} is not waiting for approval (status: running)`);
    assert.deepEqual(h.call(approve, { run_id: runId(1) }), expected);
  });

  test("sop_approve throws Missing 'run_id' parameter when run_id is absent or not a string", () => {
    const h = supervised();
    for (const args of [{}, { run_id: 1 }, { runId: runId(1) }, null, runId(1)]) {
      assert.throws(() => h.call(approve, args), new ToolError("Missing 'run_id' parameter"), JSON.stringify(args));
    }
    assert.equal(h.engine.run(runId(1))?.run.waiting_since, T0_TEXT);
  });
});
