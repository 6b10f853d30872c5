import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { booleanArg, fail, requiredString, stringArg, succeed, ToolError } from "../../../src/actors/tools/tool.ts";

describe("ToolError", () => {
  test("ToolError is an Error named ToolError that carries the text as its message", () => {
    const error = new ToolError("Missing 'name' parameter");
    assert.ok(error instanceof Error);
    assert.equal(error.name, "ToolError");
    assert.equal(error.message, "Missing 'name' parameter");
  });
});

describe("succeed() and fail()", () => {
  test("succeed() has a null error and fail() an empty output", () => {
    assert.deepEqual(succeed("x"), { success: true, output: "x", error: null });
    assert.deepEqual(fail("e"), { success: false, output: "", error: "e" });
  });
});

describe("stringArg()", () => {
  test("stringArg() takes a string field, empty strings included", () => {
    assert.equal(stringArg({ name: "deploy" }, "name"), "deploy");
    assert.equal(stringArg({ name: "" }, "name"), "");
  });

  test("stringArg() counts every other JSON type as absent", () => {
    for (const value of [1, 0, true, false, null, {}, [], ["x"], { name: "x" }]) {
      assert.equal(stringArg({ name: value }, "name"), undefined, JSON.stringify(value));
    }
    assert.equal(stringArg({}, "name"), undefined);
  });

  test("stringArg() reads non-object arguments as {}", () => {
    for (const args of [undefined, null, "name", 7, true, ["name"], [{ name: "x" }]]) {
      assert.equal(stringArg(args, "name"), undefined, JSON.stringify(args));
    }
  });

  test("stringArg() ignores inherited fields", () => {
    assert.equal(stringArg(Object.create({ name: "inherited" }), "name"), undefined);
    assert.equal(stringArg({}, "toString"), undefined);
  });
});

describe("booleanArg()", () => {
  test("booleanArg() takes true and false and nothing else", () => {
    assert.equal(booleanArg({ flag: true }, "flag"), true);
    assert.equal(booleanArg({ flag: false }, "flag"), false);
    for (const value of ["true", 1, 0, null, {}, []]) {
      assert.equal(booleanArg({ flag: value }, "flag"), undefined, JSON.stringify(value));
    }
    assert.equal(booleanArg(null, "flag"), undefined);
  });
});

describe("requiredString()", () => {
  test("requiredString() throws a ToolError `Missing '{key}' parameter` for an absent or mistyped field", () => {
    assert.equal(requiredString({ run_id: "r" }, "run_id"), "r");
    for (const args of [{}, { run_id: 5 }, null, "r"]) {
      assert.throws(() => requiredString(args, "run_id"), new ToolError("Missing 'run_id' parameter"));
    }
  });
});
