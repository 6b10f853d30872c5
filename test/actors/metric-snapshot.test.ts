import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildRunSnapshot, readCompletedAtMs } from "../../src/actors/metric-snapshot.ts";
import { run, T0 } from "./metric-runs.ts";

const midnight = Date.UTC(2026, 0, 1);

describe("readCompletedAtMs()", () => {
  test("readCompletedAtMs() reads RFC 3339 with its fraction and offset", () => {
    assert.equal(readCompletedAtMs("2026-01-01T00:00:00Z"), midnight);
    assert.equal(readCompletedAtMs("2026-01-01T02:30:00+02:30"), midnight);
    assert.equal(readCompletedAtMs("2025-12-31T23:00:00-01:00"), midnight);
    assert.equal(readCompletedAtMs("2026-01-01T00:00:00.250Z"), midnight + 250);
    assert.equal(readCompletedAtMs("2026-01-01t00:00:00z"), midnight);
  });

  test("readCompletedAtMs() falls back to YYYY-MM-DDTHH:MM:SS as UTC after removing trailing Zs", () => {
    assert.equal(readCompletedAtMs("2026-01-01T00:00:00"), midnight);
    assert.equal(readCompletedAtMs("2026-01-01T00:00:00ZZ"), midnight);
  });

  test("readCompletedAtMs() is undefined for text neither form reads", () => {
    for (const text of ["", "yesterday", "2026-01-01", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z",
      "2026-01-01T00:00:00.5", "2026-01-01T00:00:00+0200", "2026-1-1T00:00:00Z"]) {
      assert.equal(readCompletedAtMs(text), undefined, text);
    }
  });
});

describe("buildRunSnapshot()", () => {
  test("buildRunSnapshot() counts every step result as executed, failed and skipped included", () => {
    const r = run({ status: "failed", steps: ["completed", "failed", "skipped", "skipped"], total: 6 });
    assert.deepEqual(buildRunSnapshot(r, { human: 2, timeout: 1 }, 0), {
      completedAt: T0, status: "failed", stepsExecuted: 4, stepsDefined: 6, stepsFailed: 1, stepsSkipped: 2,
      humanApprovalCount: 2, timeoutApprovalCount: 1,
    });
  });

  test("buildRunSnapshot() uses now for a completed_at that is null or unreadable", () => {
    assert.equal(buildRunSnapshot(run({ completedAt: null }), { human: 0, timeout: 0 }, 42)?.completedAt, 42);
    assert.equal(buildRunSnapshot(run({ completedAt: "soon" }), { human: 0, timeout: 0 }, 42)?.completedAt, 42);
  });

  test("buildRunSnapshot() is undefined for a run that has not finished", () => {
    assert.equal(buildRunSnapshot(run({ status: "waiting_approval" }), { human: 0, timeout: 0 }, 0), undefined);
  });
});
