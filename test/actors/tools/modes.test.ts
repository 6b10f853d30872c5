import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ExecutionMode, Priority, Sop } from "../../../src/compiler/sop.ts";
import { audit, harness, ok, runId, sop, step } from "./tool-fixture.ts";

type Gate = "wait" | "run";

/**
 * Drives one run of a 3-step SOP through the tools, approving every gate and completing every step, and returns
 * for each position whether it waited for approval.
 */
function drive(definition: Sop): { gates: Gate[]; last: string; keys: string[] } {
  const h = harness([definition]);
  const id = runId(1);
  const gates: Gate[] = [];
  let output = h.call("sop_execute", { name: definition.name }).output;
  for (let position = 1; position <= definition.steps.length; position++) {
    const waits = output.split("\n")[0]?.includes("(waiting for approval)") ?? false;
    gates.push(waits ? "wait" : "run");
    if (waits) assert.equal(h.call("sop_approve", { run_id: id }).success, true);
    output = h.call("sop_advance", { run_id: id, status: "completed", output: `done ${position}` }).output;
  }
  return { gates, last: output, keys: [...audit(h).keys()].sort() };
}

function threeSteps(mode: ExecutionMode, priority: Priority, confirmAt?: number): Sop {
  const steps = [1, 2, 3].map((n) => step(n, { requiresConfirmation: n === confirmAt }));
  return sop("flow", { executionMode: mode, priority, steps });
}

// engine.md §3 table: first match wins, requires_confirmation before the mode.
const cases: [ExecutionMode, Priority, number | undefined, Gate[]][] = [
  ["auto", "low", undefined, ["run", "run", "run"]],
  ["auto", "critical", undefined, ["run", "run", "run"]],
  ["supervised", "critical", undefined, ["wait", "run", "run"]],
  ["supervised", "low", undefined, ["wait", "run", "run"]],
  ["step_by_step", "normal", undefined, ["wait", "wait", "wait"]],
  ["step_by_step", "critical", undefined, ["wait", "wait", "wait"]],
  ["priority_based", "critical", undefined, ["run", "run", "run"]],
  ["priority_based", "high", undefined, ["run", "run", "run"]],
  ["priority_based", "normal", undefined, ["wait", "run", "run"]],
  ["priority_based", "low", undefined, ["wait", "run", "run"]],
  ["auto", "normal", 2, ["run", "wait", "run"]],
  ["priority_based", "critical", 3, ["run", "run", "wait"]],
  ["supervised", "high", 2, ["wait", "wait", "run"]],
  ["step_by_step", "low", 1, ["wait", "wait", "wait"]],
];

describe("execution modes through the tools", () => {
  for (const [mode, priority, confirmAt, expected] of cases) {
    const confirmation = confirmAt === undefined ? "no confirmation" : `confirmation at step ${confirmAt}`;
    test(`${mode} × ${priority} × ${confirmation} waits at ${expected.join(", ")}`, () => {
      const { gates, last, keys } = drive(threeSteps(mode, priority, confirmAt));
      assert.deepEqual(gates, expected);
      assert.equal(last, `SOP 'flow' run ${runId(1)} completed successfully.`);
      const approvals = expected.flatMap((g, i) => (g === "wait" ? [`sop_approval_${runId(1)}_${i + 1}`] : []));
      const steps = [1, 2, 3].map((n) => `sop_step_${runId(1)}_${n}`);
      assert.deepEqual(keys, [...approvals, `sop_run_${runId(1)}`, ...steps].sort());
    });
  }

  test("supervised waits for the first step of the SOP even when its written number is not 1 (D2)", () => {
    const definition = sop("flow", { executionMode: "supervised", steps: [step(3), step(4), step(7)] });
    assert.deepEqual(drive(definition).gates, ["wait", "run", "run"]);
  });

  test("a supervised flow prints every tool text in order", () => {
    const h = harness([sop("sv", { executionMode: "supervised", steps: [step(1), step(2)] })]);
    const id = runId(1);
    const context = (n: number, previous = ""): string =>
      `[SOP: sv (run ${id}) — Step ${n} of 2]\n\nTrigger: manual (no topic)\n${previous}\n` +
      `Current step: **Step ${n}**\nDo step ${n}\n\nWhen done, report your result.\n`;
    assert.deepEqual(h.call("sop_execute", { name: "sv" }),
      ok(`SOP run started: ${id} (waiting for approval)\n\n${context(1)}`));
    assert.deepEqual(h.call("sop_approve", { run_id: id }),
      ok(`Approved. Proceeding with run ${id}.\n\n${context(1)}`));
    const second = context(2, "Previous: Step 1 completed — first\n");
    assert.deepEqual(h.call("sop_advance", { run_id: id, status: "completed", output: "first" }),
      ok(`Step recorded. Next step for run ${id}:\n\n${second}`));
    assert.deepEqual(h.call("sop_advance", { run_id: id, status: "completed", output: "second" }),
      ok(`SOP 'sv' run ${id} completed successfully.`));
  });
});
