import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createMetrics } from "../../src/actors/metrics.ts";
import { parseRunJson, readAuditRecords } from "../../src/actors/metrics-warm-start.ts";
import type { MetricValue } from "../../src/actors/metric-format.ts";
import { DAY, manualClock, record, run, SECOND, T0 } from "./metric-runs.ts";

const int = (value: number): MetricValue => ({ kind: "integer", value });

const done = run({ id: "run-1-0001", steps: ["completed", "failed"], total: 2, completedAt: T0 - DAY });
const doneApproval = { ...done, status: "running" as const, completed_at: null };
const cancelled = run({ id: "run-1-0002", status: "cancelled", completedAt: T0 - 40 * DAY });
const waiting = run({ id: "run-1-0003", status: "waiting_approval", completedAt: null });
const running = run({ id: "run-1-0004", sop: "backup", status: "running", completedAt: null });

/** Every kind of record §7.7 names, plus garbage and keys it ignores. */
const mixed = [
  record("sop_run_", done),
  record("sop_approval_", doneApproval, "_1"),
  record("sop_approval_", doneApproval, "_2"),
  record("sop_run_", cancelled),
  record("sop_timeout_approve_", cancelled, "_1"),
  record("sop_run_", waiting),
  record("sop_approval_", waiting, "_1"),
  record("sop_run_", running),
  { key: "sop_run_run-1-0005", content: "{not json" },
  { key: "sop_run_run-1-0006", content: '{"run_id": "run-1-0006", "status": "completed"}' },
  { key: "sop_approval_run-1-0007_1", content: "garbage" },
  { key: `sop_step_${done.run_id}_1`, content: JSON.stringify(done.step_results[0], null, 2) },
  { key: "memory_note", content: JSON.stringify(done, null, 2) },
];

describe("warmStart()", () => {
  test("warmStart() rebuilds counters, rings and pending approvals from mixed audit records", () => {
    const metrics = createMetrics(manualClock());
    metrics.warmStart(mixed);
    const snapshot = metrics.snapshot();
    assert.deepEqual(snapshot.global, {
      runs_completed: 1, runs_failed: 0, runs_cancelled: 1, steps_executed: 2, steps_defined: 2, steps_failed: 1,
      steps_skipped: 0, human_approvals: 3, timeout_auto_approvals: 1, recent_runs_depth: 2,
    });
    assert.deepEqual(Object.keys(snapshot.per_sop), ["deploy"]); // the running backup run had no approvals
    assert.equal(snapshot.pending_approvals, 1);
    assert.equal(snapshot.pending_timeout_approvals, 0);
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(2));
    assert.deepEqual(metrics.lookup("sop.timeout_auto_approvals_30d"), int(0));
    assert.deepEqual(metrics.lookup("sop.timeout_auto_approvals_90d"), int(1));
  });

  test("warmStart() leaves approvals of unfinished runs for a live finish to attach", () => {
    const clock = manualClock();
    const metrics = createMetrics(clock);
    metrics.warmStart(mixed);
    clock.at = T0 + 3599 * SECOND;
    metrics.recordRunComplete({ ...waiting, status: "completed", completed_at: "2026-02-19T12:30:00Z" });
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(3));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count"), int(3));
    assert.equal(metrics.snapshot().pending_approvals, 0);
  });

  test("warmStart() counts approvals for the first SOP name seen for a run", () => {
    const metrics = createMetrics(manualClock());
    metrics.warmStart([
      record("sop_approval_", waiting, "_1"),
      record("sop_approval_", { ...waiting, sop_name: "renamed" }, "_2"),
    ]);
    assert.deepEqual(Object.keys(metrics.snapshot().per_sop), ["deploy"]);
    assert.deepEqual(metrics.lookup("sop.deploy.human_intervention_count"), int(2));
  });

  test("warmStart() applies runs oldest first, so a full ring keeps the most recent", () => {
    const metrics = createMetrics(manualClock());
    const minute = 60 * SECOND;
    const newestFirst = Array.from({ length: 1001 }, (_, i) =>
      record("sop_run_", run({ id: `run-1-${i + 10_000}`, completedAt: T0 - i * minute })));
    metrics.warmStart(newestFirst);
    assert.equal(metrics.snapshot().global.recent_runs_depth, 1000);
    assert.deepEqual(metrics.lookupWindow("sop.runs_completed", 999 * minute), int(1000));
  });

  test("warmStart() never throws on content of any shape", () => {
    const metrics = createMetrics(manualClock());
    const contents = ["", "null", "[]", "42", '"text"', '{"step_results": 5}', '{"step_results": [null]}'];
    metrics.warmStart(contents.flatMap((content, i) => [
      { key: `sop_run_x${i}`, content },
      { key: `sop_approval_x${i}_1`, content },
      { key: `sop_timeout_approve_x${i}_1`, content },
    ]));
    assert.equal(metrics.snapshot().global.recent_runs_depth, 0);
    assert.equal(metrics.snapshot().pending_approvals, 0);
  });
});

describe("readAuditRecords()", () => {
  test("readAuditRecords() keeps finished runs by id and tallies approvals per run id", () => {
    const { finishedRuns, approvals, timeoutApprovals } = readAuditRecords(mixed);
    assert.deepEqual([...finishedRuns.keys()], [done.run_id, cancelled.run_id]);
    assert.deepEqual([...approvals], [
      [done.run_id, { sopName: "deploy", count: 2 }],
      [waiting.run_id, { sopName: "deploy", count: 1 }],
    ]);
    assert.deepEqual([...timeoutApprovals], [[cancelled.run_id, { sopName: "deploy", count: 1 }]]);
  });
});

describe("parseRunJson()", () => {
  test("parseRunJson() reads the pretty run JSON back to the same run", () => {
    assert.deepEqual(parseRunJson(JSON.stringify(done, null, 2)), done);
  });

  test("parseRunJson() reads missing optional keys as null and ignores extension keys", () => {
    const { completed_at: _c, waiting_since: _w, ...rest } = done;
    const text = JSON.stringify({ ...rest, trigger_event: { source: "cron", timestamp: "t" }, machine_state: "x" });
    assert.deepEqual(parseRunJson(text), {
      ...done, trigger_event: { source: "cron", topic: null, payload: null, timestamp: "t" }, completed_at: null,
      waiting_since: null,
    });
  });

  test("parseRunJson() rejects missing required keys and wrong types", () => {
    const bad: Record<string, unknown>[] = [
      { run_id: 7 }, { sop_name: undefined }, { status: "done" }, { current_step: -1 }, { total_steps: 1.5 },
      { started_at: null }, { completed_at: 5 }, { step_results: {} },
      { trigger_event: { source: "email", timestamp: "t" } },
      { trigger_event: { source: "manual" } }, { step_results: [{ ...done.step_results[0], status: "done" }] },
    ];
    for (const change of bad) {
      assert.equal(parseRunJson(JSON.stringify({ ...done, ...change })), undefined, JSON.stringify(change));
    }
  });
});
