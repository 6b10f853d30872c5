import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createActor, createMachine } from "xstate";
import { compileRunMachine } from "../../src/compiler/run-machine.ts";
import { renderDot, renderMermaid } from "../../src/compiler/machine-graph.ts";
import type { ExecutionMode, Priority, Sop, Step } from "../../src/compiler/sop.ts";

function step(number: number, requiresConfirmation = false): Step {
  return { number, title: `T${number}`, body: "", suggestedTools: [], requiresConfirmation };
}
function sop(executionMode: ExecutionMode, priority: Priority, steps: Step[]): Sop {
  return { name: "s", description: "", version: "1", priority, executionMode, cooldownSecs: 0, maxConcurrent: 1,
    triggers: [], steps, location: "s" };
}
const states = (s: Sop): string[] => Object.keys(compileRunMachine(s).states);

describe("compileRunMachine()", () => {
  test("compileRunMachine() puts a gate before the first step only in supervised mode", () => {
    assert.deepEqual(states(sop("supervised", "normal", [step(1), step(2)])),
      ["step_1_approval", "step_1", "step_2", "completed", "failed", "cancelled"]);
    assert.equal(compileRunMachine(sop("supervised", "normal", [step(1)])).initial, "step_1_approval");
  });

  test("compileRunMachine() gates by mode, priority and requires_confirmation (engine.md §3)", () => {
    assert.deepEqual(states(sop("auto", "low", [step(1), step(2, true)])),
      ["step_1", "step_2_approval", "step_2", "completed", "failed", "cancelled"]);
    assert.deepEqual(states(sop("step_by_step", "critical", [step(1), step(2)])),
      ["step_1_approval", "step_1", "step_2_approval", "step_2", "completed", "failed", "cancelled"]);
    assert.deepEqual(states(sop("priority_based", "high", [step(1), step(2)])),
      ["step_1", "step_2", "completed", "failed", "cancelled"]);
    assert.deepEqual(states(sop("priority_based", "low", [step(5), step(6)])),
      ["step_1_approval", "step_1", "step_2", "completed", "failed", "cancelled"]);
  });

  test("compileRunMachine() marks each gate with its kind for timeout handling (D7)", () => {
    const machine = compileRunMachine(sop("supervised", "high", [step(1, true), step(2)]));
    assert.equal(machine.states["step_1_approval"]?.meta.gate, "confirmation");
    assert.equal(compileRunMachine(sop("supervised", "high", [step(1)])).states["step_1_approval"]?.meta.gate, "mode");
  });

  test("the compiled JSON loads with createMachine() and an approval gate cannot be advanced (D14)", () => {
    const config = JSON.parse(JSON.stringify(compileRunMachine(sop("supervised", "normal", [step(1), step(2)]))));
    const actor = createActor(createMachine(config)).start();
    assert.equal(actor.getSnapshot().value, "step_1_approval");
    assert.equal(actor.getSnapshot().can({ type: "step.completed" }), false);
    actor.send({ type: "run.approved" });
    actor.send({ type: "step.skipped" });
    assert.equal(actor.getSnapshot().value, "step_2");
    actor.send({ type: "step.completed" });
    assert.equal(actor.getSnapshot().status, "done");
    assert.equal(actor.getSnapshot().value, "completed");
  });

  test("a failed step and a cancel end in their final states", () => {
    const config = compileRunMachine(sop("auto", "normal", [step(1), step(2)]));
    const failed = createActor(createMachine(config)).start();
    failed.send({ type: "step.failed" });
    assert.equal(failed.getSnapshot().value, "failed");
    const cancelled = createActor(createMachine(config)).start();
    cancelled.send({ type: "run.cancelled" });
    assert.equal(cancelled.getSnapshot().value, "cancelled");
  });
});

describe("renderMermaid() and renderDot()", () => {
  const machine = compileRunMachine(sop("supervised", "normal", [step(1), step(2, true)]));

  test("renderMermaid() draws every state and transition of the machine", () => {
    const text = renderMermaid(machine);
    assert.match(text, /^stateDiagram-v2\n/);
    assert.match(text, /\[\*\] --> step_1_approval\n/);
    assert.match(text, /step_1 --> step_2_approval: step\.completed \/ step\.skipped\n/);
    assert.match(text, /step_2_approval --> step_2: run\.approved\n/);
    assert.match(text, /completed --> \[\*\]\n/);
  });

  test("renderDot() escapes labels and marks gates and final states", () => {
    const quoted = compileRunMachine({ ...sop("auto", "normal", [{ ...step(1), title: 'say "hi"' }]), name: "x" });
    assert.match(renderDot(quoted), /"step_1" \[label="Step 1: say \\"hi\\""\];/);
    assert.match(renderDot(machine), /"step_1_approval" \[label="[^"]+", shape=diamond\];/);
    assert.match(renderDot(machine), /"completed" \[label="Run completed", shape=doublecircle\];/);
  });
});
