import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ToolError } from "../../../src/actors/tools/tool.ts";
import { audit, failed, harness, ok, pretty, runId, runRecord, s1, sop, step, T0 } from "./tool-fixture.ts";

const execute = "sop_execute";

describe("sop_execute", () => {
  test("sop_execute starts an auto SOP with the exact ExecuteStep output and the §6 context", () => {
    const h = harness([s1]);
    const result = h.call(execute, { name: "s1", payload: '{"value": 87.3}' });
    const context = `[SOP: s1 (run ${runId(1)}) — Step 1 of 2]\n\nTrigger: manual (no topic)\n` +
      `Payload: {"value": 87.3}\n\nCurrent step: **Step one**\nDo step one\n\nSuggested tools: shell, file_read\n\n` +
      "When done, report your result.\n";
    assert.deepEqual(result, ok(`SOP run started: ${runId(1)}\n\n${context}`));
  });

  test("sop_execute says (waiting for approval) when the first step waits", () => {
    const h = harness([sop("sv", { executionMode: "supervised" })]);
    const context = `[SOP: sv (run ${runId(1)}) — Step 1 of 2]\n\nTrigger: manual (no topic)\n\n` +
      "Current step: **Step 1**\nDo step 1\n\nWhen done, report your result.\n";
    const expected = ok(`SOP run started: ${runId(1)} (waiting for approval)\n\n${context}`);
    assert.deepEqual(h.call(execute, { name: "sv" }), expected);
    assert.equal(h.engine.run(runId(1))?.run.status, "waiting_approval");
  });

  test("sop_execute writes the start audit record with reference keys only", () => {
    const h = harness([sop("sv", { executionMode: "supervised" })]);
    h.call(execute, { name: "sv", payload: "p" });
    const expected = runRecord({
      run_id: runId(1), sop_name: "sv", status: "waiting_approval", waiting_since: "2026-02-19T12:00:00Z",
      trigger_event: { source: "manual", topic: null, payload: "p", timestamp: "2026-02-19T12:00:00Z" },
    });
    assert.deepEqual([...audit(h).keys()], [`sop_run_${runId(1)}`]);
    assert.equal(audit(h).get(`sop_run_${runId(1)}`), pretty(expected));
  });

  test("sop_execute ignores a payload that is not a string: no Payload: line, a null payload in the run", () => {
    for (const payload of [{ value: 1 }, 42, true, null, ["x"]]) {
      const h = harness([s1]);
      const result = h.call(execute, { name: "s1", payload });
      assert.equal(result.success, true);
      assert.doesNotMatch(result.output, /Payload:/);
      assert.equal(h.engine.run(runId(1))?.run.trigger_event.payload, null);
    }
  });

  test("sop_execute keeps an empty payload: the line is `Payload: ` with a trailing space", () => {
    const h = harness([s1]);
    assert.match(h.call(execute, { name: "s1", payload: "" }).output, /\nTrigger: manual \(no topic\)\nPayload: \n\n/);
    assert.equal(h.engine.run(runId(1))?.run.trigger_event.payload, "");
  });

  test("sop_execute caps a long payload in the context but keeps it whole in the run (D13)", () => {
    const h = harness([s1], { config: { payloadMaxBytes: 8 } });
    const output = h.call(execute, { name: "s1", payload: "0123456789\u0007" }).output;
    assert.match(output, /\nPayload: 01234567… \[truncated 3 bytes\]\n/);
    assert.equal(h.engine.run(runId(1))?.run.trigger_event.payload, "0123456789\u0007");
  });

  test("sop_execute throws Missing 'name' parameter when name is absent or not a string", () => {
    const h = harness([s1]);
    for (const args of [{}, { name: 1 }, { name: null }, { payload: "x" }, null, "s1", ["s1"]]) {
      assert.throws(() => h.call(execute, args), new ToolError("Missing 'name' parameter"), JSON.stringify(args));
    }
    assert.equal(h.engine.activeRuns().length, 0);
  });

  test("sop_execute returns Failed to start SOP: SOP not found for an unknown name", () => {
    const h = harness([s1]);
    const unknown = failed("Failed to start SOP: SOP not found: nonexistent");
    assert.deepEqual(h.call(execute, { name: "nonexistent" }), unknown);
    assert.deepEqual(h.call(execute, { name: "S1" }), failed("Failed to start SOP: SOP not found: S1"));
  });

  test("sop_execute returns the no-steps error after the limit check", () => {
    const h = harness([sop("empty", { steps: [] }), sop("closed", { steps: [], maxConcurrent: 0 })]);
    const noSteps = failed("Failed to start SOP: SOP 'empty' has no steps defined");
    assert.deepEqual(h.call(execute, { name: "empty" }), noSteps);
    const limit = "Failed to start SOP: Cannot start SOP 'closed': cooldown or concurrency limit reached";
    assert.deepEqual(h.call(execute, { name: "closed" }), failed(limit));
  });

  test("sop_execute refuses a second run at max_concurrent and uses no run number", () => {
    const h = harness([s1]);
    h.call(execute, { name: "s1" });
    const limit = "Failed to start SOP: Cannot start SOP 's1': cooldown or concurrency limit reached";
    assert.deepEqual(h.call(execute, { name: "s1" }), failed(limit));
    assert.equal(h.store.snapshot().runCounter, 1);
    assert.equal(h.engine.activeRuns().length, 1);
  });

  test("sop_execute refuses at max_concurrent_total and never queues (Resolved detail 4)", () => {
    const h = harness([sop("a"), sop("b", { queue: 5 })], { config: { maxConcurrentTotal: 1 } });
    h.call(execute, { name: "a" });
    const limit = "Failed to start SOP: Cannot start SOP 'b': cooldown or concurrency limit reached";
    assert.deepEqual(h.call(execute, { name: "b" }), failed(limit));
    assert.deepEqual(h.engine.queued(), []);
  });

  test("sop_execute refuses during cooldown and starts once it has passed", () => {
    const h = harness([sop("cool", { cooldownSecs: 60 })]);
    h.call(execute, { name: "cool" });
    h.call("sop_cancel", { run_id: runId(1) });
    h.clock.advance(59_000);
    const limit = "Failed to start SOP: Cannot start SOP 'cool': cooldown or concurrency limit reached";
    assert.deepEqual(h.call(execute, { name: "cool" }), failed(limit));
    h.clock.advance(1_000);
    assert.match(h.call(execute, { name: "cool" }).output, new RegExp(`^SOP run started: ${runId(2, T0 + 60_000)}\n`));
  });

  test("sop_execute starts a SOP that has no manual trigger (matching is bypassed)", () => {
    const h = harness([sop("mq", { triggers: [{ type: "mqtt", topic: "a/b" }] })]);
    assert.equal(h.call(execute, { name: "mq" }).success, true);
    assert.equal(h.engine.run(runId(1))?.run.trigger_event.source, "manual");
  });

  test("sop_execute shows the position in the header when written step numbers have gaps (Resolved detail 7)", () => {
    const h = harness([sop("gaps", { steps: [step(5), step(9)] })]);
    assert.match(h.call(execute, { name: "gaps" }).output, /— Step 1 of 2\]\n/);
  });
});
