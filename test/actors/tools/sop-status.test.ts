import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { harness, ok, runId, sop, startedId, step } from "./tool-fixture.ts";

const status = "sop_status";
const gate = "\nGate Status: not available (ampersona-gates feature not enabled)\n";

function finishOneStep(h: ReturnType<typeof harness>, name: string): string {
  const id = startedId(h.call("sop_execute", { name }));
  h.call("sop_advance", { run_id: id, status: "completed", output: "ok" });
  return id;
}

describe("sop_status list mode", () => {
  test("sop_status with no arguments and no runs prints No active runs.", () => {
    assert.deepEqual(harness([sop("a")]).call(status, {}), ok("No active runs.\n"));
  });

  test("sop_status with a sop_name and no runs names the SOP", () => {
    assert.deepEqual(harness([sop("a")]).call(status, { sop_name: "a" }), ok("No active runs for 'a'.\n"));
  });

  test("sop_status lists active runs in start order with status and step", () => {
    const h = harness([sop("a", { maxConcurrent: 2 }), sop("b", { executionMode: "supervised", steps: [step(1)] })]);
    h.call("sop_execute", { name: "a" });
    h.call("sop_execute", { name: "b" });
    h.call("sop_execute", { name: "a" });
    h.call("sop_advance", { run_id: runId(1), status: "completed", output: "x" });
    const expected = "Active runs (3):\n" +
      `  ${runId(1)} — a [running] step 2/2\n` +
      `  ${runId(2)} — b [waiting_approval] step 1/1\n` +
      `  ${runId(3)} — a [running] step 1/2\n`;
    assert.deepEqual(h.call(status, {}), ok(expected));
    const filtered = "Active runs (2):\n" +
      `  ${runId(1)} — a [running] step 2/2\n  ${runId(3)} — a [running] step 1/2\n`;
    assert.deepEqual(h.call(status, { sop_name: "a" }), ok(filtered));
  });

  test("sop_status shows the 10 most recent finished runs, newest first, under the full count", () => {
    const h = harness([sop("f", { steps: [step(1)] }), sop("g", { steps: [step(1)] })]);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(finishOneStep(h, "f"));
      h.clock.advance(1_000);
    }
    const gId = finishOneStep(h, "g");
    const second = (i: number): string => String(11 - i).padStart(2, "0");
    const lines = ids.slice(2).reverse().map((id, i) => `  ${id} — f [completed] (2026-02-19T12:00:${second(i)}Z)\n`);
    const expected = `No active runs for 'f'.\n\nFinished runs (12):\n${lines.join("")}`;
    assert.deepEqual(h.call(status, { sop_name: "f" }), ok(expected));
    const all = h.call(status, {}).output;
    const newest = `  ${gId} — g [completed] (2026-02-19T12:00:12Z)\n`;
    assert.ok(all.startsWith(`No active runs.\n\nFinished runs (13):\n${newest}`));
    assert.equal(all.split("\n").length, 3 + 10 + 1); // 2 header lines and a blank one, 10 runs, the final ""
  });

  test("sop_status reports failed and cancelled finished runs with their completed_at", () => {
    const h = harness([sop("a", { maxConcurrent: 2 })]);
    h.call("sop_execute", { name: "a" });
    h.call("sop_execute", { name: "a" });
    h.clock.advance(5_000);
    h.call("sop_advance", { run_id: runId(1), status: "failed", output: "boom" });
    h.call("sop_cancel", { run_id: runId(2) });
    const expected = "No active runs.\n\nFinished runs (2):\n" +
      `  ${runId(2)} — a [cancelled] (2026-02-19T12:00:05Z)\n  ${runId(1)} — a [failed] (2026-02-19T12:00:05Z)\n`;
    assert.deepEqual(h.call(status, {}), ok(expected));
  });

  test("sop_status appends the gate status in list mode when include_gate_status is true", () => {
    const h = harness([sop("a")]);
    assert.deepEqual(h.call(status, { include_gate_status: true }), ok(`No active runs.\n${gate}`));
    assert.deepEqual(h.call(status, { include_gate_status: false }), ok("No active runs.\n"));
    assert.deepEqual(h.call(status, { include_gate_status: "true" }), ok("No active runs.\n"));
  });

  test("sop_status reads mistyped fields as absent", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    const all = ok(`Active runs (1):\n  ${runId(1)} — a [running] step 1/2\n`);
    assert.deepEqual(h.call(status, { run_id: 7, sop_name: ["a"], include_metrics: 1 }), all);
    assert.deepEqual(h.call(status, null), all);
    assert.deepEqual(h.call(status, "a"), all);
  });
});

describe("sop_status run mode", () => {
  test("sop_status prints a new run without Completed or Step results", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    const expected = `Run: ${runId(1)}\nSOP: a\nStatus: running\nStep: 1 of 2\nStarted: 2026-02-19T12:00:00Z\n`;
    assert.deepEqual(h.call(status, { run_id: runId(1) }), ok(expected));
  });

  test("sop_status prints a finished run with Completed and every step result in order", () => {
    const h = harness([sop("a")]);
    h.call("sop_execute", { name: "a" });
    h.clock.advance(61_000);
    h.call("sop_advance", { run_id: runId(1), status: "skipped", output: "not needed" });
    h.call("sop_advance", { run_id: runId(1), status: "completed", output: "done\nwith two lines" });
    const expected = `Run: ${runId(1)}\nSOP: a\nStatus: completed\nStep: 2 of 2\nStarted: 2026-02-19T12:00:00Z\n` +
      "Completed: 2026-02-19T12:01:01Z\n\nStep results:\n  Step 1: skipped — not needed\n" +
      "  Step 2: completed — done\nwith two lines\n";
    assert.deepEqual(h.call(status, { run_id: runId(1) }), ok(expected));
  });

  test("sop_status run_id takes precedence: sop_name and include_metrics are ignored", () => {
    const h = harness([sop("a"), sop("b")]);
    h.call("sop_execute", { name: "a" });
    const expected = `Run: ${runId(1)}\nSOP: a\nStatus: running\nStep: 1 of 2\nStarted: 2026-02-19T12:00:00Z\n`;
    assert.deepEqual(h.call(status, { run_id: runId(1), sop_name: "b", include_metrics: true }), ok(expected));
    assert.deepEqual(h.call(status, { run_id: runId(1), include_gate_status: true }), ok(expected + gate));
  });

  test("sop_status returns No run found for an unknown id, with nothing appended", () => {
    const h = harness([sop("a")]);
    assert.deepEqual(h.call(status, { run_id: "nope", include_gate_status: true }), ok("No run found with ID 'nope'."));
    assert.deepEqual(h.call(status, { run_id: "" }), ok("No run found with ID ''."));
  });

  test("sop_status prints Escalated: after Started: while an escalated wait lasts (Resolved detail 2)", () => {
    const h = harness([sop("sv", { executionMode: "supervised" })], { config: { approvalTimeoutAction: "wait" } });
    const id = startedId(h.call("sop_execute", { name: "sv" }));
    h.clock.advance(300_000);
    h.engine.escalate(id);
    const head = `Run: ${id}\nSOP: sv\nStatus: waiting_approval\nStep: 1 of 2\nStarted: 2026-02-19T12:00:00Z\n`;
    assert.deepEqual(h.call(status, { run_id: id }), ok(`${head}Escalated: 2026-02-19T12:05:00Z\n`));
    h.call("sop_approve", { run_id: id });
    const after = `Run: ${id}\nSOP: sv\nStatus: running\nStep: 1 of 2\nStarted: 2026-02-19T12:00:00Z\n`;
    assert.deepEqual(h.call(status, { run_id: id }), ok(after));
  });

  test("sop_status finds a finished run by id after it left the active runs", () => {
    const h = harness([sop("a")]);
    const id = startedId(h.call("sop_execute", { name: "a" }));
    h.call("sop_cancel", { run_id: id });
    assert.match(h.call(status, { run_id: id }).output, /\nStatus: cancelled\n.*\nCompleted: 2026-02-19T12:00:00Z\n$/s);
  });
});

describe("sop_status include_metrics", () => {
  /** Supervised SOP `m`: run 1 approved and completed, run 2 approved and failed, run 3 cancelled while waiting. */
  function metricsHarness(): ReturnType<typeof harness> {
    const h = harness([sop("m", { executionMode: "supervised", maxConcurrent: 3 }), sop("other")]);
    for (let i = 0; i < 3; i++) h.call("sop_execute", { name: "m" });
    h.call("sop_approve", { run_id: runId(1) });
    h.call("sop_approve", { run_id: runId(2) });
    h.call("sop_advance", { run_id: runId(1), status: "completed", output: "a" });
    h.call("sop_advance", { run_id: runId(1), status: "completed", output: "b" });
    h.call("sop_advance", { run_id: runId(2), status: "failed", output: "boom" });
    h.call("sop_cancel", { run_id: runId(3) });
    return h;
  }

  const lines = [
    "  runs_completed: 1", "  runs_failed: 1", "  runs_cancelled: 1", "  completion_rate: 0.3333",
    "  deviation_rate: 0.3333", "  protocol_adherence_rate: 0.3333", "  human_intervention_count: 2",
    "  human_intervention_rate: 2", "  timeout_auto_approvals: 0", "  timeout_approval_rate: 0",
    "  completion_rate_7d: 0.3333", "  deviation_rate_7d: 0.3333", "  completion_rate_30d: 0.3333",
    "  deviation_rate_30d: 0.3333",
  ];

  function finishedPart(head = "No active runs.\n"): string {
    return `${head}\nFinished runs (3):\n` + `  ${runId(3)} — m [cancelled] (2026-02-19T12:00:00Z)\n` +
      `  ${runId(2)} — m [failed] (2026-02-19T12:00:00Z)\n  ${runId(1)} — m [completed] (2026-02-19T12:00:00Z)\n`;
  }

  test("sop_status include_metrics prints the global block with prefix sop", () => {
    const expected = `${finishedPart()}\nMetrics (sop):\n${lines.join("\n")}\n`;
    assert.deepEqual(metricsHarness().call(status, { include_metrics: true }), ok(expected));
  });

  test("sop_status include_metrics with sop_name prints the block sop.{name}, then the gate status", () => {
    const expected = `${finishedPart("No active runs for 'm'.\n")}\nMetrics (sop.m):\n${lines.join("\n")}\n${gate}`;
    const result = metricsHarness().call(status, { sop_name: "m", include_metrics: true, include_gate_status: true });
    assert.deepEqual(result, ok(expected));
  });

  test("sop_status include_metrics prints only the header for a SOP the collector has not seen", () => {
    const result = metricsHarness().call(status, { sop_name: "other", include_metrics: true });
    assert.deepEqual(result, ok("No active runs for 'other'.\n\nMetrics (sop.other):\n"));
  });

  test("sop_status include_metrics windows move with the injected clock", () => {
    const h = metricsHarness();
    h.clock.advance(8 * 86_400_000);
    const output = h.call(status, { sop_name: "m", include_metrics: true }).output;
    assert.match(output, /\n {2}completion_rate: 0\.3333\n/);
    assert.match(output, /\n {2}completion_rate_7d: 0\n {2}deviation_rate_7d: 0\n {2}completion_rate_30d: 0\.3333\n/);
  });

  test("sop_status include_metrics without a collector says it is not available", () => {
    const h = harness([sop("a")], { metrics: false });
    const expected = "No active runs.\n\nMetrics: not available (collector not configured)\n";
    assert.deepEqual(h.call(status, { include_metrics: true }), ok(expected));
  });

  test("sop_status ignores include_metrics given as a string", () => {
    assert.deepEqual(metricsHarness().call(status, { include_metrics: "yes" }), ok(finishedPart()));
  });
});
