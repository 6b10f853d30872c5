// The compiled binary, copied alone into an empty folder, run with an empty environment: no node, no bun, no
// node_modules reachable (issue #2). `npm test` builds dist/zeroclaw first; a bare `bun test` builds it here.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";

const root = join(import.meta.dirname, "..", "..");
const built = join(root, "dist", "zeroclaw");

let binary = "";

function run(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  // env -i style: no PATH, no HOME, so nothing but the binary itself can be found.
  const result = spawnSync(binary, args, { cwd, env: {}, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("dist/zeroclaw", () => {
  let dir = "";
  before(() => {
    if (!existsSync(built)) {
      const build = spawnSync(process.execPath, ["build.ts"], { cwd: root, encoding: "utf8" });
      assert.equal(build.status, 0, build.stderr);
    }
    dir = mkdtempSync(join(tmpdir(), "zeroclaw-bin-"));
    binary = join(dir, "zeroclaw");
    copyFileSync(built, binary);
    cpSync(join(root, "sops"), join(dir, "sops"), { recursive: true });
  });

  test("the binary validates the example SOPs alone in an empty folder with an empty environment", () => {
    const result = run(dir, ["sop", "validate", "--workspace", "."]);
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, "  ✓ daily-summary — valid\n  ✓ deploy-prod — valid\n  ✓ high-temp-alert — valid\n\n");
    assert.equal(result.code, 0);
  });

  test("the binary reports errors as GitHub annotations and exits 1", () => {
    const ws = mkdtempSync(join(dir, "ws-"));
    cpSync(join(root, "test", "fixtures", "workspaces", "worked-example"), ws, { recursive: true });
    const bad = join(ws, "sops", "bad");
    cpSync(join(ws, "sops", "test-sop"), bad, { recursive: true });
    writeFileSync(join(bad, "SOP.toml"), '[sop]\nname = "bad"\ndescription = "d"\n\n[[triggers]]\ntype = "email"\n');
    const result = run(ws, ["sop", "validate", "--workspace", ".", "--format", "github"]);
    assert.equal(
      result.stdout,
      '::error file=sops/bad/SOP.toml,line=6,col=8::unknown trigger type "email" (expected manual, webhook, mqtt, cron, peripheral)\n',
    );
    assert.equal(result.stderr, "Error: Validation failed with errors\n");
    assert.equal(result.code, 1);
  });

  test("the binary answers --version and usage errors with exit 2", () => {
    assert.match(run(dir, ["--version"]).stdout, /^zeroclaw \d+\.\d+\.\d+\n$/);
    assert.equal(run(dir, ["sop", "bogus"]).code, 2);
  });
});
