import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseStrictDecimal } from "../../src/compiler/strict-decimal.ts";

describe("parseStrictDecimal()", () => {
  test("parseStrictDecimal() accepts the examples of definitions.md §6.6", () => {
    assert.equal(parseStrictDecimal("1e3"), 1000);
    assert.equal(parseStrictDecimal("+5"), 5);
    assert.equal(parseStrictDecimal(".5"), 0.5);
    assert.equal(parseStrictDecimal("5."), 5);
    assert.equal(parseStrictDecimal("-inf"), -Infinity);
    assert.ok(Number.isNaN(parseStrictDecimal("NaN")));
    assert.equal(parseStrictDecimal("Infinity"), Infinity);
    assert.equal(parseStrictDecimal("007"), 7);
  });

  test("parseStrictDecimal() rejects the examples of definitions.md §6.6", () => {
    for (const text of ["0x10", "1_000", "", " 5", "5abc", ".", "e5", "1e"]) {
      assert.equal(parseStrictDecimal(text), undefined, JSON.stringify(text));
    }
  });

  test("parseStrictDecimal() accepts every decimal shape, signs and exponent signs", () => {
    assert.equal(parseStrictDecimal("0"), 0);
    assert.equal(parseStrictDecimal("12.25"), 12.25);
    assert.equal(parseStrictDecimal("-12.5"), -12.5);
    assert.equal(parseStrictDecimal("+.5"), 0.5);
    assert.equal(parseStrictDecimal("-5."), -5);
    assert.equal(parseStrictDecimal("5.e2"), 500);
    assert.equal(parseStrictDecimal(".5E+1"), 5);
    assert.equal(parseStrictDecimal("25e-1"), 2.5);
    assert.ok(Object.is(parseStrictDecimal("-0"), -0));
  });

  test("parseStrictDecimal() reads the special words in any letter case, signed", () => {
    assert.equal(parseStrictDecimal("inf"), Infinity);
    assert.equal(parseStrictDecimal("+INF"), Infinity);
    assert.equal(parseStrictDecimal("-Infinity"), -Infinity);
    assert.equal(parseStrictDecimal("iNfInItY"), Infinity);
    assert.ok(Number.isNaN(parseStrictDecimal("nan")));
    assert.ok(Number.isNaN(parseStrictDecimal("-NAN")));
  });

  test("parseStrictDecimal() rejects near-misses of the special words", () => {
    for (const text of ["in", "infinit", "infinityy", "+-inf", "nan1", "İnf", "∞", "+", "-", "+-5", "Inf5"]) {
      assert.equal(parseStrictDecimal(text), undefined, JSON.stringify(text));
    }
  });

  test("parseStrictDecimal() rejects what Number() and parseFloat() let through (§8.2)", () => {
    const lenient = ["5 ", "\t5", "5\n", "0b1", "0o7", "1e+", "1e-", "1.2.3", "--5", "5-", "1e5.5", "١٢", "５"];
    for (const text of lenient) assert.equal(parseStrictDecimal(text), undefined, JSON.stringify(text));
  });

  test("parseStrictDecimal() rejects NUL bytes and a byte-order mark", () => {
    assert.equal(parseStrictDecimal("5\u0000"), undefined);
    assert.equal(parseStrictDecimal("\u00005"), undefined);
    assert.equal(parseStrictDecimal("\uFEFF5"), undefined);
  });

  test("parseStrictDecimal() gives infinity for an exponent beyond the double range, as the reference", () => {
    assert.equal(parseStrictDecimal("1e400"), Infinity);
    assert.equal(parseStrictDecimal("-1e400"), -Infinity);
    assert.equal(parseStrictDecimal("1e-400"), 0);
  });

  test("parseStrictDecimal() reads a megabyte of digits in linear time and rejects one bad last character", () => {
    const digits = "9".repeat(1_000_000);
    assert.equal(parseStrictDecimal(digits), Infinity);
    assert.equal(parseStrictDecimal(`${digits}x`), undefined);
    assert.equal(parseStrictDecimal(`0.${"0".repeat(1_000_000)}1`), 0);
  });
});
