// Property tests (issue #8): paths with a recursive descent, walked by descent-path.ts, select the same values (as a
// set) as jsonpath-plus with eval: false, on generated paths and payloads; and they stay fast on the bodies that made
// jsonpath-plus stall.
import assert from "node:assert/strict";
import process from "node:process";
import { describe, test } from "node:test";
import fc from "fast-check";
import { JSONPath } from "jsonpath-plus";
import { parsePath } from "../../src/compiler/condition-path.ts";
import { descentSelector } from "../../src/compiler/descent-path.ts";
import { evaluateCondition } from "../../src/compiler/condition.ts";
import { checkProperty, timed } from "./property.ts";

// Keys that jsonpath-plus treats specially under its literalPriority, with plain ones.
const keys = ["a", "b", "0", "1", "2", "*", "..", "0:2", "'a,b'", '"a,b"', "a,b", "a.b", "length", "__proto__", "$"];
const names = ["a", "b", "0", "1", "2", "length", "__proto__", "constructor", "x y", "a$", "-1"];
const step = fc.oneof(
  fc.constantFrom(...names).map((n) => `.${n}`),
  fc.constantFrom(...names, "a,b", "a.b").map((n) => `['${n}']`),
  fc.constantFrom("a,b", "b").map((n) => `["${n}"]`),
  fc.constantFrom("[0]", "[1]", "[*]", ".*", "[0:2]", "[-1:]", "[::2]", "[::-1]", "[1:0:-1]", "[:1]", "[::0]"),
  fc.constantFrom(...names, "*").map((n) => `..${n}`),
  fc.constantFrom("..[0]", "..[*]", "..[1:]", "..['a,b']", "..['b']"),
);
const descentPath = fc.tuple(fc.array(step, { maxLength: 1 }), fc.constantFrom(...names, "*", "[0]", "[*]", "[0:2]"),
  fc.array(step, { maxLength: 2 }))
  .map(([before, descended, after]) => `$${before.join("")}..${descended}${after.join("")}`);
const leaf = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("s", "", "12", true, false, null));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "medium", withCrossShrink: true }, { arbitrary: leaf, weight: 2 },
    { arbitrary: fc.array(tie("tree"), { maxLength: 4 }), weight: 2 },
    { arbitrary: fc.dictionary(fc.constantFrom(...keys), tie("tree"), { maxKeys: 5 }), weight: 3 }),
}));
const root = fc.oneof(fc.array(tree, { minLength: 1, maxLength: 4 }),
  fc.dictionary(fc.constantFrom(...keys), tree, { minKeys: 1, maxKeys: 6 }), tree);

/** jsonpath-plus as condition-path.ts called it before issue #8, results filtered the same way. */
function reference(path: string, json: unknown): unknown[] {
  const hits = JSONPath({ path, json, eval: false, wrap: true, resultType: "all" }) as
    { value: unknown; parent: unknown; parentProperty: unknown }[] | undefined;
  return (hits ?? []).filter(({ parent, parentProperty }) => typeof parent !== "string" &&
    !(parentProperty === "length" && Array.isArray(parent))).map((hit) => hit.value);
}

describe("properties: recursive-descent paths", () => {
  test("descentSelector() selects what jsonpath-plus does: in its order with one descent, as a set with more", () => {
    let selected = 0;
    checkProperty("descent path", fc.tuple(descentPath, root), ([text, json]) => {
      const parsed = parsePath(text);
      if (!parsed.ok) return;
      const select = descentSelector(parsed.value.path);
      assert.ok(select !== undefined, `${parsed.value.path} has a descent`);
      const ours = timed("descent", () => select(json));
      const theirs = reference(parsed.value.path, json);
      if (theirs.length > 0) selected++;
      const where = `${parsed.value.path} on ${JSON.stringify(json)}`;
      // One descent: the very same list. Several: the same set (jsonpath-plus repeats what two `..` both reach).
      if (parsed.value.path.split("..").length === 2) assert.deepEqual(ours, theirs, where);
      else assert.deepEqual(new Set(ours), new Set(theirs), where);
    });
    assert.ok(selected > 0, "some generated paths select something");
    process.stdout.write(`descent path: ${selected} cases selected at least one value\n`);
  });

  test("descentSelector() leaves paths without a descent to jsonpath-plus", () => {
    for (const path of ["$.a", "$[*].b", "$['a..b']", "$.a[0:2]"]) assert.equal(descentSelector(path), undefined);
  });

  test("conditions with descents stay fast on the 64 KB bodies that stalled jsonpath-plus", () => {
    const wide = Array.from({ length: 250 }, () => 0);
    let chain: unknown = 1;
    for (let i = 0; i < 126; i++) chain = [chain, ...wide];
    const nested = (depth: number): unknown => depth === 0 ? [1, 2, 3, 4, 5, 6, 7, 8] : [nested(depth - 1),
      nested(depth - 1)];
    for (const body of [JSON.stringify(chain), JSON.stringify(nested(11))]) {
      assert.ok(body.length <= 65_536, "within the gateway's body limit");
      for (const condition of ["$..* > 1e9", "$..*..* > 1e9", "$..*..*..* > 1e9", "$.*..*[*] > 1e9", "$..[0:] > 1e9"]) {
        assert.equal(timed(condition, () => evaluateCondition(condition, body)), false);
      }
      assert.equal(evaluateCondition("$..* == 1", body), true);
    }
  });
});
