// Pins the approval table of engine.md §3: 4 modes × 4 priorities × confirmation × first/later step.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { type ApprovalGate, approvalGates, needsApproval } from "../../src/compiler/approval-gates.ts";
import type { ExecutionMode, Priority, Sop, Step } from "../../src/compiler/sop.ts";

// E = ExecuteStep, M = mode wait, C = confirmation wait.
const E = undefined;
const M = "mode";
const C = "confirmation";

/** engine.md §3, spelled out: mode, priority, requires_confirmation, first step, later steps (32 rows, 64 cases). */
type Gate = ApprovalGate | undefined;
const table: readonly (readonly [ExecutionMode, Priority, boolean, Gate, Gate])[] = [
  ["auto", "low", false, E, E],
  ["auto", "normal", false, E, E],
  ["auto", "high", false, E, E],
  ["auto", "critical", false, E, E],
  ["supervised", "low", false, M, E],
  ["supervised", "normal", false, M, E],
  ["supervised", "high", false, M, E],
  ["supervised", "critical", false, M, E],
  ["step_by_step", "low", false, M, M],
  ["step_by_step", "normal", false, M, M],
  ["step_by_step", "high", false, M, M],
  ["step_by_step", "critical", false, M, M],
  ["priority_based", "low", false, M, E],
  ["priority_based", "normal", false, M, E],
  ["priority_based", "high", false, E, E],
  ["priority_based", "critical", false, E, E],
  ["auto", "low", true, C, C],
  ["auto", "normal", true, C, C],
  ["auto", "high", true, C, C],
  ["auto", "critical", true, C, C],
  ["supervised", "low", true, C, C],
  ["supervised", "normal", true, C, C],
  ["supervised", "high", true, C, C],
  ["supervised", "critical", true, C, C],
  ["step_by_step", "low", true, C, C],
  ["step_by_step", "normal", true, C, C],
  ["step_by_step", "high", true, C, C],
  ["step_by_step", "critical", true, C, C],
  ["priority_based", "low", true, C, C],
  ["priority_based", "normal", true, C, C],
  ["priority_based", "high", true, C, C],
  ["priority_based", "critical", true, C, C],
];

function step(number: number, requiresConfirmation = false): Step {
  return { number, title: `Step ${number}`, body: "", suggestedTools: [], requiresConfirmation };
}

function sop(executionMode: ExecutionMode, priority: Priority, steps: readonly Step[]): Sop {
  return {
    name: "s", description: "d", version: "1", priority, executionMode, cooldownSecs: 0, maxConcurrent: 1,
    triggers: [{ type: "manual" }], steps, location: "sops/s",
  };
}

describe("needsApproval()", () => {
  test("needsApproval() follows the engine.md §3 table for every mode, priority and confirmation", () => {
    assert.equal(table.length * 2, 64);
    for (const [mode, priority, confirmation, first, later] of table) {
      const row = `${mode} ${priority} requires_confirmation=${confirmation}`;
      const s = { executionMode: mode, priority };
      assert.equal(needsApproval(s, step(1, confirmation), true), first, `${row}, first step`);
      assert.equal(needsApproval(s, step(2, confirmation), false), later, `${row}, later step`);
    }
  });

  test("needsApproval() checks requires_confirmation first, so auto and critical priority still wait", () => {
    assert.equal(needsApproval({ executionMode: "auto", priority: "critical" }, step(3, true), false), "confirmation");
  });

  test("needsApproval() ignores the written number: only isFirstStep decides (D2)", () => {
    const supervised = { executionMode: "supervised", priority: "normal" } as const;
    assert.equal(needsApproval(supervised, step(5), true), "mode");
    assert.equal(needsApproval(supervised, step(1), false), undefined);
  });
});

describe("approvalGates()", () => {
  test("approvalGates() decides by position, so a SOP numbered from 5 still gates its first step (D2)", () => {
    assert.deepEqual(approvalGates(sop("supervised", "normal", [step(5), step(7), step(1)])), [M, E, E]);
    assert.deepEqual(approvalGates(sop("priority_based", "low", [step(2), step(1)])), [M, E]);
  });

  test("approvalGates() gives one decision per step, confirmation steps anywhere", () => {
    const steps = [step(1), step(2, true), step(3), step(4, true)];
    assert.deepEqual(approvalGates(sop("auto", "normal", steps)), [E, C, E, C]);
    assert.deepEqual(approvalGates(sop("step_by_step", "high", steps)), [M, C, M, C]);
    assert.deepEqual(approvalGates(sop("priority_based", "critical", steps)), [E, C, E, C]);
  });

  test("approvalGates() matches needsApproval() for every table row", () => {
    for (const [mode, priority, confirmation, first, later] of table) {
      const steps = [step(1, confirmation), step(2, confirmation), step(3, confirmation)];
      const gates = approvalGates(sop(mode, priority, steps));
      assert.deepEqual(gates, [first, later, later], `${mode} ${priority} ${confirmation}`);
    }
  });

  test("approvalGates() is empty for a SOP without steps", () => {
    assert.deepEqual(approvalGates(sop("supervised", "normal", [])), []);
  });
});
