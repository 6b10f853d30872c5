import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeManifest } from "../../src/compiler/manifest.ts";

const decode = (text: string) => decodeManifest(text, { file: "SOP.toml", defaultExecutionMode: "supervised" });
const messages = (text: string) => decode(text).diagnostics.map((d) => [d.severity, d.message, d.line, d.column]);
const head = '[sop]\nname = "n"\ndescription = "d"\n';

describe("decodeManifest()", () => {
  test("decodeManifest() applies the defaults of definitions.md §2.2", () => {
    assert.deepEqual(decode(head).manifest, {
      name: "n", description: "d", version: "0.1.0", priority: "normal", executionMode: "supervised",
      cooldownSecs: 0, maxConcurrent: 1, triggers: [],
    });
  });

  test("decodeManifest() takes execution_mode from the file, else from the config default", () => {
    const decoded = decodeManifest(head, { file: "f", defaultExecutionMode: "auto" });
    assert.equal(decoded.manifest?.executionMode, "auto");
    assert.equal(decode(`${head}execution_mode = "step_by_step"\n`).manifest?.executionMode, "step_by_step");
  });

  test("decodeManifest() reads every trigger type, inline arrays included", () => {
    const text = `triggers = [\n  { type = "manual" },\n  { type = "webhook", path = "/sop/x", condition = "> 1" },\n` +
      '  { type = "mqtt", topic = "a/+" },\n  { type = "cron", expression = "@daily", timezone = "UTC" },\n' +
      '  { type = "peripheral", board = "b", signal = "s", condition = "$.v == 1" },\n]\n' + head;
    assert.deepEqual(decode(text).manifest?.triggers, [
      { type: "manual" },
      { type: "webhook", path: "/sop/x", condition: "> 1" },
      { type: "mqtt", topic: "a/+" },
      { type: "cron", expression: "@daily", timezone: "UTC" },
      { type: "peripheral", board: "b", signal: "s", condition: "$.v == 1" },
    ]);
  });

  test("decodeManifest() locates an unknown trigger type at its value with the exact D1 text", () => {
    const text = `${head}\n[[triggers]]\ntype = "manual"\n\n[[triggers]]\ntype = "Manual"\n`;
    const decoded = decode(text);
    assert.equal(decoded.manifest, undefined);
    assert.equal(decoded.name, "n");
    assert.deepEqual(messages(text), [
      ["error", 'unknown trigger type "Manual" (expected manual, webhook, mqtt, cron, peripheral)', 9, 8],
    ]);
  });

  test("decodeManifest() fails on missing tables and keys", () => {
    assert.deepEqual(messages(""), [["error", "missing required table [sop]", undefined, undefined]]);
    assert.deepEqual(messages('[sop]\nname = "n"\n'), [["error", 'missing required key "description" in [sop]', 1, 1]]);
    assert.deepEqual(messages(`${head}[[triggers]]\ntype = "mqtt"\n`), [
      ["error", 'missing required key "topic" in trigger 1', 4, 1],
    ]);
    assert.deepEqual(messages(`${head}[[triggers]]\ntopic = "x"\n`), [["error", 'missing required key "type" in trigger 1', 4, 1]]);
  });

  test("decodeManifest() fails on wrong types, out-of-range integers and unknown enum values", () => {
    assert.deepEqual(messages(`${head}version = 1.0\n`), [["error", '"version" must be a string (got float)', 4, 11]]);
    assert.deepEqual(messages(`${head}cooldown_secs = -1\n`), [
      ["error", '"cooldown_secs" must be an integer from 0 to 18446744073709551615 (got -1)', 4, 17],
    ]);
    assert.deepEqual(messages(`${head}max_concurrent = 1.0\n`), [["error", '"max_concurrent" must be an integer (got float)', 4, 18]]);
    assert.deepEqual(messages(`${head}max_concurrent = 4294967296\n`), [
      ["error", '"max_concurrent" must be an integer from 0 to 4294967295 (got 4294967296)', 4, 18],
    ]);
    assert.deepEqual(messages(`${head}priority = "High"\n`), [
      ["error", 'unknown priority "High" (expected low, normal, high, critical)', 4, 12],
    ]);
    assert.deepEqual(messages(`${head}[triggers]\ntype = "manual"\n`), [
      ["error", '"triggers" must be an array of tables (got table)', 4, 1],
    ]);
    assert.deepEqual(messages(`${head}[[triggers]]\ntype = "mqtt"\ntopic = "t"\ncondition = 5\n`), [
      ["error", '"condition" must be a string (got integer)', 7, 13],
    ]);
  });

  test("decodeManifest() keeps cooldown_secs up to 2^64−1 and reads the queue extension", () => {
    const decoded = decode(`${head}cooldown_secs = 18446744073709551615\nqueue = 3\n`);
    assert.equal(decoded.manifest?.cooldownSecs, 18446744073709551615);
    assert.equal(decoded.manifest?.queue, 3);
  });

  test("decodeManifest() accepts TOML 1.1 syntax the reference accepts", () => {
    const decoded = decode('triggers = [{\n  type = "manual",\n}]\n[sop]\nname = "\\x41\\e"\ndescription = "d"\n');
    assert.equal(decoded.manifest?.name, "A\u001b");
  });

  test("decodeManifest() reports TOML syntax errors with line and column", () => {
    const [diagnostic] = decode('[sop]\nname = "n\n').diagnostics;
    assert.equal(diagnostic?.line, 2);
    assert.match(diagnostic?.message ?? "", /^TOML syntax error: /);
  });

  test("decodeManifest() warns about unknown keys, keeping the SOP", () => {
    const decoded = decode(`${head}descripton = "x"\n[extra]\nk = 1\n[[triggers]]\ntype = "cron"\nexpression = "@daily"\ntopic = "t"\n`);
    assert.ok(decoded.manifest !== undefined);
    assert.deepEqual(decoded.diagnostics.map((d) => [d.severity, d.message, d.line]), [
      ["warning", 'unknown key "extra" in the top-level table', 5],
      ["warning", 'unknown key "descripton" in [sop] (did you mean "description"?)', 4],
      ["warning", 'unknown key "topic" in trigger 1 (cron)', 10],
    ]);
  });

  test("decodeManifest() reads own keys only: __proto__ and constructor are plain unknown keys", () => {
    const decoded = decode('[sop]\n__proto__ = "x"\nconstructor = 1\nname = "n"\ndescription = "d"\n');
    assert.equal(decoded.manifest?.name, "n");
    assert.equal(decoded.diagnostics.length, 2);
  });

  test("decodeManifest() never throws on hostile input", () => {
    const inputs = ["", "\u0000", "\uFEFF", "[[[[", `a = ${"[".repeat(100_000)}`, `a = ${"{ b = ".repeat(10_000)}`,
      "x".repeat(1_000_000), '[sop]\nname = """\n', "\r\n\r\n", "a = 1\r\nb = 2\r\n", "🙂 = 1"];
    for (const input of inputs) {
      const decoded = decode(input);
      assert.equal(decoded.manifest, undefined, JSON.stringify(input.slice(0, 20)));
      assert.ok(decoded.diagnostics.some((d) => d.severity === "error"));
    }
  });
});
