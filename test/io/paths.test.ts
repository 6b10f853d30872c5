import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resolveFolder, resolveLocations } from "../../src/io/paths.ts";

describe("resolveLocations()", () => {
  test("resolveLocations() prefers the flag, then the environment, then ~/.zeroclaw", () => {
    const env = { HOME: "/home/u", ZEROCLAW_WORKSPACE: "/env/ws", ZEROCLAW_CONFIG: "/env/c.toml" };
    assert.deepEqual(resolveLocations({ workspaceFlag: "/flag/ws", env }), {
      configFile: "/env/c.toml", configExplicit: true, workspace: "/flag/ws",
    });
    assert.deepEqual(resolveLocations({ env: { HOME: "/home/u" } }), {
      configFile: "/home/u/.zeroclaw/config.toml", configExplicit: false, workspace: "/home/u/.zeroclaw/workspace",
    });
  });
});

describe("resolveFolder()", () => {
  const home = "/home/u";
  test("resolveFolder() defaults to <workspace>/sops for an absent or empty value", () => {
    assert.equal(resolveFolder(undefined, "/ws", "sops", home), "/ws/sops");
    assert.equal(resolveFolder("", "/ws", "sops", home), "/ws/sops");
  });
  test("resolveFolder() expands only a leading ~ and ~/", () => {
    assert.equal(resolveFolder("~", "/ws", "sops", home), "/home/u");
    assert.equal(resolveFolder("~/x", "/ws", "sops", home), "/home/u/x");
    assert.equal(resolveFolder("~user/x", "/ws", "sops", home), "/ws/~user/x");
    assert.equal(resolveFolder("$HOME/x", "/ws", "sops", home), "/ws/$HOME/x");
    assert.equal(resolveFolder("~/x", "/ws", "sops", undefined), "/ws/~/x");
  });
  test("resolveFolder() resolves a relative value against the workspace, joined as text", () => {
    assert.equal(resolveFolder("procedures", "/ws", "sops", home), "/ws/procedures");
    assert.equal(resolveFolder("./a/../b", "/ws/", "sops", home), "/ws/./a/../b");
    assert.equal(resolveFolder(" ", "/ws", "sops", home), "/ws/ ");
    assert.equal(resolveFolder("/abs", "/ws", "sops", home), "/abs");
  });
});
