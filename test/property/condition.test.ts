// Property tests (issue #8): trigger conditions parse to a value or a reason, compile to a predicate, and evaluate to a
// boolean on any payload, within the call bound; direct and plain-path comparisons agree with plain JavaScript.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { compileCondition, createPayload, evaluateCondition, parseCondition } from "../../src/compiler/condition.ts";
import { anyText, assertBounded, checkProperty, mutated, pathological, timed } from "./property.ts";

const ops = [">=", "<=", "!=", "==", ">", "<"] as const;
const name = fc.oneof(fc.constantFrom("a", "value", "temp", "x_1", "é", "constructor", "__proto__", "prototype",
  "length", "toString", "valueOf", "$", "*", "1"), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 6 }));
const pathStep = fc.oneof(
  name.map((n) => `.${n}`),
  name.map((n) => `['${n}']`),
  name.map((n) => `["${n}"]`),
  fc.nat({ max: 5 }).map((i) => `[${i}]`),
  fc.constantFrom("[*]", ".*", "..*", "[-1]", "[0:2]", "[-1:]", "[::2]", "[?(@.a)]", "[(@.length-1)]", "..[0]"),
  name.map((n) => `..${n}`),
);
const path = fc.array(pathStep, { maxLength: 5 }).map((steps) => `$${steps.join("")}`);
const literal = fc.oneof(
  fc.double({ noNaN: true }).map(String), fc.integer().map(String), fc.constantFrom("true", "false", "null", "inf",
    "-inf", "NaN", "1e400", "0x10", "1_000", ".5", "-0"),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)), fc.string({ unit: "grapheme-ascii", maxLength: 8 }),
);
const grammatical = fc.oneof(
  fc.tuple(path, fc.constantFrom(...ops), literal).map(([p, op, v]) => `${p} ${op} ${v}`),
  fc.tuple(fc.constantFrom(...ops), literal).map(([op, v]) => `${op} ${v}`),
);
const conditionFragments = ["$", ".", "..", "[", "]", "'", '"', "*", "?(", ")", "@", "==", "!=", ">=", "<", " ",
  "\\", "\u00a0", "\u2028", "1", "-", "e", "true", "null", "constructor", "__proto__", ",", ":", ";", "#", "^", "~",
  "`"];
const conditionText = fc.oneof(grammatical, anyText(conditionFragments, 120),
  mutated(['$.a.b[0] >= 1.5', '$["k"] == "v"', '> 85', '$..x != null', "$.items[*].id == 3"], conditionFragments),
  pathological(["$", ".", "..", "[", "'", '"', "\\", " ", "$..*", "[0]", "=", "!"], ["> 1", " == 1", "'] > 1"], 2000));

const payload = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.double().map(String),
  fc.constantFrom("", " ", "null", "{}", "[]", '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{}}}',
    "1e400", '"\\ud800"', "[".repeat(129) + "]".repeat(129), "[".repeat(100_000), '{"a":'.repeat(5_000)),
);

describe("properties: conditions", () => {
  test("parseCondition() and compileCondition() take any text; the predicate takes any payload", () => {
    checkProperty("condition", fc.tuple(conditionText, fc.array(payload, { maxLength: 4 })), ([text, payloads]) => {
      const parsed = timed("parseCondition", () => parseCondition(text));
      if (!parsed.ok) assert.equal(typeof parsed.message, "string");
      assertBounded(parsed, text.length, "parseCondition");
      const predicate = timed("compileCondition", () => compileCondition(text));
      for (const body of [...payloads, null, undefined]) {
        const result = timed("predicate", () => predicate(createPayload(body)));
        assert.equal(typeof result, "boolean");
        if (!parsed.ok && text.trim() !== "") assert.equal(result, false, "an unparsable condition never matches");
      }
    });
  });

  test("direct mode compares the payload number as JavaScript does", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    checkProperty("condition direct", fc.tuple(fc.constantFrom(">", "<", ">=", "<="), finite, finite),
      ([op, right, left]) => {
        const expected = { ">": left > right, "<": left < right, ">=": left >= right, "<=": left <= right }[op];
        assert.equal(timed("evaluate", () => evaluateCondition(`${op} ${right}`, String(left))), expected);
      });
  });

  test("a plain path reads own members only: the same answer as a direct property read", () => {
    const key = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 })
      .filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
    const cases = fc.tuple(key, fc.integer(), fc.integer(), fc.boolean());
    checkProperty("condition path", cases, ([k, stored, right, has]) => {
      const body = has ? JSON.stringify({ [k]: stored }) : "{}";
      const expected = has && stored > right;
      assert.equal(timed("evaluate", () => evaluateCondition(`$.${k} > ${right}`, body)), expected);
    });
  });
});
