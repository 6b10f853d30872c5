import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createMetrics } from "../../src/actors/metrics.ts";
import type { MetricValue } from "../../src/actors/metric-format.ts";
import { DAY, manualClock, run, SECOND, T0 } from "./metric-runs.ts";
import { threeRuns } from "./metric-runs.ts";

const int = (value: number): MetricValue => ({ kind: "integer", value });
const float = (value: number): MetricValue => ({ kind: "float", value });


describe("createMetrics() formulas", () => {
  test("lookup() applies every formula of engine.md §7.3 to the all-time counters", () => {
    const metrics = createMetrics(manualClock());
    threeRuns(metrics);
    for (const prefix of ["sop.", "sop.deploy."]) {
      assert.deepEqual(metrics.lookup(`${prefix}runs_completed`), int(1));
      assert.deepEqual(metrics.lookup(`${prefix}runs_failed`), int(1));
      assert.deepEqual(metrics.lookup(`${prefix}runs_cancelled`), int(1));
      assert.deepEqual(metrics.lookup(`${prefix}deviation_rate`), float(2 / 5));
      assert.deepEqual(metrics.lookup(`${prefix}protocol_adherence_rate`), float(3 / 9));
      assert.deepEqual(metrics.lookup(`${prefix}human_intervention_count`), int(2));
      assert.deepEqual(metrics.lookup(`${prefix}human_intervention_rate`), float(2));
      assert.deepEqual(metrics.lookup(`${prefix}timeout_auto_approvals`), int(1));
      assert.deepEqual(metrics.lookup(`${prefix}timeout_approval_rate`), float(1));
      assert.deepEqual(metrics.lookup(`${prefix}completion_rate`), float(1 / 3));
    }
  });

  test("lookup() gives 0.0 rates on an empty collector", () => {
    const metrics = createMetrics(manualClock());
    assert.deepEqual(metrics.lookup("sop.runs_completed"), int(0));
    for (const rate of ["deviation_rate", "protocol_adherence_rate", "human_intervention_rate", "timeout_approval_rate",
      "completion_rate", "completion_rate_7d", "deviation_rate_90d"]) {
      assert.deepEqual(metrics.lookup(`sop.${rate}`), float(0), rate);
    }
  });

  test("lookup() gives 0.0 deviation without executed steps and 0.0 adherence without defined steps", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordRunComplete(run({ id: "r1", status: "cancelled", total: 5 }));
    assert.deepEqual(metrics.lookup("sop.deviation_rate"), float(0));
    assert.deepEqual(metrics.lookup("sop.protocol_adherence_rate"), float(0));
    const other = createMetrics(manualClock());
    other.recordRunComplete(run({ id: "r1", steps: ["completed"], total: 0 }));
    assert.deepEqual(other.lookup("sop.protocol_adherence_rate"), float(0));
    assert.deepEqual(other.lookup("sop.deviation_rate"), float(0));
  });

  test("lookup() divides approval counts by max(runs_completed, 1)", () => {
    const metrics = createMetrics(manualClock());
    for (const id of ["a", "b", "c"]) metrics.recordApproval("deploy", id);
    metrics.recordTimeoutAutoApprove("deploy", "a");
    metrics.recordTimeoutAutoApprove("deploy", "b");
    assert.deepEqual(metrics.lookup("sop.human_intervention_rate"), float(3));
    assert.deepEqual(metrics.lookup("sop.timeout_approval_rate"), float(2));
    metrics.recordRunComplete(run({ id: "x", status: "failed" })); // failed runs do not count in the denominator
    assert.deepEqual(metrics.lookup("sop.human_intervention_rate"), float(3));
    for (const id of ["y", "z"]) metrics.recordRunComplete(run({ id }));
    assert.deepEqual(metrics.lookup("sop.human_intervention_rate"), float(1.5));
    assert.deepEqual(metrics.lookup("sop.completion_rate"), float(2 / 3));
  });

  test("recordRunComplete() ignores a run that has not finished, leaving its approvals pending", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordApproval("deploy", "r1");
    metrics.recordRunComplete(run({ id: "r1", status: "waiting_approval" }));
    assert.equal(metrics.snapshot().global.recent_runs_depth, 0);
    assert.equal(metrics.snapshot().pending_approvals, 1);
  });
});

describe("createMetrics() ring and windows", () => {
  test("recordRunComplete() caps the global ring and each per-SOP ring at 1000 separately", () => {
    const metrics = createMetrics(manualClock());
    for (let i = 0; i < 600; i++) metrics.recordRunComplete(run({ id: `a${i}`, sop: "a" }));
    for (let i = 0; i < 600; i++) metrics.recordRunComplete(run({ id: `b${i}`, sop: "b" }));
    let snapshot = metrics.snapshot();
    assert.equal(snapshot.global.recent_runs_depth, 1000);
    assert.equal(snapshot.per_sop.a?.recent_runs_depth, 600);
    assert.equal(snapshot.per_sop.b?.recent_runs_depth, 600);
    for (let i = 600; i < 1001; i++) metrics.recordRunComplete(run({ id: `a${i}`, sop: "a" }));
    snapshot = metrics.snapshot();
    assert.equal(snapshot.per_sop.a?.recent_runs_depth, 1000);
    assert.equal(snapshot.per_sop.a?.runs_completed, 1001);
    assert.equal(snapshot.global.runs_completed, 1601);
    // Windows read the ring, so they undercount once it has dropped runs (engine.md §7.3).
    assert.deepEqual(metrics.lookup("sop.runs_completed_7d"), int(1000));
    assert.deepEqual(metrics.lookup("sop.b.runs_completed_7d"), int(600));
  });

  test("lookup() windows include a run exactly 7, 30 and 90 days old and drop it 1 ms later", () => {
    const clock = manualClock();
    const metrics = createMetrics(clock);
    metrics.recordRunComplete(run({ id: "r1", completedAt: T0 }));
    for (const [suffix, days] of [["_7d", 7], ["_30d", 30], ["_90d", 90]] as const) {
      clock.at = T0 + days * DAY;
      assert.deepEqual(metrics.lookup(`sop.runs_completed${suffix}`), int(1), suffix);
      assert.deepEqual(metrics.lookup(`sop.deploy.runs_completed${suffix}`), int(1), suffix);
      clock.at = T0 + days * DAY + 1;
      assert.deepEqual(metrics.lookup(`sop.runs_completed${suffix}`), int(0), suffix);
      assert.deepEqual(metrics.lookup(`sop.deploy.runs_completed${suffix}`), int(0), suffix);
    }
    assert.deepEqual(metrics.lookup("sop.runs_completed"), int(1)); // all time
  });

  test("lookup() windows apply the same formulas to the ring, approvals included", () => {
    const clock = manualClock(T0 + 10 * DAY);
    const metrics = createMetrics(clock);
    metrics.recordApproval("deploy", "old");
    metrics.recordRunComplete(run({ id: "old", status: "failed", steps: ["failed"], total: 1, completedAt: T0 }));
    metrics.recordApproval("deploy", "new");
    metrics.recordApproval("deploy", "new");
    metrics.recordRunComplete(run({ id: "new", steps: ["completed", "skipped"], total: 2, completedAt: T0 + 9 * DAY }));
    assert.deepEqual(metrics.lookup("sop.completion_rate_7d"), float(1));
    assert.deepEqual(metrics.lookup("sop.deviation_rate_7d"), float(0.5));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(2));
    assert.deepEqual(metrics.lookup("sop.completion_rate_30d"), float(0.5));
    assert.deepEqual(metrics.lookup("sop.deviation_rate_30d"), float(2 / 3));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_30d"), int(3));
    assert.deepEqual(metrics.lookup("sop.protocol_adherence_rate_30d"), float(1 / 3));
  });

  test("recordRunComplete() uses now for a run whose completed_at is null or unreadable", () => {
    const clock = manualClock(T0 + 100 * DAY);
    const metrics = createMetrics(clock);
    metrics.recordRunComplete(run({ id: "r1", completedAt: null }));
    metrics.recordRunComplete(run({ id: "r2", completedAt: "2026-02-19T12:00:00.5" }));
    metrics.recordRunComplete(run({ id: "r3", completedAt: T0 }));
    assert.deepEqual(metrics.lookup("sop.runs_completed_7d"), int(2));
  });
});

describe("createMetrics() approvals", () => {
  test("recordApproval() counts all-time at once and in windows only once the run finishes", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordApproval("deploy", "r1");
    metrics.recordApproval("deploy", "r1");
    assert.deepEqual(metrics.lookup("sop.human_intervention_count"), int(2));
    assert.deepEqual(metrics.lookup("sop.deploy.human_intervention_count"), int(2));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(0));
    metrics.recordRunComplete(run({ id: "r1" }));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(2));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count"), int(2)); // attaching does not count again
    assert.equal(metrics.snapshot().pending_approvals, 0);
  });

  test("recordTimeoutAutoApprove() counts like recordApproval() in its own counters", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordTimeoutAutoApprove("deploy", "r1");
    assert.deepEqual(metrics.lookup("sop.timeout_auto_approvals"), int(1));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count"), int(0));
    assert.equal(metrics.snapshot().pending_timeout_approvals, 1);
    metrics.recordRunComplete(run({ id: "r1" }));
    assert.deepEqual(metrics.lookup("sop.deploy.timeout_auto_approvals_7d"), int(1));
    assert.deepEqual(metrics.lookup("sop.timeout_approval_rate_7d"), float(1));
    assert.equal(metrics.snapshot().pending_timeout_approvals, 0);
  });

  test("recordRunComplete() attaches approvals 3599 s old and loses those 3600 s old", () => {
    const clock = manualClock();
    const metrics = createMetrics(clock);
    metrics.recordApproval("deploy", "kept");
    metrics.recordTimeoutAutoApprove("deploy", "kept");
    clock.at = T0 + 3599 * SECOND;
    metrics.recordRunComplete(run({ id: "kept", completedAt: clock.at }));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(1));
    assert.deepEqual(metrics.lookup("sop.timeout_auto_approvals_7d"), int(1));
    metrics.recordApproval("deploy", "lost");
    metrics.recordTimeoutAutoApprove("deploy", "lost");
    clock.at += 3600 * SECOND;
    metrics.recordRunComplete(run({ id: "lost", completedAt: clock.at }));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(1));
    assert.deepEqual(metrics.lookup("sop.timeout_auto_approvals_7d"), int(1));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count"), int(2));
  });

  test("recordRunComplete() drops every expired pending entry, not only the finishing run's", () => {
    const clock = manualClock();
    const metrics = createMetrics(clock);
    metrics.recordApproval("deploy", "a");
    metrics.recordTimeoutAutoApprove("deploy", "b");
    clock.at = T0 + 3599 * SECOND;
    metrics.recordRunComplete(run({ id: "other" }));
    assert.equal(metrics.snapshot().pending_approvals, 1);
    assert.equal(metrics.snapshot().pending_timeout_approvals, 1);
    clock.at = T0 + 3600 * SECOND;
    metrics.recordRunComplete(run({ id: "other" }));
    assert.equal(metrics.snapshot().pending_approvals, 0);
    assert.equal(metrics.snapshot().pending_timeout_approvals, 0);
  });

  test("recordApproval() refreshes the pending entry's time with every approval", () => {
    const clock = manualClock();
    const metrics = createMetrics(clock);
    metrics.recordApproval("deploy", "r1");
    clock.at = T0 + 3000 * SECOND;
    metrics.recordApproval("deploy", "r1");
    clock.at += 3599 * SECOND;
    metrics.recordRunComplete(run({ id: "r1", completedAt: clock.at }));
    assert.deepEqual(metrics.lookup("sop.human_intervention_count_7d"), int(2));
  });
});

describe("createMetrics() lookup", () => {
  test("lookup() prefers the global metric over a SOP named runs_completed", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordRunComplete(run({ id: "r1", sop: "runs_completed" }));
    metrics.recordRunComplete(run({ id: "r2", sop: "other" }));
    metrics.recordRunComplete(run({ id: "r3", sop: "other" }));
    assert.deepEqual(metrics.lookup("sop.runs_completed"), int(3));
    assert.deepEqual(metrics.lookup("sop.runs_completed.runs_completed"), int(1));
    assert.deepEqual(metrics.lookup("sop.runs_completed_7d"), int(3));
    assert.deepEqual(metrics.lookup("sop.runs_completed.runs_completed_7d"), int(1));
  });

  test("lookup() picks the longest SOP name followed by a dot", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordRunComplete(run({ id: "r1", sop: "a" }));
    metrics.recordRunComplete(run({ id: "r2", sop: "a.b" }));
    metrics.recordRunComplete(run({ id: "r3", sop: "a.b" }));
    metrics.recordRunComplete(run({ id: "r4", sop: "a.bc" }));
    assert.deepEqual(metrics.lookup("sop.a.runs_completed"), int(1));
    assert.deepEqual(metrics.lookup("sop.a.b.runs_completed"), int(2));
    assert.deepEqual(metrics.lookup("sop.a.bc.runs_completed"), int(1));
    assert.equal(metrics.lookup("sop.a.b.unknown"), undefined); // no fallback to "a"
  });

  test("lookup() resolves nothing for other names, raw step counters and unknown SOPs", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordRunComplete(run({ id: "r1", steps: ["completed"], total: 1 }));
    for (const name of ["sop", "sop.", "runs_completed", "metrics.runs_completed", "SOP.runs_completed",
      "sop.steps_executed", "sop.deploy.steps_defined", "sop.deploy.steps_failed_7d", "sop.runs_completed_1d",
      "sop.ghost.runs_completed", "sop.deploy", "sop.deploy.", "sop._7d", "sop.deploy.runs_completed.x"]) {
      assert.equal(metrics.lookup(name), undefined, name);
    }
  });

  test("lookup() knows a SOP seen only through an approval", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordApproval("audit", "r1");
    assert.deepEqual(metrics.lookup("sop.audit.runs_completed"), int(0));
    assert.deepEqual(metrics.lookup("sop.audit.human_intervention_rate"), float(1));
  });

  test("lookupWindow() matches the suffix and resolves names without suffix handling", () => {
    const clock = manualClock();
    const metrics = createMetrics(clock);
    metrics.recordRunComplete(run({ id: "r1", completedAt: T0 - 8 * DAY }));
    metrics.recordRunComplete(run({ id: "r2", status: "failed", completedAt: T0 - DAY }));
    assert.deepEqual(metrics.lookupWindow("sop.completion_rate", 7 * DAY), metrics.lookup("sop.completion_rate_7d"));
    assert.deepEqual(metrics.lookupWindow("sop.completion_rate", 7 * DAY), float(0));
    assert.deepEqual(metrics.lookupWindow("sop.deploy.runs_completed", 8 * DAY), int(1));
    assert.deepEqual(metrics.lookupWindow("sop.deploy.runs_completed", 8 * DAY - 1), int(0));
    assert.equal(metrics.lookupWindow("sop.runs_completed_7d", 7 * DAY), undefined);
    assert.equal(metrics.lookupWindow("sop.ghost.runs_completed", 7 * DAY), undefined);
    assert.equal(metrics.lookupWindow("runs_completed", 7 * DAY), undefined);
    assert.equal(metrics.lookupWindow("sop.steps_executed", 7 * DAY), undefined);
  });

  test("lookupWindow() uses the global set for a name without a dot, even with a SOP named like it", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordRunComplete(run({ id: "r1", sop: "runs_completed" }));
    metrics.recordRunComplete(run({ id: "r2", sop: "other" }));
    assert.deepEqual(metrics.lookupWindow("sop.runs_completed", DAY), int(2));
    assert.deepEqual(metrics.lookupWindow("sop.runs_completed.runs_completed", DAY), int(1));
  });
});

describe("createMetrics() snapshot", () => {
  test("snapshot() has the keys and order of engine.md §7.6", () => {
    const metrics = createMetrics(manualClock());
    threeRuns(metrics);
    metrics.recordApproval("backup", "r9");
    metrics.recordTimeoutAutoApprove("backup", "r9");
    const deploy = {
      runs_completed: 1, runs_failed: 1, runs_cancelled: 1, steps_executed: 5, steps_defined: 9, steps_failed: 1,
      steps_skipped: 1, human_approvals: 2, timeout_auto_approvals: 1, recent_runs_depth: 3,
    };
    const backup = {
      runs_completed: 0, runs_failed: 0, runs_cancelled: 0, steps_executed: 0, steps_defined: 0, steps_failed: 0,
      steps_skipped: 0, human_approvals: 1, timeout_auto_approvals: 1, recent_runs_depth: 0,
    };
    const snapshot = metrics.snapshot();
    assert.deepEqual(snapshot, {
      global: { ...deploy, human_approvals: 3, timeout_auto_approvals: 2 },
      per_sop: { deploy, backup },
      pending_approvals: 1,
      pending_timeout_approvals: 1,
    });
    assert.deepEqual(Object.keys(snapshot), ["global", "per_sop", "pending_approvals", "pending_timeout_approvals"]);
    assert.deepEqual(Object.keys(snapshot.global), Object.keys(deploy));
    assert.deepEqual(Object.keys(snapshot.per_sop), ["deploy", "backup"]);
  });

  test("snapshot() is a copy that later recordings do not change", () => {
    const metrics = createMetrics(manualClock());
    const before = metrics.snapshot();
    metrics.recordRunComplete(run());
    assert.equal(before.global.runs_completed, 0);
    assert.deepEqual(before.per_sop, {});
  });
});

describe("createMetrics() escalations", () => {
  test("recordEscalation() counts an escalated wait once, globally and per SOP", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordEscalation("deploy", "r1");
    metrics.recordEscalation("deploy", "r1"); // still the same escalated wait
    metrics.recordEscalation("deploy", "r2");
    metrics.recordEscalation("backup", "r3");
    assert.deepEqual(metrics.escalations(), {
      global: { escalated_waits: 3, escalated_now: 3 },
      per_sop: { deploy: { escalated_waits: 2, escalated_now: 2 }, backup: { escalated_waits: 1, escalated_now: 1 } },
    });
  });

  test("escalations() stop counting a run as escalated when its wait or the run ends", () => {
    const metrics = createMetrics(manualClock());
    for (const id of ["approved", "timeout", "ended", "finished"]) metrics.recordEscalation("deploy", id);
    metrics.recordApproval("deploy", "approved");
    metrics.recordTimeoutAutoApprove("deploy", "timeout");
    metrics.recordEscalationEnded("ended");
    metrics.recordEscalationEnded("never-escalated");
    assert.deepEqual(metrics.escalations().global, { escalated_waits: 4, escalated_now: 1 });
    metrics.recordRunComplete(run({ id: "finished", status: "cancelled" }));
    assert.deepEqual(metrics.escalations().per_sop.deploy, { escalated_waits: 4, escalated_now: 0 });
  });

  test("recordEscalation() counts a new wait of the same run again after the previous one ended", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordEscalation("deploy", "r1");
    metrics.recordApproval("deploy", "r1");
    metrics.recordEscalation("deploy", "r1");
    assert.deepEqual(metrics.escalations().global, { escalated_waits: 2, escalated_now: 1 });
  });

  test("recordEscalation() leaves the reference metrics alone: no per-SOP set, no resolvable name", () => {
    const metrics = createMetrics(manualClock());
    metrics.recordEscalation("deploy", "r1");
    assert.deepEqual(metrics.snapshot().per_sop, {});
    assert.equal(metrics.lookup("sop.deploy.runs_completed"), undefined);
    assert.equal(metrics.lookup("sop.escalations"), undefined);
    assert.deepEqual(createMetrics(manualClock()).escalations(), {
      global: { escalated_waits: 0, escalated_now: 0 }, per_sop: {},
    });
  });
});
