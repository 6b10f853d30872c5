import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatMetricValue } from "../../src/actors/metric-format.ts";

function float(value: number): string {
  return formatMetricValue({ kind: "float", value });
}

describe("formatMetricValue()", () => {
  test("formatMetricValue() prints integers in decimal", () => {
    assert.equal(formatMetricValue({ kind: "integer", value: 0 }), "0");
    assert.equal(formatMetricValue({ kind: "integer", value: 42 }), "42");
    assert.equal(formatMetricValue({ kind: "integer", value: 1_000_000 }), "1000000");
  });

  test("formatMetricValue() prints a float with no fractional part without decimals (engine.md §9.2)", () => {
    assert.equal(float(1.0), "1");
    assert.equal(float(0.0), "0");
    assert.equal(float(3.0), "3");
    assert.equal(float(-0), "0");
    assert.equal(float(1e21), "1000000000000000000000");
  });

  test("formatMetricValue() prints any other float with exactly 4 decimals", () => {
    assert.equal(float(0.5), "0.5000");
    assert.equal(float(1 / 3), "0.3333");
    assert.equal(float(2 / 3), "0.6667");
    assert.equal(float(0.25), "0.2500");
    assert.equal(float(1.5), "1.5000");
    assert.equal(float(12.34567), "12.3457");
  });

  test("formatMetricValue() rounds exact binary ties to even, unlike toFixed", () => {
    assert.equal(float(0.03125), "0.0312");
    assert.equal(float(0.15625), "0.1562");
    assert.equal(float(0.09375), "0.0938"); // 937.5 → 938: the odd neighbour rounds up
    assert.equal(float(0.46875), "0.4688");
    assert.equal((0.03125).toFixed(4), "0.0313"); // the pitfall of engine.md §10 item 1
  });

  test("formatMetricValue() rounds the exact value of a decimal that is not a binary tie", () => {
    assert.equal(float(0.00005), "0.0001"); // the double is slightly above 0.00005
    assert.equal(float(0.99995), "1.0000"); // slightly above 0.99995
    assert.equal(float(0.00015), "0.0001"); // slightly below 0.00015
    assert.equal(float(2.00025), "2.0002"); // slightly below 2.00025
    assert.equal(float(1.99999), "2.0000"); // rounds to an integer but was not one: decimals stay
  });

  test("formatMetricValue() keeps the sign of negative values, as Rust prints them", () => {
    assert.equal(float(-0.03125), "-0.0312");
    assert.equal(float(-2 / 3), "-0.6667");
    assert.equal(float(-1e-5), "-0.0000");
    assert.equal(float(-7), "-7");
  });

  test("formatMetricValue() handles subnormals, NaN and infinities without throwing", () => {
    assert.equal(float(5e-324), "0.0000");
    assert.equal(float(Number.NaN), "NaN");
    assert.equal(float(Number.POSITIVE_INFINITY), "inf");
    assert.equal(float(Number.NEGATIVE_INFINITY), "-inf");
  });
});
