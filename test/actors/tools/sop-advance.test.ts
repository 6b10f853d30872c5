import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { StepResult } from "../../../src/actors/run-record.ts";
import { ToolError } from "../../../src/actors/tools/tool.ts";
import { audit, failed, harness, ok, pretty, runId, runRecord, s1, sop, step, T0_TEXT } from "./tool-fixture.ts";

const advance = "sop_advance";

function started(sops = [s1], payload = '{"value": 87.3}'): ReturnType<typeof harness> {
  const h = harness(sops);
  h.call("sop_execute", { name: sops[0]?.name, payload });
  return h;
}

describe("sop_advance argument checks", () => {
  test("sop_advance throws for run_id, then status, then output, in that order", () => {
    const h = started();
    const cases: [unknown, string][] = [
      [{}, "run_id"], [{ run_id: 1, status: 2, output: 3 }, "run_id"], [null, "run_id"],
      [{ run_id: "nope" }, "status"], [{ run_id: "nope", status: true, output: "x" }, "status"],
      [{ run_id: "nope", status: "bogus" }, "output"],
      [{ run_id: runId(1), status: "completed", output: {} }, "output"],
    ];
    for (const [args, key] of cases) {
      assert.throws(() => h.call(advance, args), new ToolError(`Missing '${key}' parameter`), JSON.stringify(args));
    }
  });

  test("sop_advance returns Invalid status before looking the run up; status is case-sensitive", () => {
    const h = started();
    const invalid = (s: string): string => `Invalid status '${s}'. Must be: completed, failed, or skipped`;
    const capitalised = h.call(advance, { run_id: "nope", status: "Completed", output: "x" });
    assert.deepEqual(capitalised, failed(invalid("Completed")));
    assert.deepEqual(h.call(advance, { run_id: runId(1), status: "", output: "x" }), failed(invalid("")));
    assert.deepEqual(h.engine.run(runId(1))?.run.step_results, []);
  });

  test("sop_advance throws Run not found for an id that is neither active nor finished", () => {
    const h = started();
    const args = { run_id: "run-0-0001", status: "completed", output: "x" };
    assert.throws(() => h.call(advance, args), new ToolError("Run not found: run-0-0001"));
  });
});

describe("sop_advance outputs", () => {
  test("sop_advance returns the next step with a Previous: line (engine.md §6 second example)", () => {
    const h = started();
    const context = `[SOP: s1 (run ${runId(1)}) — Step 2 of 2]\n\nTrigger: manual (no topic)\n` +
      'Payload: {"value": 87.3}\nPrevious: Step 1 completed — done ok\n\n' +
      "Current step: **Step two**\nDo step two\nline2\n\nWhen done, report your result.\n";
    const result = h.call(advance, { run_id: runId(1), status: "completed", output: "done ok" });
    assert.deepEqual(result, ok(`Step recorded. Next step for run ${runId(1)}:\n\n${context}`));
  });

  test("sop_advance says (waiting for approval) when the next step waits", () => {
    const h = started([sop("c", { steps: [step(1), step(2, { requiresConfirmation: true })] })], "");
    const context = `[SOP: c (run ${runId(1)}) — Step 2 of 2]\n\nTrigger: manual (no topic)\nPayload: \n` +
      "Previous: Step 1 skipped — n/a\n\nCurrent step: **Step 2**\nDo step 2\n\nWhen done, report your result.\n";
    const result = h.call(advance, { run_id: runId(1), status: "skipped", output: "n/a" });
    assert.deepEqual(result, ok(`Step recorded. Next step for run ${runId(1)} (waiting for approval):\n\n${context}`));
    assert.equal(h.engine.run(runId(1))?.run.status, "waiting_approval");
  });

  test("sop_advance at the last step completes the run", () => {
    const h = started();
    h.call(advance, { run_id: runId(1), status: "completed", output: "a" });
    const result = h.call(advance, { run_id: runId(1), status: "skipped", output: "b" });
    assert.deepEqual(result, ok(`SOP 's1' run ${runId(1)} completed successfully.`));
    assert.equal(h.engine.run(runId(1))?.run.status, "completed");
    assert.equal(h.engine.run(runId(1))?.run.current_step, 2);
  });

  test("sop_advance with failed ends the run and still succeeds, with the reason Step {n} failed: {output}", () => {
    const h = started();
    const result = h.call(advance, { run_id: runId(1), status: "failed", output: "disk full" });
    assert.deepEqual(result, ok(`SOP 's1' run ${runId(1)} failed: Step 1 failed: disk full`));
    assert.equal(h.engine.run(runId(1))?.run.status, "failed");
    assert.equal(h.metrics?.lookup("sop.s1.runs_failed")?.value, 1);
  });

  test("sop_advance after the run finished returns Failed to advance step: Active run not found", () => {
    const h = started();
    h.call(advance, { run_id: runId(1), status: "failed", output: "x" });
    const result = h.call(advance, { run_id: runId(1), status: "completed", output: "again" });
    assert.deepEqual(result, failed(`Failed to advance step: Active run not found: ${runId(1)}`));
    assert.equal(h.engine.run(runId(1))?.run.step_results.length, 1);
  });
});

describe("sop_advance recording", () => {
  test("sop_advance records step_number = current_step and started_at = completed_at = now", () => {
    const h = started([sop("gaps", { steps: [step(5), step(9)] })]);
    h.clock.advance(90_500);
    h.call(advance, { run_id: runId(1), status: "completed", output: "x" });
    const expected = { step_number: 1, status: "completed", output: "x", started_at: "2026-02-19T12:01:30Z",
      completed_at: "2026-02-19T12:01:30Z" };
    assert.deepEqual(h.engine.run(runId(1))?.run.step_results, [expected]);
    assert.equal(audit(h).get(`sop_step_${runId(1)}_1`), pretty(expected));
    assert.match(h.call("sop_status", { run_id: runId(1) }).output, /\n {2}Step 1: completed — x\n$/);
  });

  test("sop_advance audits every step and rewrites sop_run_{id} when the run finishes", () => {
    const h = started([sop("a")], "p");
    h.call(advance, { run_id: runId(1), status: "completed", output: "one" });
    h.call(advance, { run_id: runId(1), status: "completed", output: "two" });
    const result = (n: number, output: string): StepResult => ({
      step_number: n, status: "completed", output, started_at: T0_TEXT, completed_at: T0_TEXT,
    });
    const records = audit(h);
    const keys = [`sop_run_${runId(1)}`, `sop_step_${runId(1)}_1`, `sop_step_${runId(1)}_2`];
    assert.deepEqual([...records.keys()].sort(), keys);
    assert.equal(records.get(`sop_step_${runId(1)}_2`), pretty(result(2, "two")));
    const run = runRecord({
      run_id: runId(1), sop_name: "a", status: "completed", current_step: 2, completed_at: T0_TEXT,
      trigger_event: { source: "manual", topic: null, payload: "p", timestamp: T0_TEXT },
      step_results: [result(1, "one"), result(2, "two")],
    });
    assert.equal(records.get(`sop_run_${runId(1)}`), pretty(run));
    assert.equal(h.metrics?.lookup("sop.a.runs_completed")?.value, 1);
  });

  test("sop_advance on a waiting run is refused and changes nothing (D14)", () => {
    const h = started([sop("sv", { executionMode: "supervised" })]);
    const before = h.store.snapshot();
    const result = h.call(advance, { run_id: runId(1), status: "completed", output: "skip the gate" });
    assert.deepEqual(result, failed(`Failed to advance step: Run ${runId(1)} is waiting for approval (step 1)`));
    assert.deepEqual(h.store.snapshot(), before);
    assert.equal(h.engine.run(runId(1))?.run.status, "waiting_approval");
  });

  test("sop_advance D14 names the position of a later gate", () => {
    const h = started([sop("sbs", { executionMode: "step_by_step", steps: [step(3), step(8)] })]);
    h.call("sop_approve", { run_id: runId(1) });
    h.call(advance, { run_id: runId(1), status: "completed", output: "x" });
    const result = h.call(advance, { run_id: runId(1), status: "completed", output: "y" });
    assert.deepEqual(result, failed(`Failed to advance step: Run ${runId(1)} is waiting for approval (step 2)`));
  });

  test("sop_advance records a 1 MB output whole without trouble", () => {
    const h = started();
    const huge = "x".repeat(1024 * 1024);
    const result = h.call(advance, { run_id: runId(1), status: "completed", output: huge });
    assert.equal(result.success, true);
    assert.ok(result.output.includes(`\nPrevious: Step 1 completed — ${huge}\n`));
    assert.equal(h.engine.run(runId(1))?.run.step_results[0]?.output, huge);
    assert.equal(JSON.parse(audit(h).get(`sop_step_${runId(1)}_1`) ?? "{}").output, huge);
  });
});
