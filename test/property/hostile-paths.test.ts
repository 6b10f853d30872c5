// Hostile input (issue #8): path tricks in SOP folders, SOP names and `sops_dir`. Nothing a request sends chooses a
// file; the SOP folder is the operator's, read as definitions.md §1.2–§1.3 say (symlinks followed, `sops_dir` as
// written), and only `<entry>/SOP.toml` and `<entry>/SOP.md` are ever read from it. A FIFO or an endless device in
// the place of a file is an error, not a stall or a memory leak.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadConfig } from "../../src/io/config.ts";
import { resolveFolder } from "../../src/io/paths.ts";
import { loadErrors, loadSops } from "../../src/io/sop-loader.ts";
import { timed } from "./property.ts";

const options = { defaultExecutionMode: "supervised" } as const;
const toml = (name: string): string => `[sop]\nname = ${JSON.stringify(name)}\ndescription = "d"\n`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "zeroclaw-paths-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function mkfifo(path: string): void {
  const made = spawnSync("mkfifo", [path]);
  assert.equal(made.status, 0, `mkfifo ${path}`);
}

describe("hostile input: paths", () => {
  test("a FIFO or /dev/zero as SOP.toml, SOP.md or config.toml is an error at once, not a stall or a leak", () => {
    const ws = workspace({ "sops/fifo/.keep": "", "sops/zero/.keep": "", "sops/md/SOP.toml": toml("md"),
      "sops/ok/SOP.toml": toml("ok") });
    mkfifo(join(ws, "sops", "fifo", "SOP.toml"));
    symlinkSync("/dev/zero", join(ws, "sops", "zero", "SOP.toml"));
    mkfifo(join(ws, "sops", "md", "SOP.md"));
    const loaded = timed("loadSops", () => loadSops(join(ws, "sops"), options));
    assert.deepEqual(loaded.sops.map((sop) => sop.name), ["ok"], "the valid SOP still loads (D1)");
    assert.deepEqual(loadErrors(loaded).map((d) => [d.file.slice(ws.length), d.message]).sort(), [
      ["/sops/fifo/SOP.toml", "cannot read file: not a regular file"],
      ["/sops/md/SOP.md", "cannot read file: not a regular file"],
      ["/sops/zero/SOP.toml", "file is too large (more than 1048576 bytes)"],
    ]);
    mkfifo(join(ws, "config.toml"));
    const config = timed("loadConfig", () => loadConfig(join(ws, "config.toml"), true));
    assert.deepEqual(config.diagnostics.map((d) => d.message), ["cannot read file: not a regular file"]);
    assert.deepEqual(loadConfig("/dev/null", true).diagnostics, [], "an empty device still reads as an empty config");
    assert.deepEqual(loadConfig(ws, true).diagnostics.map((d) => d.message), ["cannot read file: it is a directory"]);
  });

  test("a SOP name with `..` or `/` is only a name: the location is the folder, nothing is written", () => {
    const ws = workspace({ "sops/a/SOP.toml": toml("../../../etc/passwd"), "sops/b/SOP.toml": toml("/abs/x"),
      "sops/c/SOP.toml": toml("..") });
    const before = readdirSync(join(ws, "..")).length;
    const loaded = loadSops(join(ws, "sops"), options);
    assert.deepEqual(loaded.sops.map((sop) => [sop.name, sop.location.slice(ws.length)]).sort(), [
      ["..", "/sops/c"], ["../../../etc/passwd", "/sops/a"], ["/abs/x", "/sops/b"]]);
    assert.deepEqual(readdirSync(ws).sort(), ["sops"], "loading wrote nothing in the workspace");
    assert.equal(readdirSync(join(ws, "..")).length, before, "nor beside it");
  });

  test("a symlinked SOP.toml pointing at a secret is read as TOML: its error does not quote the file", () => {
    const secret = "root:x:0:0:root:/root:/bin/bash\nzc_token_0123 = hunter2\n";
    const ws = workspace({ secret, "sops/x/.keep": "" });
    symlinkSync(join(ws, "secret"), join(ws, "sops", "x", "SOP.toml"));
    const errors = loadErrors(loadSops(join(ws, "sops"), options));
    assert.equal(errors.length, 1);
    assert.doesNotMatch(JSON.stringify(errors), /root:x|hunter2|zc_token/);
  });

  test("only the direct children's SOP.toml and SOP.md are read; `sops_dir` resolves as written", () => {
    const ws = workspace({ "sops/a/SOP.toml": toml("a"), "sops/a/other.toml": "not = [toml", "outside/b/SOP.toml":
      toml("b"), "sops/a/nested/SOP.toml": toml("nested") });
    const loaded = loadSops(join(ws, "sops"), options);
    assert.deepEqual([loaded.sops.map((sop) => sop.name), loadErrors(loaded)], [["a"], []]);
    // sops_dir is the operator's setting (definitions.md §1.2): relative to the workspace, `..` kept as written.
    assert.equal(resolveFolder("../outside", join(ws, "w"), "sops", "/home/u"), `${ws}/w/../outside`);
    assert.equal(resolveFolder("/srv/sops", ws, "sops", "/home/u"), "/srv/sops");
    assert.equal(resolveFolder("~/sops", ws, "sops", "/home/u"), "/home/u/sops");
    assert.deepEqual(loadSops(resolveFolder("../outside", join(ws, "w"), "sops", undefined), options).sops
      .map((sop) => sop.name), [], "w/ does not exist, so w/../outside does not resolve");
  });
});
