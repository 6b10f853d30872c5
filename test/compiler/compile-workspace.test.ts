import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SopSource } from "../../src/compiler/compile-sop.ts";
import { compileWorkspace } from "../../src/compiler/compile-workspace.ts";

const options = { defaultExecutionMode: "supervised" } as const;
function source(folder: string, toml: string, markdown?: string): SopSource {
  return { folder, tomlFile: `${folder}/SOP.toml`, toml, markdownFile: `${folder}/SOP.md`, ...(markdown === undefined ? {} : { markdown }) };
}
const named = (name: string): string => `[sop]\nname = "${name}"\ndescription = "d"\n`;

describe("compileWorkspace()", () => {
  test("compileWorkspace() sorts SOPs by code point, uppercase first, astral after U+FFFF-range BMP", () => {
    const sources = ["b", "B", "a", "\u{1F600}", "\uFF5E"].map((n, i) => source(`f${i}`, named(n)));
    assert.deepEqual(compileWorkspace(sources, options).sops.map((s) => s.name), ["B", "a", "b", "\uFF5E", "\u{1F600}"]);
  });

  test("compileWorkspace() keeps the first folder of a duplicate name and reports the later ones", () => {
    const result = compileWorkspace([source("s/b", named("dup")), source("s/a", named("dup"))], options);
    assert.deepEqual(result.sops.map((s) => s.location), ["s/a"]);
    const later = result.folders.find((f) => f.folder === "s/b");
    assert.equal(later?.sop, undefined);
    assert.equal(later?.name, "dup");
    assert.equal(later?.diagnostics[0]?.message, 'duplicate SOP name "dup" (also in s/a)');
    assert.equal(later?.diagnostics[0]?.severity, "error");
  });

  test("compileWorkspace() passes folders that could not be read through unchanged", () => {
    const unreadable = { folder: "s/x", diagnostics: [{ severity: "error" as const, file: "s/x/SOP.toml", message: "m" }] };
    const result = compileWorkspace([unreadable, source("s/y", named("y"))], options);
    assert.deepEqual(result.folders[0], unreadable);
    assert.deepEqual(result.sops.map((s) => s.name), ["y"]);
  });

  test("compileWorkspace() attaches validation findings to loaded SOPs, reference warnings first", () => {
    const result = compileWorkspace([source("s/z", '[sop]\nname = "z"\ndescription = ""\nmax_concurrent = 0\n' +
      '[[triggers]]\ntype = "cron"\nexpression = "61 * * * *"\n')], options);
    const [folder] = result.folders;
    assert.ok(folder?.sop !== undefined);
    assert.deepEqual(folder.diagnostics.map((d) => [d.severity, d.message.split(":")[0]]), [
      ["warning", "SOP description is empty"],
      ["warning", "SOP has no steps (missing or empty SOP.md)"],
      ["error", "trigger 1"],
      ["warning", "max_concurrent is 0"],
    ]);
  });
});
