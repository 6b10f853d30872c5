// Pins the run-id format of engine.md §1.3 and D15.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatRunId, isRunId } from "../../src/actors/run-id.ts";

describe("formatRunId()", () => {
  test("formatRunId() reproduces the engine.md §1.3 example", () => {
    assert.equal(formatRunId(1795682690296, 1), "run-1795682690296-0001");
  });

  test("formatRunId() pads the counter to at least 4 digits and never truncates it (D15)", () => {
    assert.equal(formatRunId(1, 0), "run-1-0000");
    assert.equal(formatRunId(1, 42), "run-1-0042");
    assert.equal(formatRunId(1, 9999), "run-1-9999");
    assert.equal(formatRunId(1, 10000), "run-1-10000");
    assert.equal(formatRunId(1, 123456789), "run-1-123456789");
  });

  test("formatRunId() writes epoch ms without padding", () => {
    assert.equal(formatRunId(0, 7), "run-0-0007");
    assert.equal(formatRunId(999, 7), "run-999-0007");
  });

  test("formatRunId() throws RangeError for values that are not non-negative safe integers", () => {
    const bad: readonly (readonly [number, number])[] = [
      [-1, 1], [1.5, 1], [Number.NaN, 1], [1e21, 1], [1, -1], [1, 0.5], [1, Infinity],
    ];
    for (const [epochMs, counter] of bad) {
      assert.throws(() => formatRunId(epochMs, counter), RangeError, `${epochMs}, ${counter}`);
    }
  });
});

describe("isRunId()", () => {
  test("isRunId() accepts every id formatRunId() makes", () => {
    const good: readonly (readonly [number, number])[] = [
      [1795682690296, 1], [0, 0], [5, 10000], [Number.MAX_SAFE_INTEGER, 99999],
    ];
    for (const [epochMs, counter] of good) {
      const id = formatRunId(epochMs, counter);
      assert.ok(isRunId(id), id);
    }
  });

  test("isRunId() rejects other shapes", () => {
    const notIds = [
      "", "run-", "run-1", "run-1-", "run-1-001", "run--0001", "run-12a-0001", "run-1-00a1", "RUN-1-0001",
      "det-1-0001", " run-1-0001", "run-1-0001 ", "run-1-0001\n", "run-+1-0001", "run-1-٠٠٠١", "run-1-0001-0001",
    ];
    for (const text of notIds) assert.equal(isRunId(text), false, JSON.stringify(text));
  });
});
