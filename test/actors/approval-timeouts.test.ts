import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkApprovalTimeouts, timeoutDecision } from "../../src/actors/approval-timeouts.ts";
import type { Priority } from "../../src/compiler/sop.ts";
import { harness, makeSop, manual } from "./engine-fixture.ts";

describe("timeoutDecision()", () => {
  test("timeoutDecision() follows the D7 table", () => {
    const table: [string, Priority, "mode" | "confirmation", string][] = [
      ["auto_approve", "critical", "mode", "approve"], ["auto_approve", "high", "mode", "approve"],
      ["auto_approve", "high", "confirmation", "escalate"], ["auto_approve", "normal", "mode", "escalate"],
      ["auto_approve", "low", "confirmation", "escalate"], ["wait", "critical", "mode", "escalate"],
      ["cancel", "low", "confirmation", "cancel"], ["cancel", "critical", "mode", "cancel"],
    ];
    for (const [action, priority, gate, expected] of table) {
      assert.equal(timeoutDecision(action as "wait", priority, gate), expected, `${action} ${priority} ${gate}`);
    }
  });
});

describe("checkApprovalTimeouts()", () => {
  test("a high-priority mode wait is auto-approved once its deadline passes, and audited apart", () => {
    const { engine, clock, store } = harness([makeSop("h", { executionMode: "supervised", priority: "high" })],
      { approvalTimeoutSecs: 60 });
    const id = (engine.startRun("h", manual) as { value: { runId: string } }).value.runId;
    clock.advance(59_999);
    assert.deepEqual(checkApprovalTimeouts(engine), []);
    clock.advance(1);
    const [outcome] = checkApprovalTimeouts(engine);
    assert.equal(outcome?.kind, "auto_approved");
    assert.equal(engine.run(id)?.run.status, "running");
    assert.ok(store.snapshot().audit.some((a) => a.key === `sop_timeout_approve_${id}_1`));
    assert.equal(engine.metrics?.lookup("sop.timeout_auto_approvals")?.value, 1);
  });

  test("a requires_confirmation wait is never auto-approved: it is escalated once and keeps waiting (D7)", () => {
    const steps = [{ number: 1, title: "T", body: "", suggestedTools: [], requiresConfirmation: true }];
    const { engine, clock } = harness([makeSop("c", { priority: "critical" }, steps)], { approvalTimeoutSecs: 1 });
    const id = (engine.startRun("c", manual) as { value: { runId: string } }).value.runId;
    clock.advance(5000);
    assert.deepEqual(checkApprovalTimeouts(engine), [{ kind: "escalated", runId: id }]);
    assert.deepEqual(checkApprovalTimeouts(engine), []);
    assert.equal(engine.run(id)?.escalatedAt, "2026-02-19T12:00:05Z");
    engine.approve(id);
    assert.equal(engine.run(id)?.escalatedAt, null);
  });

  test("the cancel action cancels a timed-out wait and frees its slot", () => {
    const { engine, clock } = harness([makeSop("n", { executionMode: "supervised" })],
      { approvalTimeoutSecs: 1, approvalTimeoutAction: "cancel" });
    const id = (engine.startRun("n", manual) as { value: { runId: string } }).value.runId;
    clock.advance(1000);
    assert.deepEqual(checkApprovalTimeouts(engine), [{ kind: "cancelled", runId: id }]);
    assert.equal(engine.run(id)?.run.status, "cancelled");
    assert.equal(engine.startRun("n", manual).ok, true);
  });

  test("approval_timeout_secs = 0 never times out", () => {
    const { engine, clock } = harness([makeSop("n", { executionMode: "supervised", priority: "critical" })],
      { approvalTimeoutSecs: 0 });
    engine.startRun("n", manual);
    clock.advance(10 ** 9);
    assert.deepEqual(checkApprovalTimeouts(engine), []);
  });
});
