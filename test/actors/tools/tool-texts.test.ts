import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as texts from "../../../src/actors/tools/tool-texts.ts";
import { runRecord } from "./tool-fixture.ts";

// The texts the engine cannot produce through the tools, pinned directly (engine.md §9); the others are pinned
// end to end by the tool suites as well.
describe("tool-texts", () => {
  test("completedImmediately() and runFailed() keep sop_execute's cannot-occur texts", () => {
    const immediately = "SOP 'x' run run-1-0001 completed immediately (no steps).";
    assert.equal(texts.completedImmediately("x", "run-1-0001"), immediately);
    assert.equal(texts.runFailed("run-1-0001", "why"), "SOP run run-1-0001 failed: why");
  });

  test("finishedRunLine() prints ? for a finished run without completed_at", () => {
    const run = runRecord({ run_id: "r", sop_name: "s", status: "failed" });
    assert.equal(texts.finishedRunLine(run), "  r — s [failed] (?)\n");
  });

  test("runDetail() puts Escalated: after Started: and before Completed:", () => {
    const run = runRecord({ run_id: "r", sop_name: "s", completed_at: "C" });
    const expected = "Run: r\nSOP: s\nStatus: running\nStep: 1 of 2\nStarted: 2026-02-19T12:00:00Z\nEscalated: E\n" +
      "Completed: C\n";
    assert.equal(texts.runDetail(run, "E"), expected);
  });

  test("the wrapper texts keep the engine message as is", () => {
    assert.equal(texts.startFailed("m"), "Failed to start SOP: m");
    assert.equal(texts.approvalFailed("m"), "Approval failed: m");
    assert.equal(texts.advanceFailed("m"), "Failed to advance step: m");
    assert.equal(texts.cancelFailed("m"), "Cancel failed: m");
  });

  test("sopListLine() says `steps` for one step and omits the suffix at zero active runs", () => {
    const line = texts.sopListLine({ name: "n", priority: "low", stepCount: 1, triggers: [], activeRuns: 0 });
    assert.equal(line, "- **n** [low] — 1 steps, 0 trigger(s): \n");
  });
});
