import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createActor, createMachine } from "xstate";
import { zeroclaw } from "./zeroclaw.ts";

const examples = join(import.meta.dirname, "..", "..");

describe("zeroclaw sop graph", () => {
  test("sop graph prints xstate JSON that createMachine() runs, for every example SOP", async () => {
    for (const name of ["deploy-prod", "high-temp-alert", "daily-summary"]) {
      const result = await zeroclaw(["sop", "graph", name, "--workspace", examples]);
      assert.equal(result.code, 0);
      const actor = createActor(createMachine(JSON.parse(result.stdout))).start();
      assert.equal(actor.getSnapshot().status, "active", name);
    }
  });

  test("sop graph --format mermaid and dot draw the same machine", async () => {
    const mermaid = await zeroclaw(["sop", "graph", "deploy-prod", "--format", "mermaid", "--workspace", examples]);
    assert.match(mermaid.stdout, /step_1_approval --> step_1: run\.approved/);
    const dot = await zeroclaw(["sop", "graph", "deploy-prod", "--format=dot", "--workspace", examples]);
    assert.match(dot.stdout, /^digraph "deploy-prod" \{/);
  });

  test("sop graph rejects an unknown format and an unknown SOP", async () => {
    assert.equal((await zeroclaw(["sop", "graph", "deploy-prod", "--format", "png", "--workspace", examples])).code, 2);
    const missing = await zeroclaw(["sop", "graph", "nope", "--workspace", examples]);
    assert.equal(missing.stderr, "Error: SOP not found: nope\n");
    assert.equal(missing.code, 1);
  });
});
