import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  compileCondition,
  conditionWarnings,
  createPayload,
  evaluateCondition,
  parseCondition,
  type Payload,
} from "../../src/compiler/condition.ts";

const evaluate = evaluateCondition;

/** The reason a condition does not parse, or undefined when it parses. */
function reason(condition: string): string | undefined {
  const parsed = parseCondition(condition);
  return parsed.ok ? undefined : parsed.message;
}

describe("parseCondition()", () => {
  test("parseCondition() reads path mode: PATH OP LITERAL", () => {
    assert.deepEqual(parseCondition("$.temp > 85"), { ok: true, value: { path: "$.temp", op: ">", value: 85 } });
    assert.deepEqual(parseCondition("  $.a.b   <=  -1.5e2 "), {
      ok: true,
      value: { path: "$.a.b", op: "<=", value: -150 },
    });
  });

  test("parseCondition() reads direct mode: OP NUMBER", () => {
    assert.deepEqual(parseCondition("> 85"), { ok: true, value: { op: ">", value: 85 } });
    assert.deepEqual(parseCondition("!=-.5"), { ok: true, value: { op: "!=", value: -0.5 } });
    assert.deepEqual(parseCondition("< inf"), { ok: true, value: { op: "<", value: Infinity } });
  });

  test("parseCondition() knows all six operators", () => {
    for (const op of [">=", "<=", "!=", "==", ">", "<"]) {
      assert.deepEqual(parseCondition(`$.v${op}1`), { ok: true, value: { path: "$.v", op, value: 1 } });
    }
  });

  test("parseCondition() splits at the leftmost operator outside quotes, two-character operators first (§8.7)", () => {
    assert.deepEqual(parseCondition('$.m == "a>=b"'), { ok: true, value: { path: "$.m", op: "==", value: "a>=b" } });
    assert.deepEqual(parseCondition("$['a>b'] >= 1"), {
      ok: true,
      value: { path: "$['a>b']", op: ">=", value: 1 },
    });
    assert.deepEqual(parseCondition('$["x<=y"] != "z==w"'), {
      ok: true,
      value: { path: '$["x<=y"]', op: "!=", value: "z==w" },
    });
    assert.deepEqual(parseCondition("$.a<=5"), { ok: true, value: { path: "$.a", op: "<=", value: 5 } });
  });

  test("parseCondition() rejects = alone, => and =< (§6.3)", () => {
    assert.equal(reason("$.v => 5"), '"=>" is not an operator');
    assert.equal(reason("$.v =< 5"), '"=<" is not an operator');
    assert.equal(reason("$.v !> 5"), '"!>" is not an operator');
    assert.equal(reason("$.v = 5"), "no operator");
    assert.equal(reason("$.v === 5"), `bare word must not contain whitespace or '"'`);
  });

  test("parseCondition() needs an operator and a right side", () => {
    assert.equal(reason("$.a"), "no operator");
    assert.equal(reason("$"), "no operator");
    assert.equal(reason("hello"), "no operator");
    assert.equal(reason("$.a =="), "empty right side");
    assert.equal(reason("$.a ==  \t"), "empty right side");
    assert.equal(reason(">"), "empty right side");
    assert.equal(reason('$["a == 1'), "no operator");
  });

  test("parseCondition() fails on a blank condition, which callers treat as always true", () => {
    assert.equal(reason(""), "empty condition");
    assert.equal(reason(" \u00a0\u0085 "), "empty condition");
  });

  test("parseCondition() requires direct mode to start with the operator and end with a strict decimal", () => {
    assert.equal(reason("5 < 10"), "a condition without a path must start with the operator");
    assert.equal(reason("value > 5"), "a condition without a path must start with the operator");
    assert.equal(reason('> "5"'), "right side is not a number");
    assert.equal(reason(">== 5"), "right side is not a number");
    assert.equal(reason("> 0x10"), "right side is not a number");
    assert.equal(reason("> 5 5"), "right side is not a number");
    assert.equal(reason("> true"), "right side is not a number");
  });

  test("parseCondition() reads literals in the order number, quoted string, keyword, bare word", () => {
    const literal = (right: string): unknown => {
      const parsed = parseCondition(`$.x == ${right}`);
      return parsed.ok ? parsed.value.value : parsed.message;
    };
    assert.equal(literal("90"), 90);
    assert.equal(literal("+.5e1"), 5);
    assert.ok(Number.isNaN(literal("NaN")));
    assert.equal(literal('"90"'), "90");
    assert.equal(literal('"a\\"b\\u00e9\\n"'), 'a"bé\n');
    assert.equal(literal('""'), "");
    assert.equal(literal("true"), true);
    assert.equal(literal("false"), false);
    assert.equal(literal("null"), null);
    assert.equal(literal("TRUE"), "TRUE");
    assert.equal(literal("ok"), "ok");
    assert.equal(literal("'ok'"), "'ok'");
    assert.equal(literal("[1,2]"), "[1,2]");
    assert.equal(literal("5abc"), "5abc");
  });

  test("parseCondition() rejects a quoted literal that is not exactly one JSON string", () => {
    for (const right of ['"a" b', '"a"b', '"a', '"\\x"', '"\\ud800"', '"a\tb"', '"a" "b"']) {
      assert.equal(reason(`$.x == ${right}`), "a quoted literal must be exactly one JSON string", right);
    }
  });

  test("parseCondition() rejects a bare word with whitespace or a double quote (resolved detail 8)", () => {
    assert.equal(reason("$.a > 5 && $.b < 3"), `bare word must not contain whitespace or '"'`);
    assert.equal(reason('$.a == a"b'), `bare word must not contain whitespace or '"'`);
    assert.equal(reason("$.a == two\u00a0words"), `bare word must not contain whitespace or '"'`);
  });

  test("parseCondition() inserts the optional leading dot", () => {
    assert.deepEqual(parseCondition("$value > 85"), { ok: true, value: { path: "$.value", op: ">", value: 85 } });
    const parsed = parseCondition("$readings.1 == 2");
    assert.deepEqual(parsed, { ok: true, value: { path: "$.readings.1", op: "==", value: 2 } });
  });

  test("parseCondition() accepts the JSONPath forms of §6.3", () => {
    const paths = ["$", "$.a.b", "$.items[0].v", "$['key.with.dots']", '$["key.with.dots"]', "$..temp", "$.readings.1",
      "$.a[*]", "$.*", "$..*", "$..[0]", "$..['a b']", "$.a[1:3]", "$.a[-1:]", "$.a[::2]", "$.a b", "$.é", "$.urn:x",
      "$.$ref", "$['a,b']", "$.a-b_c", "$[007]"];
    for (const path of paths) assert.equal(reason(`${path} == 1`), undefined, path);
  });

  test("parseCondition() rejects filter and script expressions without running them", () => {
    const global = globalThis as { __zeroclawPwned?: number };
    for (const path of ["$[?(@.x)]", "$[(process.exit())]", "$..[?(@.price<10)]", "$[?@.x]", "$.a(1)",
      "$[?(globalThis.__zeroclawPwned = 1)]", "$[(globalThis.__zeroclawPwned = 1)]", "$['(x)']"]) {
      assert.equal(reason(`${path} == 1`), "filter and script expressions are not allowed", path);
      assert.equal(evaluate(`${path} == 1`, '{"x": 1, "a": [{"x": 1, "price": 1}]}'), false);
    }
    const direct = "(globalThis.__zeroclawPwned = 1) > 0";
    assert.equal(reason(direct), "a condition without a path must start with the operator");
    assert.equal(global.__zeroclawPwned, undefined);
  });

  test("parseCondition() rejects paths jsonpath-plus would misread", () => {
    const cases: [string, string][] = [
      ["$.a.", "invalid path: empty name"],
      ["$..", "invalid path: empty name"],
      ["$...a", "invalid path: empty name"],
      ["$.a[", 'invalid path: missing "]"'],
      ["$.a['b'", 'invalid path: expected "]" after a quoted name'],
      ["$.a[-1]", "invalid path: negative index [-1] (a slice such as [-1:] counts from the end)"],
      ["$.a[x]", "invalid path: unsupported selector [x]"],
      ["$.a[ 1 ]", "invalid path: unsupported selector [ 1 ]"],
      ["$.a[0,1]", "invalid path: unsupported selector [0,1]"],
      ["$['a']b", 'invalid path: unexpected "b"'],
      ["$.a,b", 'invalid path: "," is not allowed in a dotted name'],
      ["$.a;b", 'invalid path: ";" is not allowed in a dotted name'],
      ["$.a^", 'invalid path: "^" is not allowed in a dotted name'],
      ["$.a~", 'invalid path: "~" is not allowed in a dotted name'],
      ["$.@string", 'invalid path: "@" is not allowed in a dotted name'],
      ["$.`a", 'invalid path: "`" is not allowed in a dotted name'],
      ["$['a;b']", 'invalid path: ";" is not allowed in a quoted name'],
      ["$['#0']", 'invalid path: "#" is not allowed in a quoted name'],
      ["$['']", "invalid path: empty name"],
      ["$['*']", 'invalid path: reserved name "*"'],
      ["$.$", 'invalid path: reserved name "$"'],
      ["$['..']", 'invalid path: reserved name ".."'],
      ["$['1:2']", 'invalid path: reserved name "1:2"'],
      ["$.a\u0000", 'invalid path: "\\u0000" is not allowed in a dotted name'],
    ];
    for (const [path, message] of cases) assert.equal(reason(`${path} == 1`), message, path);
  });

  test("parseCondition() gives 1-based columns into the text as written", () => {
    assert.deepEqual(parseCondition("  $.v => 5"), { ok: false, message: '"=>" is not an operator', column: 8 });
    assert.deepEqual(parseCondition(" >  abc"), { ok: false, message: "right side is not a number", column: 5 });
    assert.deepEqual(parseCondition("$.v == "), { ok: false, message: "empty right side", column: 7 });
    assert.deepEqual(parseCondition(" $.a. == 1"), { ok: false, message: "invalid path: empty name", column: 2 });
  });
});

describe("conditionWarnings()", () => {
  test("conditionWarnings() warns when a quoted literal is exactly true, false or null (resolved detail 7)", () => {
    const warnings = (condition: string): string[] => {
      const parsed = parseCondition(condition);
      return parsed.ok ? conditionWarnings(parsed.value) : ["unparsable"];
    };
    assert.deepEqual(warnings('$.active == "true"'), [
      'condition compares with the string "true"; write true for the boolean',
    ]);
    assert.deepEqual(warnings('$.active != "false"'), [
      'condition compares with the string "false"; write false for the boolean',
    ]);
    assert.deepEqual(warnings('$.x == "null"'), [
      'condition compares with the string "null"; write null for the null value',
    ]);
    for (const quiet of ["$.a == true", "$.a == null", '$.a == "TRUE"', '$.a == "true "', "$.a == True", "> 1"]) {
      assert.deepEqual(warnings(quiet), [], quiet);
    }
  });
});

describe("evaluateCondition()", () => {
  test("evaluateCondition() is true for an absent or blank condition, even without a payload (§6.7)", () => {
    for (const condition of [undefined, "", "   ", "\t\n", "\u00a0\u0085\u3000"]) {
      for (const payload of [undefined, null, "", " ", "x", '{"a":1}']) {
        assert.equal(evaluate(condition, payload), true);
      }
    }
  });

  test("evaluateCondition() treats a byte-order mark as text, not blank", () => {
    assert.equal(evaluate("\uFEFF", "5"), false);
    assert.equal(evaluate("\uFEFF$.a == 1", '{"a": 1}'), false);
  });

  test("evaluateCondition() is false for any condition with a missing or empty payload", () => {
    for (const condition of ["> 0", "!= 5", "$ != 1", "$.a != 1", '$ == ""', "$ == null"]) {
      for (const payload of [undefined, null, ""]) assert.equal(evaluate(condition, payload), false, condition);
    }
  });

  test("evaluateCondition() fails a whitespace-only payload in both modes", () => {
    assert.equal(evaluate("!= 1", "   "), false);
    assert.equal(evaluate("$ != 1", " \n "), false);
  });

  test("evaluateCondition() is false for an unparsable condition, != included", () => {
    for (const condition of ["$.v => 5", "5 < 10", '> "5"', "$.a > 5 && $.b < 3", "$[?(@.v)] != 1", "$.v != "]) {
      assert.equal(evaluate(condition, '{"v": 9, "a": 9}'), false, condition);
    }
  });

  test("evaluateCondition() compares numbers with all six operators", () => {
    const cases: [string, boolean][] = [["> 85", true], ["< 85", false], [">= 90", true], ["<= 89.9", false],
      ["== 90", true], ["!= 90", false], ["!= 91", true], ["== 90.0", true]];
    for (const [tail, expected] of cases) {
      assert.equal(evaluate(`$.v ${tail}`, '{"v": 90}'), expected, tail);
      assert.equal(evaluate(`$.v ${tail}`, '{"v": "90"}'), expected, `numeric string: ${tail}`);
      assert.equal(evaluate(tail, "90"), expected, `direct: ${tail}`);
    }
  });

  test("evaluateCondition() gives a quoted numeric literal a numeric view (resolved detail 6)", () => {
    assert.equal(evaluate('$.v == "90"', '{"v": 90}'), true);
    assert.equal(evaluate('$.v == "90"', '{"v": "90"}'), true);
    assert.equal(evaluate('$.v == "90"', '{"v": "9e1"}'), true);
    assert.equal(evaluate('$.v > "85"', '{"v": 90}'), true);
    assert.equal(evaluate("$.v == 90", '{"v": "90"}'), true);
    assert.equal(evaluate('$.v != "90"', '{"v": "abc"}'), true);
    assert.equal(evaluate('$.v < "90"', '{"v": "100"}'), false);
    assert.equal(evaluate('$.v == "90"', '{"v": " 90"}'), false);
    assert.equal(evaluate("$.v == 90", '{"v": " 90"}'), false);
  });

  test("evaluateCondition() compares strings by exact code points", () => {
    assert.equal(evaluate('$.s == "abc"', '{"s": "abc"}'), true);
    assert.equal(evaluate("$.s == abc", '{"s": "abc"}'), true);
    assert.equal(evaluate('$.s != "abc"', '{"s": "abd"}'), true);
    assert.equal(evaluate('$.s == "abc"', '{"s": "ABC"}'), false);
    assert.equal(evaluate('$.s > "abc"', '{"s": "abd"}'), true);
    assert.equal(evaluate('$.s <= "b"', '{"s": "a"}'), true);
    assert.equal(evaluate('$.s >= "b"', '{"s": "a"}'), false);
    assert.equal(evaluate('$.s < "ab"', '{"s": "a"}'), true);
    // U+1F600 is above U+FFFF in code points, although its UTF-16 units sort below it (§8.3).
    assert.equal(evaluate('$.s > "\\uffff"', '{"s": "😀"}'), true);
    assert.equal(evaluate('$.s < "\\uffff"', '{"s": "😀"}'), false);
  });

  test("evaluateCondition() compares booleans and null only with == and !=", () => {
    assert.equal(evaluate("$.f == true", '{"f": true}'), true);
    assert.equal(evaluate("$.f != true", '{"f": false}'), true);
    assert.equal(evaluate("$.f != false", '{"f": false}'), false);
    assert.equal(evaluate("$.f > false", '{"f": true}'), false);
    assert.equal(evaluate("$.f >= true", '{"f": true}'), false);
    assert.equal(evaluate("$.x == null", '{"x": null}'), true);
    assert.equal(evaluate("$.x != null", '{"x": null}'), false);
    assert.equal(evaluate("$.x <= null", '{"x": null}'), false);
  });

  test("evaluateCondition() is false for every other pairing, != included", () => {
    const cases: [string, string][] = [["$.x != null", '{"x": 1}'], ["$.x != true", '{"x": 1}'],
      ["$.n != abc", '{"n": 5}'], ['$.n != "abc"', '{"n": 5}'], ["$.s != 5", '{"s": "abc"}'], ["$.o != 1", '{"o": {}}'],
      ["$.o != x", '{"o": []}'], ["$.b != 1", '{"b": true}'], ["$.n != true", '{"n": null}'],
      ['$.s != "x"', '{"s": null}']];
    for (const [condition, payload] of cases) assert.equal(evaluate(condition, payload), false, condition);
  });

  test("evaluateCondition() follows each consequence that differs from the reference (D4)", () => {
    assert.equal(evaluate("$.flag > 0", '{"flag": false}'), false);
    assert.equal(evaluate("$.flag > 0", '{"flag": true}'), false);
    assert.equal(evaluate("$.x < 5", '{"x": null}'), false);
    assert.equal(evaluate('$.x == ""', '{"x": null}'), false);
    assert.equal(evaluate("$.x == null", '{"x": null}'), true);
    assert.equal(evaluate('$.active == "true"', '{"active": true}'), false);
    assert.equal(evaluate("$.active == true", '{"active": true}'), true);
    assert.equal(evaluate("$.name > 85", '{"name": "abc"}'), false);
    assert.equal(evaluate("$.arr == [1,2]", '{"arr": [1,2]}'), false);
    assert.equal(evaluate("$.arr != [1,2]", '{"arr": [1,2]}'), false);
  });

  test("evaluateCondition() uses absolute machine epsilon for == and !=", () => {
    assert.equal(evaluate("$.v == 0.3", '{"v": 0.30000000000000004}'), true);
    assert.equal(evaluate("$.v != 0.3", '{"v": 0.30000000000000004}'), false);
    assert.equal(evaluate("$.v == 1", '{"v": 1.0000000000000002}'), false);
    assert.equal(evaluate("$.v != 1", '{"v": 1.0000000000000002}'), true);
    assert.equal(evaluate("== 1e20", "100000000000000000001"), true);
  });

  test("evaluateCondition() makes == and != both false when a NaN is involved", () => {
    for (const condition of ["== nan", "!= nan", "> nan", "<= nan"]) assert.equal(evaluate(condition, "5"), false);
    for (const condition of ["== 5", "!= 5", "< 5"]) assert.equal(evaluate(condition, "NaN"), false);
    assert.equal(evaluate("$.v == 1", '{"v": "nan"}'), false);
    assert.equal(evaluate("$.v != 1", '{"v": "nan"}'), false);
    assert.equal(evaluate('$.v == "nan"', '{"v": "nan"}'), false);
    assert.equal(evaluate("== inf", "inf"), false);
    assert.equal(evaluate("!= inf", "inf"), false);
    assert.equal(evaluate("> 1e308", "inf"), true);
    assert.equal(evaluate("$.v < -1e308", '{"v": "-Infinity"}'), true);
  });

  test("evaluateCondition() in direct mode reads only a trimmed strict decimal payload", () => {
    assert.equal(evaluate("> 85", " 90\n"), true);
    assert.equal(evaluate("> 85", "\u00a090\u0085"), true);
    for (const payload of ['{"v":1}', '"5"', "true", "5abc", "0x5", "5 5", "\uFEFF90", "90\u0000"]) {
      assert.equal(evaluate("!= 0", payload), false, payload);
    }
    assert.equal(evaluate("== 5", "+5."), true);
    assert.equal(evaluate("> 0", "Infinity"), true);
  });

  test("evaluateCondition() is false when the payload is not strict JSON in path mode", () => {
    for (const payload of ["{", "{'a': 1}", "1e400", '{"a": 1e400}', '{"s": "\\ud800"}', "\uFEFF{}", "[1,]", "NaN"]) {
      assert.equal(evaluate("$ != 1", payload), false, payload);
    }
  });

  test("evaluateCondition() is false when the path has no result, != included", () => {
    assert.equal(evaluate("$.missing != 1", '{"v": 1}'), false);
    assert.equal(evaluate("$.v.w != 1", '{"v": 1}'), false);
    assert.equal(evaluate("$..missing != 1", '{"v": {"w": 1}}'), false);
    assert.equal(evaluate("$.a[5:] != 1", '{"a": [1]}'), false);
  });

  test("evaluateCondition() matches when any of several results matches", () => {
    const payload = '{"a": {"temp": 80}, "b": {"temp": 90}, "c": [{"temp": "95"}]}';
    assert.equal(evaluate("$..temp > 85", payload), true);
    assert.equal(evaluate("$..temp > 95", payload), false);
    assert.equal(evaluate("$..temp != 80", payload), true);
    assert.equal(evaluate("$..temp != 80", '{"a": {"temp": 80}, "b": {"temp": 80}}'), false);
    assert.equal(evaluate("$.r[*] > 2", '{"r": [1, 2, 3]}'), true);
    assert.equal(evaluate("$.r[*] > 3", '{"r": [1, 2, 3]}'), false);
    assert.equal(evaluate("$.r[1:] == 1", '{"r": [1, 2, 3]}'), false);
    assert.equal(evaluate("$.r[-1:] == 3", '{"r": [1, 2, 3]}'), true);
    assert.equal(evaluate("$.*.temp == 90", payload), true);
  });

  test("evaluateCondition() reads the path forms of §6.3", () => {
    assert.equal(evaluate("$value > 85", '{"value": 90}'), true);
    assert.equal(evaluate("$.readings.1 == 20", '{"readings": [10, 20, 30]}'), true);
    assert.equal(evaluate("$.readings.1 == 20", '{"readings": {"1": 20}}'), true);
    assert.equal(evaluate("$.readings.01 == 20", '{"readings": [10, 20]}'), false);
    assert.equal(evaluate("$.readings[1] == 20", '{"readings": [10, 20]}'), true);
    assert.equal(evaluate("$['key.with.dots'] == 1", '{"key.with.dots": 1, "key": {"with": {"dots": 2}}}'), true);
    assert.equal(evaluate("$.key.with.dots == 2", '{"key.with.dots": 1, "key": {"with": {"dots": 2}}}'), true);
    assert.equal(evaluate("$.items[0].v == 3", '{"items": [{"v": 3}]}'), true);
    assert.equal(evaluate("$..temp == 3", '{"a": [{"b": {"temp": 3}}]}'), true);
    assert.equal(evaluate("$.a b == 1", '{"a b": 1}'), true);
    assert.equal(evaluate("$['a b'] == 1", '{"a b": 1}'), true);
  });

  test("evaluateCondition() compares the whole payload with $, falsy roots included", () => {
    assert.equal(evaluate("$ == 5", "5"), true);
    assert.equal(evaluate("$ == 0", "0"), true);
    assert.equal(evaluate("$ == false", "false"), true);
    assert.equal(evaluate("$ == null", "null"), true);
    assert.equal(evaluate('$ == ""', '""'), true);
    assert.equal(evaluate("$ == x", '"x"'), true);
    assert.equal(evaluate("$ != 1", "{}"), false);
  });

  test("evaluateCondition() compares bare words and single quotes as plain text", () => {
    assert.equal(evaluate("$.s == ok", '{"s": "ok"}'), true);
    assert.equal(evaluate("$.s == 'ok'", '{"s": "ok"}'), false);
    assert.equal(evaluate("$.s == 'ok'", `{"s": "'ok'"}`), true);
    assert.equal(evaluate("$.s == (globalThis.__zeroclawPwned=1)", '{"s": "(globalThis.__zeroclawPwned=1)"}'), true);
    assert.equal((globalThis as { __zeroclawPwned?: number }).__zeroclawPwned, undefined);
  });

  test("evaluateCondition() never reaches prototype members, string characters or array length", () => {
    const cases: [string, string][] = [["$.constructor != 1", "{}"], ["$.__proto__ != 1", "{}"],
      ["$.toString != 1", "{}"], ["$.hasOwnProperty != 1", "{}"], ["$.a.constructor.name == Object", '{"a": {}}'],
      ["$..constructor.constructor != 1", '{"a": {"b": []}}'], ["$..constructor != 1", '{"a": {}}'],
      ["$.s.length == 3", '{"s": "abc"}'], ["$.s.0 == a", '{"s": "abc"}'], ["$.r.length == 2", '{"r": [1, 2]}'],
      ["$..length == 3", '{"s": "abc", "r": [1, 2, 3]}'], ["$..0 == a", '"abc"'], ["$.0 == a", '"abc"'],
      ["$.*.length > 0", '{"s": "abc"}'], ["$.__proto__.polluted != 1", "{}"]];
    for (const [condition, payload] of cases) assert.equal(evaluate(condition, payload), false, condition);
    assert.equal(evaluate("$.__proto__ == 5", '{"__proto__": 5}'), true);
    assert.equal(evaluate("$.constructor == 5", '{"constructor": 5}'), true);
    assert.equal(evaluate("$..length == 3", '{"o": {"length": 3}}'), true);
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  });

  test("evaluateCondition() handles NUL bytes as ordinary characters", () => {
    assert.equal(evaluate("$.s == a\u0000b", '{"s": "a\\u0000b"}'), true);
    assert.equal(evaluate('$.s == "a\\u0000b"', '{"s": "a\\u0000b"}'), true);
    assert.equal(evaluate("$['a\u0000'] == 1", '{"a\\u0000": 1}'), false);
    assert.equal(evaluate("$ != 1", '{"a": 1}\u0000'), false);
  });
});

describe("compileCondition() and createPayload()", () => {
  test("createPayload() parses at most once, whichever condition asks", () => {
    const payload = createPayload('{"v": 5}');
    const first = payload.json();
    assert.deepEqual(first, { ok: true, value: { v: 5 } });
    assert.equal(payload.json(), first);
    for (const condition of ["$.v == 5", "$..v == 5", "$.w != 1"]) compileCondition(condition)(payload);
    assert.equal(payload.json(), first);
  });

  test("createPayload() reports a missing or empty payload as not JSON", () => {
    for (const text of [undefined, null, ""]) assert.deepEqual(createPayload(text).json(), { ok: false });
  });

  test("compileCondition() never parses the payload for a blank condition or in direct mode", () => {
    const untouchable = (text: string | null): Payload => ({
      text,
      json: () => assert.fail("json() must not be called"),
    });
    assert.equal(compileCondition(undefined)(untouchable(null)), true);
    assert.equal(compileCondition(" ")(untouchable("{")), true);
    assert.equal(compileCondition("> 1")(untouchable("5")), true);
    assert.equal(compileCondition("$.v == 1")(untouchable("")), false);
    assert.equal(compileCondition("$.v =>> 1")(untouchable("{}")), false);
  });

  test("compileCondition() gives a predicate that can be reused across payloads", () => {
    const hot = compileCondition("$.temp > 85");
    const payloads = ['{"temp": 90}', '{"temp": "80"}', '{"temp": "x"}', '{"temp": 86}'];
    assert.deepEqual(payloads.map((text) => hot(createPayload(text))), [true, false, false, true]);
  });
});

describe("nasty inputs", () => {
  const megabyte = 1_000_000;

  test("evaluateCondition() handles megabyte conditions in linear time", () => {
    const word = "x".repeat(megabyte);
    assert.equal(evaluate(`$.s == ${word}`, JSON.stringify({ s: word })), true);
    const name = "a".repeat(megabyte);
    assert.equal(evaluate(`$.${name} == 1`, JSON.stringify({ [name]: 1 })), true);
    assert.equal(evaluate(`$${".b".repeat(megabyte / 2)} == 1`, '{"b": 1}'), false);
    assert.equal(reason(`$${"[0]".repeat(megabyte / 3)} == 1`), undefined);
    assert.equal(reason(">".repeat(megabyte)), "right side is not a number");
    assert.equal(reason('"'.repeat(megabyte)), "no operator");
    assert.equal(reason(`$.a == "${"\\\\".repeat(megabyte / 2)}"`), undefined);
    assert.equal(reason(" ".repeat(megabyte)), "empty condition");
    assert.equal(reason(`$.a${" =".repeat(megabyte / 2)}`), "no operator");
  });

  test("evaluateCondition() reads a megabyte payload through both evaluators", () => {
    const items = Array.from({ length: 50_000 }, (_, i) => ({ i, s: "abcd" }));
    const payload = JSON.stringify({ items });
    assert.ok(payload.length > megabyte);
    assert.equal(evaluate("$.items[49999].i == 49999", payload), true);
    assert.equal(evaluate("$..i == 49999", payload), true);
    assert.equal(evaluate("> 5", "9".repeat(megabyte)), true);
  });

  test("evaluateCondition() returns false without throwing on a million levels of nesting", () => {
    const deep = "[".repeat(megabyte) + "]".repeat(megabyte);
    for (const condition of ["$ != 1", "$..x == 1", "$[0][0] != 1", "> 0"]) {
      assert.equal(evaluate(condition, deep), false, condition);
    }
    assert.equal(evaluate("$..x == 1", '{"x":'.repeat(megabyte)), false);
  });

  test("evaluateCondition() fails closed on invalid surrogates in the payload", () => {
    assert.equal(evaluate('$.s != "x"', '{"s": "\\ud800"}'), false);
    assert.equal(evaluate('$.s != "x"', '{"s": "\ud800"}'), false);
    assert.equal(evaluate("$.a != 1", '{"\\udfff": 1, "a": 2}'), false);
    assert.equal(evaluate('$.s == "😀"', '{"s": "\\ud83d\\ude00"}'), true);
  });
});

