import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeLine, parseSignalLine, type SignalLine } from "../../../src/io/serial/signal-line.ts";

const signal = (name: string, payload: string | null): SignalLine => ({ kind: "signal", signal: name, payload });

describe("parseSignalLine()", () => {
  const cases: [line: string, expected: SignalLine][] = [
    // text form: the signal before the first space, the rest of the line as the value (fan-in.md §7)
    ["temp 21.5", signal("temp", "21.5")],
    ["temp 21.5\r", signal("temp", "21.5")],
    ["msg hello  world ", signal("msg", "hello  world ")],
    ["temp ", signal("temp", "")],
    ["button", signal("button", "")],
    ["button\r", signal("button", "")],
    [" temp 21", signal("", "temp 21")],
    ["a/b c", signal("a/b", "c")],
    ["temp\t21", signal("temp\t21", "")],
    ["temp 21\r\r", signal("temp", "21\r")],
    // JSON form: the payload is the JSON text of `value`, a string without its quotes
    ['{"signal": "temp", "value": 21.5}', signal("temp", "21.5")],
    ['{"signal": "msg", "value": "hi there"}', signal("msg", "hi there")],
    ['{"signal": "door", "value": {"open": true, "id": [1, 2]}}', signal("door", '{"open":true,"id":[1,2]}')],
    ['{"signal": "x", "value": null}', signal("x", "null")],
    ['{"signal": "x", "value": false}', signal("x", "false")],
    ['{"signal": "x", "value": 1.0}', signal("x", "1")],
    ['{"signal": "x", "value": ""}', signal("x", "")],
    ['{"signal": "x"}', signal("x", null)],
    ['  {"signal": "x", "value": 2}  \r', signal("x", "2")],
    ['{"value": 2, "signal": "x", "extra": 1}', signal("x", "2")],
    ['{"signal": "x", "signal": "y", "value": 1}', signal("y", "1")],
    // blank lines are ignored
    ["", { kind: "blank" }],
    ["\r", { kind: "blank" }],
    ["   \t ", { kind: "blank" }],
    ["\u00a0\u0085", { kind: "blank" }],
    // bad JSON lines are dropped with a reason
    ["{not json", { kind: "invalid", reason: 'not valid JSON: "{not json"' }],
    ['{"signal": "x", "value": 1e400}', { kind: "invalid", reason: 'not valid JSON: "{\\"signal\\": \\"x\\", \\"value\\": 1e400}"' }],
    ['{"value": 1}', { kind: "invalid", reason: '"signal" is missing or not a string in "{\\"value\\": 1}"' }],
    ['{"signal": 7, "value": 1}', { kind: "invalid", reason: '"signal" is missing or not a string in "{\\"signal\\": 7, \\"value\\": 1}"' }],
    ['{"signal": null}', { kind: "invalid", reason: '"signal" is missing or not a string in "{\\"signal\\": null}"' }],
    ["{} trailing", { kind: "invalid", reason: 'not valid JSON: "{} trailing"' }],
  ];
  for (const [line, expected] of cases) {
    test(`parseSignalLine() reads ${JSON.stringify(line)}`, () => {
      assert.deepEqual(parseSignalLine(line), expected);
    });
  }

  test("parseSignalLine() reads a JSON `signal` from the object's own keys only", () => {
    assert.equal(parseSignalLine('{"__proto__": {"signal": "x"}}').kind, "invalid");
  });

  test("parseSignalLine() drops nesting deeper than 128 without throwing", () => {
    const deep = `{"signal": "x", "value": ${"[".repeat(200)}${"]".repeat(200)}}`;
    assert.equal(parseSignalLine(deep).kind, "invalid");
    const huge = `{"signal": "x", "value": ${"[".repeat(1_000_000)}`;
    assert.equal(parseSignalLine(huge).kind, "invalid");
  });

  test("parseSignalLine() quotes and shortens the line in a reason", () => {
    const result = parseSignalLine(`{${"\u0001".repeat(100)}`);
    assert.equal(result.kind, "invalid");
    assert.equal(result.kind === "invalid" && result.reason, `not valid JSON: "{${"\\u0001".repeat(79)}…"`);
  });
});

describe("decodeLine()", () => {
  test("decodeLine() decodes UTF-8", () => {
    assert.deepEqual(decodeLine(new TextEncoder().encode("temp 21°C")), { text: "temp 21°C", valid: true });
  });

  test("decodeLine() replaces invalid sequences with U+FFFD and says so", () => {
    assert.deepEqual(decodeLine(new Uint8Array([0x61, 0xff, 0x62, 0xc3])), { text: "a\ufffdb\ufffd", valid: false });
  });
});
