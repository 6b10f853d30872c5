import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseStrictJson } from "../../src/compiler/strict-json.ts";

function nested(depth: number, open = "[", close = "]"): string {
  return open.repeat(depth) + close.repeat(depth);
}

describe("parseStrictJson()", () => {
  test("parseStrictJson() accepts any root type with surrounding whitespace", () => {
    assert.deepEqual(parseStrictJson(' \t\r\n{"a": [1, "x", true, null]}\n'), {
      ok: true,
      value: { a: [1, "x", true, null] },
    });
    assert.deepEqual(parseStrictJson("5"), { ok: true, value: 5 });
    assert.deepEqual(parseStrictJson('"s"'), { ok: true, value: "s" });
    assert.deepEqual(parseStrictJson("null"), { ok: true, value: null });
    assert.deepEqual(parseStrictJson("false"), { ok: true, value: false });
    assert.deepEqual(parseStrictJson("[]"), { ok: true, value: [] });
  });

  test("parseStrictJson() keeps the last of duplicate keys", () => {
    assert.deepEqual(parseStrictJson('{"a": 1, "a": 2}'), { ok: true, value: { a: 2 } });
  });

  test("parseStrictJson() fails on text that is not JSON", () => {
    const notJson = ["", " ", "{", "{'a': 1}", "[1,]", "NaN", "Infinity", "01", "{a: 1}", "1 2", "// c\n1", '"\t"'];
    for (const text of notJson) {
      assert.deepEqual(parseStrictJson(text), { ok: false }, JSON.stringify(text));
    }
  });

  test("parseStrictJson() fails on a number outside the double range (§8.4)", () => {
    assert.deepEqual(parseStrictJson("1e400"), { ok: false });
    assert.deepEqual(parseStrictJson("[-1e400]"), { ok: false });
    assert.deepEqual(parseStrictJson('{"a": {"b": 1e309}}'), { ok: false });
    assert.deepEqual(parseStrictJson(`[${"9".repeat(400)}]`), { ok: false });
    assert.deepEqual(parseStrictJson("1e308"), { ok: true, value: 1e308 });
    assert.deepEqual(parseStrictJson("1e-400"), { ok: true, value: 0 });
  });

  test("parseStrictJson() fails on an escaped lone surrogate, in values and in keys", () => {
    assert.deepEqual(parseStrictJson('"\\ud800"'), { ok: false });
    assert.deepEqual(parseStrictJson('"\\udc00"'), { ok: false });
    assert.deepEqual(parseStrictJson('"\\udc00\\ud800"'), { ok: false });
    assert.deepEqual(parseStrictJson('["ok", "x\\ud83dy"]'), { ok: false });
    assert.deepEqual(parseStrictJson('{"\\ud800": 1}'), { ok: false });
    assert.deepEqual(parseStrictJson('"\\ud83d\\ude00"'), { ok: true, value: "😀" });
    assert.deepEqual(parseStrictJson('"\\u00e9\\\\ud800"'), { ok: true, value: "é\\ud800" });
  });

  test("parseStrictJson() fails on a raw lone surrogate and accepts a raw pair", () => {
    assert.deepEqual(parseStrictJson('"\ud800"'), { ok: false });
    assert.deepEqual(parseStrictJson('{"k\udc00": 1}'), { ok: false });
    assert.deepEqual(parseStrictJson('"😀"'), { ok: true, value: "😀" });
  });

  test("parseStrictJson() allows nesting depth 128 and fails at 129", () => {
    assert.equal(parseStrictJson(nested(128)).ok, true);
    assert.equal(parseStrictJson(nested(129)).ok, false);
    assert.equal(parseStrictJson(`${"{\"a\":".repeat(128)}1${"}".repeat(128)}`).ok, true);
    assert.equal(parseStrictJson(`${"{\"a\":".repeat(129)}1${"}".repeat(129)}`).ok, false);
    assert.equal(parseStrictJson(nested(64, '{"a":[', "]}")).ok, true);
    assert.equal(parseStrictJson(`[${nested(64, '{"a":[', "]}")}]`).ok, false);
  });

  test("parseStrictJson() does not count brackets inside strings as nesting", () => {
    const text = JSON.stringify({ s: "[".repeat(1000), t: '\\"[[[' + "{".repeat(500) });
    assert.deepEqual(parseStrictJson(text), { ok: true, value: JSON.parse(text) });
  });

  test("parseStrictJson() returns ok: false without throwing on a million levels of nesting", () => {
    assert.deepEqual(parseStrictJson(nested(1_000_000)), { ok: false });
    assert.deepEqual(parseStrictJson("[".repeat(1_000_000)), { ok: false });
    assert.deepEqual(parseStrictJson(nested(1_000_000, '{"a":', "}")), { ok: false });
  });

  test("parseStrictJson() parses a megabyte payload", () => {
    const big = { items: Array.from({ length: 50_000 }, (_, i) => ({ i, s: "x".repeat(4) })) };
    const text = JSON.stringify(big);
    assert.ok(text.length > 1_000_000);
    assert.deepEqual(parseStrictJson(text), { ok: true, value: big });
  });

  test("parseStrictJson() fails on a byte-order mark and on NUL bytes outside strings", () => {
    assert.deepEqual(parseStrictJson('\uFEFF{"a": 1}'), { ok: false });
    assert.deepEqual(parseStrictJson('{"a": 1}\u0000'), { ok: false });
    assert.deepEqual(parseStrictJson('"a\u0000"'), { ok: false });
    assert.deepEqual(parseStrictJson('"a\\u0000"'), { ok: true, value: "a\u0000" });
  });

  test("parseStrictJson() keeps __proto__ as an own key and never touches the prototype", () => {
    const parsed = parseStrictJson('{"__proto__": {"polluted": 1}, "constructor": 2}');
    assert.equal(parsed.ok, true);
    assert.ok(parsed.ok && Object.hasOwn(parsed.value as object, "__proto__"));
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
    assert.deepEqual(parseStrictJson('{"__proto__": 1e400}'), { ok: false });
  });
});
