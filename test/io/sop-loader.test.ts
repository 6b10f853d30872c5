import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadErrors, loadSops } from "../../src/io/sop-loader.ts";
import { maxTextFileBytes } from "../../src/io/text-file.ts";
import { makeWorkspace } from "../cli/zeroclaw.ts";

const options = { defaultExecutionMode: "supervised" } as const;
const toml = (name: string): string => `[sop]\nname = "${name}"\ndescription = "d"\n`;

describe("loadSops()", () => {
  test("loadSops() of a missing folder is empty and silent; of a file it is one error", () => {
    const ws = makeWorkspace({ "file": "x" });
    const missing = loadSops(join(ws, "nope"), options);
    assert.deepEqual([missing.sops, missing.folders, missing.directoryErrors], [[], [], []]);
    const file = loadSops(join(ws, "file"), options);
    assert.equal(file.sops.length, 0);
    assert.match(loadErrors(file)[0]?.message ?? "", /^cannot list SOP directory: /);
  });

  test("loadSops() scans direct children only, matches SOP.toml case-sensitively, and skips plain files", () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": toml("a"),
      "sops/group/b/SOP.toml": toml("b"),
      "sops/c/sop.toml": toml("c"),
      "sops/SOP.toml": toml("top"),
    });
    assert.deepEqual(loadSops(join(ws, "sops"), options).sops.map((s) => s.name), ["a"]);
  });

  test("loadSops() follows symlinks to folders and ignores broken ones", () => {
    const ws = makeWorkspace({ "elsewhere/x/SOP.toml": toml("linked"), "sops/.keep": "" });
    symlinkSync(join(ws, "elsewhere", "x"), join(ws, "sops", "link"));
    symlinkSync(join(ws, "missing"), join(ws, "sops", "broken"));
    mkdirSync(join(ws, "sops", "dangling"));
    symlinkSync(join(ws, "missing.toml"), join(ws, "sops", "dangling", "SOP.toml"));
    const loaded = loadSops(join(ws, "sops"), options);
    assert.deepEqual(loaded.sops.map((s) => [s.name, s.location]), [["linked", `${ws}/sops/link`]]);
    assert.deepEqual(loadErrors(loaded), []);
  });

  test("loadSops() takes the name from [sop] name, never from the folder", () => {
    const ws = makeWorkspace({ "sops/folder/SOP.toml": toml("real-name") });
    assert.equal(loadSops(join(ws, "sops"), options).sops[0]?.name, "real-name");
  });

  test("loadSops() fails the whole SOP when SOP.md is not valid UTF-8", () => {
    const ws = makeWorkspace({ "sops/a/SOP.toml": toml("a"), "sops/a/SOP.md": new Uint8Array([0x23, 0xff, 0xfe, 0x0a]) });
    const loaded = loadSops(join(ws, "sops"), options);
    assert.deepEqual(loaded.sops, []);
    assert.deepEqual(loadErrors(loaded).map((d) => [d.file, d.message]), [[`${ws}/sops/a/SOP.md`, "file is not valid UTF-8"]]);
  });

  test("loadSops() reports invalid UTF-8 and oversized SOP.toml files as errors", () => {
    const ws = makeWorkspace({
      "sops/bin/SOP.toml": new Uint8Array([0x5b, 0x73, 0xc3, 0x28, 0x5d]),
      "sops/big/SOP.toml": `# ${"x".repeat(maxTextFileBytes)}\n`,
    });
    const messages = loadErrors(loadSops(join(ws, "sops"), options)).map((d) => d.message);
    assert.deepEqual(messages, [`file is too large (more than ${maxTextFileBytes} bytes)`, "file is not valid UTF-8"]);
  });

  test("loadSops() accepts a BOM and CRLF line endings in both files", () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": `\uFEFF${toml("a").replace(/\n/g, "\r\n")}`,
      "sops/a/SOP.md": "\uFEFF## Steps\r\n\r\n1. **One** — first\r\n   - tools: shell\r\n",
    });
    const [sop] = loadSops(join(ws, "sops"), options).sops;
    assert.deepEqual(sop?.steps, [
      { number: 1, title: "One", body: "first", suggestedTools: ["shell"], requiresConfirmation: false },
    ]);
  });

  test("loadSops() never throws on hostile files", () => {
    const files: Record<string, string | Uint8Array> = {
      "sops/empty/SOP.toml": "",
      "sops/nul/SOP.toml": "\u0000\u0000",
      "sops/binary/SOP.toml": new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      "sops/deep/SOP.toml": `x = ${"[".repeat(50_000)}`,
      "sops/deepmd/SOP.toml": toml("deepmd"),
      "sops/deepmd/SOP.md": `## Steps\n\n${"> ".repeat(20_000)}1. x\n`,
      "sops/proto/SOP.toml": '__proto__ = 1\n[sop]\nname = "proto"\ndescription = "d"\nconstructor = 2\n',
    };
    const ws = makeWorkspace(files);
    writeFileSync(join(ws, "sops", "empty", "SOP.md"), "");
    const loaded = loadSops(join(ws, "sops"), options);
    assert.deepEqual(loaded.sops.map((s) => s.name), ["deepmd", "proto"]);
    assert.equal(loadErrors(loaded).length, 4);
  });
});
