// The scheduler tick (fan-in.md §6.5): it runs once at start, so a deadline that passed while the daemon was down
// acts at once; tasks (the cron check) run first; a task that throws is reported and does not keep the
// approval-timeout check from running.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { startScheduler } from "../../../src/io/daemon/scheduler.ts";
import { harness, makeSop, manual } from "../../actors/engine-fixture.ts";
import { recordingLogger } from "../../actors/recording-logger.ts";

describe("startScheduler", () => {
  test("the first tick runs at start: tasks first, then a passed deadline auto-approves, with the reference's lines",
    () => {
      const { engine, clock } = harness([makeSop("hot", { executionMode: "supervised", priority: "critical" })],
        { approvalTimeoutSecs: 60, approvalTimeoutAction: "auto_approve" });
      const started = engine.startRun("hot", manual);
      assert.ok(started.ok);
      const runId = started.value.runId;
      clock.advance(61_000);
      const log = recordingLogger();
      const order: string[] = [];
      const scheduler = startScheduler(engine, 3600, [() => order.push(`task, run ${engine.run(runId)?.run.status}`)],
        log);
      scheduler.stop();
      assert.deepEqual(order, ["task, run waiting_approval"]);
      assert.equal(engine.run(runId)?.run.status, "running");
      assert.deepEqual(log.lines, [
        `warn SOP approval timeout: run ${runId} auto-approved, ready for step 1 'Step 1' but no agent loop available`,
        `warn SOP headless dispatch: run ${runId} ('hot') ready for step 1 'Step 1' but no agent loop available to`
          + " execute",
      ]);
      assert.deepEqual(scheduler.state(), { status: "ok", lastError: null, ticks: 1 });
    });

  test("a task that throws is logged and reported; the approval-timeout check still runs", () => {
    const { engine, clock } = harness([makeSop("slow", { executionMode: "supervised" })],
      { approvalTimeoutSecs: 60, approvalTimeoutAction: "cancel" });
    const started = engine.startRun("slow", manual);
    assert.ok(started.ok);
    clock.advance(60_000);
    const log = recordingLogger();
    const scheduler = startScheduler(engine, 3600, [() => {
      throw new Error("boom");
    }], log);
    scheduler.stop();
    assert.equal(engine.run(started.value.runId)?.run.status, "cancelled");
    assert.deepEqual(log.lines, ["error scheduler tick failed: boom",
      `info SOP approval timeout: run ${started.value.runId} cancelled`]);
    assert.deepEqual(scheduler.state(), { status: "error", lastError: "boom", ticks: 1 });
  });
});
