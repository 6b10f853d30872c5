// Checks src/actors/timestamp.ts against the write and read-back rules of engine.md §1.4.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatTimestamp, parseTimestampSecs } from "../../src/actors/timestamp.ts";

describe("formatTimestamp()", () => {
  test("formatTimestamp() writes YYYY-MM-DDTHH:MM:SSZ in UTC", () => {
    assert.equal(formatTimestamp(Date.UTC(2026, 1, 19, 12, 0, 0)), "2026-02-19T12:00:00Z");
    assert.equal(formatTimestamp(0), "1970-01-01T00:00:00Z");
  });

  test("formatTimestamp() truncates milliseconds, never rounds them", () => {
    assert.equal(formatTimestamp(1795682690296), "2026-11-26T08:44:50Z");
    assert.equal(formatTimestamp(Date.UTC(2026, 11, 31, 23, 59, 59, 999)), "2026-12-31T23:59:59Z");
  });

  test("formatTimestamp() truncates toward the earlier second before 1970 too", () => {
    assert.equal(formatTimestamp(-1), "1969-12-31T23:59:59Z");
  });
});

describe("parseTimestampSecs()", () => {
  test("parseTimestampSecs() reads what formatTimestamp() writes", () => {
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00Z"), 1771502400);
    for (const ms of [0, 951782400_000, 1795682690296, 4102444799_000]) {
      assert.equal(parseTimestampSecs(formatTimestamp(ms)), Math.floor(ms / 1000), String(ms));
    }
  });

  test("parseTimestampSecs() fails on a fractional second such as …:00.5Z (engine.md §1.4)", () => {
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00.5Z"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00.000Z"), undefined);
  });

  test("parseTimestampSecs() reads …T00:00:00+00:00 as midnight: the offset piece is dropped", () => {
    assert.equal(parseTimestampSecs("2026-02-19T00:00:00+00:00"), 1771459200);
    // Dropped, not applied: a non-zero offset reads as the same wall-clock time in UTC.
    assert.equal(parseTimestampSecs("2026-02-19T00:00:00+05:00"), 1771459200);
  });

  test("parseTimestampSecs() removes all trailing Zs, so …ZZ reads fine", () => {
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00ZZ"), 1771502400);
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00ZZZZ"), 1771502400);
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00"), 1771502400);
  });

  test("parseTimestampSecs() needs exactly two parts around T", () => {
    assert.equal(parseTimestampSecs("2026-02-19 12:00:00Z"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00ZT"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19T12:00T:00Z"), undefined);
    assert.equal(parseTimestampSecs(""), undefined);
  });

  test("parseTimestampSecs() needs exactly three unsigned-integer pieces in the date and in the time", () => {
    assert.equal(parseTimestampSecs("2026-02T12:00:00Z"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19T12:00Z"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19-01T12:00:00Z"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19T12:00:00:00Z"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19T12:00:xxZ"), undefined);
    assert.equal(parseTimestampSecs("2026-02-19t12:00:00Z"), undefined);
  });

  test("parseTimestampSecs() drops pieces that are not unsigned integers and counts the rest", () => {
    // Empty and non-numeric pieces are filtered out before counting (engine.md §1.4 step 3).
    assert.equal(parseTimestampSecs("-2026-02-19T12:00:00Z"), 1771502400);
    assert.equal(parseTimestampSecs("2026-x-02-19T12::00:00Z"), 1771502400);
  });

  test("parseTimestampSecs() uses the proleptic Gregorian calendar, leap days and years below 100 included", () => {
    assert.equal(parseTimestampSecs("2000-02-29T00:00:00Z"), 951782400);
    assert.equal(parseTimestampSecs("2024-03-01T00:00:00Z"), 1709251200);
    assert.equal(parseTimestampSecs("0001-01-01T00:00:00Z"), -62135596800);
    assert.equal(parseTimestampSecs("0099-12-31T23:59:59Z"), -59011459201);
  });
});
