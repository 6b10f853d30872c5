// Hostile input (issue #8): conditions that try to run code through JSONPath are refused or inert, payload keys such
// as `__proto__` and `constructor` pollute nothing, and no prototype member is ever read as a payload value.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { compileCondition, createPayload, evaluateCondition, parseCondition } from "../../src/compiler/condition.ts";
import { compilePath } from "../../src/compiler/condition-path.ts";
import { compileMatchIndex } from "../../src/compiler/match-index.ts";
import type { Sop } from "../../src/compiler/sop.ts";
import { parseStrictJson } from "../../src/compiler/strict-json.ts";
import { parseSignalLine } from "../../src/io/serial/signal-line.ts";
import { checkProperty, timed } from "./property.ts";

const marker = "__zeroclawHostile";
/** Conditions that would run code, or reach the Function constructor, if a path were ever evaluated as script. */
const codeConditions = [
  `$..[?(@.constructor.constructor('return process')())] == 1`,
  `$..[?(@.constructor.constructor('globalThis.${marker} = 1')())] == 1`,
  `$[?(@.constructor.constructor('globalThis.${marker} = 2')())].a == 1`,
  `$[(globalThis.${marker} = 3)] == 1`,
  `$[?(globalThis.${marker} = 4)] == 1`,
  `$.a[?(@ > 1)] > 0`,
  `$[?(this.process)] == 1`,
  `$['constructor']['constructor']('globalThis.${marker} = 5')() == 1`,
  `$.constructor.constructor == 1`,
  `$.constructor.prototype.polluted == 1`,
  `$.__proto__.polluted == true`,
  `$['__proto__']['polluted'] == true`,
  `$..__proto__ == null`,
  `$..constructor != 1`,
  "$.`constructor == 1",
  "$.a^ == 1",
  "$.a~ == \"a\"",
  "$@string() == 1",
  "$.a;globalThis.x=1 == 1",
  `$.toString == 1`,
  `$.valueOf != 0`,
  `$.hasOwnProperty != null`,
  `$.__defineGetter__ != null`,
  `$..* != "${marker}"`,
  "$.a.length == 0",
  `$[?(@.constructor.constructor("globalThis.${marker} = 6")())] == 1`,
];
/** Payloads whose keys try prototype pollution on whoever assigns them naively. */
const pollutingPayloads = [
  '{"__proto__":{"polluted":true,"a":1}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":{"__proto__":{"polluted":true}},"b":[{"__proto__":{"polluted":1}}]}',
  '[{"__proto__":null},{"constructor":null}]',
  '{"__proto__":[1,2,3],"length":1}',
  '{"a":1,"a":{"__proto__":{"polluted":true}}}',
  "{}", "[]", "1", '"x"', "null",
];

function assertClean(): void {
  assert.equal((globalThis as Record<string, unknown>)[marker], undefined, "no code ran");
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).filter((name) => !baseline.has(name)), [],
    "Object.prototype gained nothing");
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  assert.equal(([] as unknown as Record<string, unknown>)["polluted"], undefined);
}
const baseline = new Set(Object.getOwnPropertyNames(Object.prototype));

describe("hostile input: conditions and payloads", () => {
  test("filter and script expressions are refused when the SOP is loaded, and never match", () => {
    for (const condition of codeConditions.filter((c) => c.includes("(") || c.includes("[?"))) {
      const parsed = parseCondition(condition);
      assert.equal(parsed.ok, false, condition);
      for (const payload of pollutingPayloads) assert.equal(evaluateCondition(condition, payload), false, condition);
    }
    assertClean();
  });

  test("no condition reaches a prototype member: every hostile path is refused or reads own members only", () => {
    for (const condition of codeConditions) {
      const predicate = compileCondition(condition);
      for (const payload of pollutingPayloads) predicate(createPayload(payload));
    }
    assertClean();
    // The Function constructor and prototype methods are not values of `{}`.
    for (const path of ["$.constructor", "$.__proto__", "$.toString", "$.hasOwnProperty", "$..constructor",
      "$.*.constructor", "$..__proto__", "$..toString", "$[*].valueOf"]) {
      for (const payload of ["{}", "[]", '{"a":{}}', '[{"b":[]}]']) {
        const selector = compilePath(path);
        if (selector === undefined) continue;
        assert.deepEqual(selector.select(JSON.parse(payload)), [], `${path} on ${payload}`);
      }
    }
    assert.equal(evaluateCondition("$.constructor.name == Object", "{}"), false);
    assert.equal(evaluateCondition('$.__proto__ == null', "{}"), false);
    // An own `__proto__` key in the payload is data, read as such.
    assert.equal(evaluateCondition("$.__proto__.a == 1", '{"__proto__":{"a":1}}'), true);
    assert.equal(evaluateCondition("$..polluted == true", pollutingPayloads[0]), true);
    assertClean();
  });

  test("parsed payloads and serial lines keep `__proto__` as an own key and pollute nothing", () => {
    for (const payload of pollutingPayloads) {
      const parsed = parseStrictJson(payload);
      assert.ok(parsed.ok);
      parseSignalLine(`{"signal":"s","value":${payload}}`);
      parseSignalLine(`{"__proto__":{"signal":"s"},"signal":"t"}`);
    }
    const line = parseSignalLine('{"__proto__":{"signal":"inherited"}}');
    assert.equal(line.kind, "invalid", "a signal inherited from __proto__ is not a signal");
    assertClean();
  });

  test("a SOP with hostile conditions starts nothing and pollutes nothing, on any payload", () => {
    const sops: Sop[] = codeConditions.map((condition, i): Sop => ({
      name: `s${String(i).padStart(2, "0")}`, description: "", version: "1", priority: "normal",
      executionMode: "auto", cooldownSecs: 0, maxConcurrent: 1, steps: [], location: "",
      triggers: [{ type: "webhook", path: "/hook", condition }],
    }));
    const index = compileMatchIndex(sops);
    const payload = fc.oneof(fc.constantFrom(...pollutingPayloads), fc.json({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "polluted", "toString"),
        fc.jsonValue({ maxDepth: 2 })).map((value) => JSON.stringify(value)));
    checkProperty("hostile match", payload, (body) => {
      const matched = timed("match", () => index.match({ source: "webhook", topic: "/hook", payload: body }));
      for (const sop of matched) {
        const condition = codeConditions[Number(sop.name.slice(1))] ?? "";
        assert.ok(!condition.includes("(") && !condition.includes("[?"), `${condition} never matches`);
      }
    });
    assertClean();
  });
});
