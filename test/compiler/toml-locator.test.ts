import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { locateToml } from "../../src/compiler/toml-locator.ts";

describe("locateToml()", () => {
  const text = '# c\n[sop]\nname = "x"\n  "quoted.key" = 1\n\n[[triggers]]\ntype = "a"\n[[triggers]]\ntype = "b" # t\n' +
    'multi = """\nfake = 1\n"""\nafter = 2\n[a.b]\nc.d = 3\n';
  const locator = locateToml(text);

  test("locateToml() finds values of keys in tables and array-of-tables entries", () => {
    assert.deepEqual(locator.value(["sop", "name"]), { line: 3, column: 8 });
    assert.deepEqual(locator.value(["triggers", 0, "type"]), { line: 7, column: 8 });
    assert.deepEqual(locator.value(["triggers", 1, "type"]), { line: 9, column: 8 });
    assert.deepEqual(locator.key(["sop", "quoted.key"]), { line: 4, column: 3 });
    assert.deepEqual(locator.value(["a", "b", "c", "d"]), { line: 15, column: 7 });
  });

  test("locateToml() skips multi-line strings and falls back to the nearest written table", () => {
    assert.deepEqual(locator.value(["triggers", 1, "fake"]), { line: 8, column: 1 });
    assert.deepEqual(locator.value(["triggers", 1, "after"]), { line: 13, column: 9 });
    assert.deepEqual(locator.value(["triggers", 1, "missing"]), { line: 8, column: 1 });
    assert.equal(locator.value(["nowhere"]), undefined);
  });

  test("locateToml() never throws on garbage", () => {
    for (const garbage of ["[", "[[", "=", '"', "'''", "a.b.c", "\u0000", "[x\n".repeat(10_000)]) {
      assert.doesNotThrow(() => locateToml(garbage).value(["x", 0, "y"]));
    }
  });
});
