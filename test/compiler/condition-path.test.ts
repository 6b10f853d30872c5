import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { JSONPath } from "jsonpath-plus";
import { compilePath } from "../../src/compiler/condition-path.ts";

const show = JSON.stringify;

/** jsonpath-plus itself, called the one way conditions may call it. */
function jsonPathPlus(path: string, json: unknown): unknown {
  return JSONPath({ path, json: json as object, eval: false, wrap: true });
}

describe("compilePath()", () => {
  const documents: unknown[] = [
    { a: { b: 1, c: [10, 20, { d: "x" }] }, "key.with.dots": 2, items: [{ v: 1 }, { v: 2 }], readings: [5, 6, 7],
      "1": ["one"], "a b": 3, "weird-key_$": 4, "é": 5, nul: null, f: false, z: 0, e: "", "": 6 },
    [1, [2, [3]], { "0": "zero" }],
    { "1": { "0": "x" }, readings: { "1": "key" }, items: [] },
  ];

  test("compilePath() takes the fast path for names and indices and agrees with jsonpath-plus", () => {
    const paths = ["$", "$.a", "$.a.b", "$.a.c", "$.a.c.1", "$.a.c[2].d", "$.a.c.5", "$.a.x", "$['key.with.dots']",
      '$["key.with.dots"]', "$.items[0].v", "$.items[1]['v']", "$.readings.1", "$.readings[2]", "$.readings.01", "$.1",
      "$[1]", "$.1.0", "$[1][1][0]", "$[2].0", "$['a b']", "$.a b", "$.weird-key_$", "$.é", "$.nul", "$.f", "$.z",
      "$.e", "$[0]", "$.constructor", "$.__proto__", "$.a.b.c", "$[007]"];
    for (const path of paths) {
      const selector = compilePath(path);
      assert.equal(selector?.fast, true, path);
      for (const document of documents) {
        assert.deepEqual(selector?.select(document), jsonPathPlus(path, document), `${path} on ${show(document)}`);
      }
    }
  });

  test("compilePath() hands wildcards, recursive descent and slices to jsonpath-plus", () => {
    const paths = ["$.*", "$..*", "$..v", "$.items[*].v", "$.readings[1:]", "$.readings[-1:]", "$.a.c[::2]", "$..[0]",
      "$..['b']", "$[*]", "$..d", "$.a..b", "$..readings.1"];
    for (const path of paths) {
      const selector = compilePath(path);
      assert.equal(selector?.fast, false, path);
      for (const document of documents) {
        assert.deepEqual(selector?.select(document), jsonPathPlus(path, document), `${path} on ${show(document)}`);
      }
    }
  });

  test("compilePath() agrees with jsonpath-plus on generated documents and paths", () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n); // the high bits: an LCG's low bits cycle quickly
    };
    const keys = ["0", "1", "2", "a", "b", "x y", "__proto__", "constructor"];
    const make = (depth: number): unknown => {
      const kind = depth === 0 ? 3 + random(3) : depth > 3 ? random(3) : random(6);
      if (kind < 3) return [1.5, null, true][kind];
      if (kind === 3) return Array.from({ length: 1 + random(3) }, () => make(depth + 1));
      const members = Array.from({ length: 1 + random(4) }, () => [keys[random(keys.length)], make(depth + 1)]);
      return Object.fromEntries(members);
    };
    // Mostly follow members that exist, so that most paths have a result.
    const pick = (value: unknown): string => {
      const own = typeof value === "object" && value !== null ? Object.keys(value) : [];
      return (own.length > 0 && random(5) > 0 ? own[random(own.length)] : keys[random(keys.length)]) ?? "a";
    };
    let found = 0;
    for (let round = 0; round < 1000; round++) {
      const document = make(0);
      let path = "$";
      for (let value = document, n = 1 + random(3); n > 0; n--) {
        const key = pick(value);
        path += random(2) === 0 ? `['${key}']` : /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
        const own = typeof value === "object" && value !== null && Object.hasOwn(value, key);
        value = own ? (value as Record<string, unknown>)[key] : undefined;
      }
      const descent = path.startsWith("$.") ? `$.${path.slice(1)}` : `$..${path.slice(1)}`;
      for (const candidate of [path, descent]) {
        const selected = compilePath(candidate)?.select(document);
        assert.deepEqual(selected, jsonPathPlus(candidate, document), candidate);
        if (selected?.length) found++;
      }
    }
    assert.ok(found > 500, `only ${found} of 2000 paths had a result`);
  });

  test("compilePath() departs from jsonpath-plus only where JSON has no member", () => {
    // jsonpath-plus follows a string's characters and an array's length; JSON (and the reference) have neither.
    const cases: [string, unknown][] = [["$.s.0", { s: "abc" }], ["$.s.length", { s: "abc" }],
      ["$.r.length", { r: [1, 2] }], ["$..length", { s: "abc", r: [] }], ["$..0", "abc"]];
    for (const [path, document] of cases) {
      assert.notDeepEqual(jsonPathPlus(path, document), [], path);
      assert.deepEqual(compilePath(path)?.select(document), [], path);
    }
    // jsonpath-plus gives no result at all for a falsy root; $ is still the whole payload (§6.3).
    for (const root of [0, false, null, ""]) {
      assert.equal(jsonPathPlus("$", root), undefined);
      assert.deepEqual(compilePath("$")?.select(root), [root]);
      assert.deepEqual(compilePath("$..*")?.select(root), []);
    }
  });

  test("compilePath() inserts the leading dot and refuses invalid paths", () => {
    assert.deepEqual(compilePath("$value")?.select({ value: 1 }), [1]);
    assert.equal(compilePath("$[?(@.x)]"), undefined);
    assert.equal(compilePath("$.a."), undefined);
  });
});
