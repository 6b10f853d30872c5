// Restarts over the real state database at every kind of point (issue #4): a run waiting at a gate, a run between
// steps, queued starts, right after a finish, a deadline that passed while the daemon was down, and a process killed
// with SIGKILL after its changes were acknowledged. What a caller was told is what the restarted engine holds.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { checkApprovalTimeouts } from "../../../src/actors/approval-timeouts.ts";
import { manualClock, type ManualClock } from "../../../src/actors/clock.ts";
import { createDispatcher } from "../../../src/actors/dispatcher.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig, type Action, type EngineConfig } from "../../../src/actors/engine-types.ts";
import type { Sop } from "../../../src/compiler/sop.ts";
import type { StateStore } from "../../../src/io/store/state-store.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop, manual, result, start } from "../../actors/engine-fixture.ts";

const root = mkdtempSync(join(tmpdir(), "zeroclaw-restart-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** A daemon's engine over a state folder, and a restart that closes it and opens a new one over the same folder. */
class Daemon {
  readonly stateDir = join(root, `state-${(folders += 1)}`);
  readonly clock: ManualClock = manualClock(start);
  store: StateStore = openStateStore(this.stateDir);
  engine: Engine;

  constructor(readonly sops: Sop[], readonly config: Partial<EngineConfig> = {}) {
    this.engine = this.#open();
  }

  /** Stops (after the last batch is durable) and starts again; `sops` may change, as after an edit. */
  async restart(sops: Sop[] = this.sops): Promise<Engine> {
    await this.store.durable();
    this.store.close();
    this.store = openStateStore(this.stateDir);
    return (this.engine = this.#open(sops));
  }

  #open(sops: Sop[] = this.sops): Engine {
    return new Engine({ sops, config: { ...defaultEngineConfig, ...this.config }, clock: this.clock,
      store: this.store });
  }
}

function runId(outcome: { ok: boolean; value?: Action }): string {
  assert.ok(outcome.ok && outcome.value !== undefined);
  return outcome.value.runId;
}

describe("restart over the state database", () => {
  test("a run waiting at a gate keeps its wait, deadline and slot, and is approved after the restart", async () => {
    const daemon = new Daemon([makeSop("a", { executionMode: "supervised" })], { approvalTimeoutSecs: 60 });
    const id = runId(daemon.engine.startRun("a", manual));
    const before = daemon.engine.run(id);
    const engine = await daemon.restart();
    assert.deepEqual(engine.run(id), before);
    assert.equal(engine.run(id)?.deadlineAt, start + 60_000);
    assert.equal(engine.startRun("a", manual).ok, false, "the waiting run still holds the only slot");
    assert.equal(engine.approve(id).ok, true);
    daemon.store.close();
  });

  test("a run between steps keeps its step results and goes on from its current step", async () => {
    const daemon = new Daemon([makeSop("a", {}, 3)]);
    const id = runId(daemon.engine.startRun("a", manual));
    assert.equal(daemon.engine.advance(id, result(1, "completed", "first")).ok, true);
    const engine = await daemon.restart();
    assert.equal(engine.run(id)?.run.current_step, 2);
    assert.deepEqual(engine.run(id)?.run.step_results.map((r) => r.output), ["first"]);
    assert.equal(engine.advance(id, result(2)).ok, true);
    assert.deepEqual(engine.advance(id, result(3)), { ok: true, value: { kind: "completed", runId: id, sopName: "a" } });
    daemon.store.close();
  });

  test("queued starts come back in order and are admitted by priority when the slot frees", async () => {
    const sops = [makeSop("low", { queue: 5, priority: "low" }), makeSop("high", { queue: 5, priority: "high" })];
    const daemon = new Daemon(sops, { maxConcurrentTotal: 1 });
    const dispatcher = createDispatcher(daemon.engine);
    const first = runId(daemon.engine.startRun("low", manual));
    for (let i = 0; i < 3; i++) {
      const results = dispatcher.dispatch({ source: "manual", topic: null, payload: null });
      assert.deepEqual(results.map((r) => r.kind), ["queued", "queued"]); // both SOPs have a manual trigger
    }
    const queuedBefore = daemon.engine.queued();
    const engine = await daemon.restart();
    assert.deepEqual(engine.queued(), queuedBefore);
    engine.advance(first, result(1));
    engine.advance(first, result(2));
    assert.deepEqual(engine.activeRuns().map((stored) => stored.run.sop_name), ["high"]);
    daemon.store.close();
  });

  test("right after a finish: the finished run, its cooldown and the run counter survive", async () => {
    const daemon = new Daemon([makeSop("c", { cooldownSecs: 30 }, 1)]);
    const id = runId(daemon.engine.startRun("c", manual));
    assert.equal(daemon.engine.advance(id, result(1)).ok, true);
    daemon.clock.advance(10_000);
    const engine = await daemon.restart();
    assert.equal(engine.run(id)?.run.status, "completed");
    assert.equal(engine.startRun("c", manual).ok, false, "20 s of cooldown are left");
    daemon.clock.advance(20_000);
    const next = runId(engine.startRun("c", manual));
    assert.match(next, /-0002$/, "run ids continue after the restart (D15)");
    daemon.store.close();
  });

  test("a deadline that passed while the daemon was down fires at the first check after the restart", async () => {
    const daemon = new Daemon([makeSop("urgent", { executionMode: "supervised", priority: "critical" })],
      { approvalTimeoutSecs: 60, approvalTimeoutAction: "auto_approve" });
    const id = runId(daemon.engine.startRun("urgent", manual));
    await daemon.store.durable();
    daemon.store.close();
    daemon.clock.advance(3_600_000); // down for an hour
    daemon.store = openStateStore(daemon.stateDir);
    const engine = new Engine({ sops: daemon.sops, clock: daemon.clock, store: daemon.store,
      config: { ...defaultEngineConfig, approvalTimeoutSecs: 60 } });
    assert.deepEqual(checkApprovalTimeouts(engine).map((outcome) => [outcome.kind, outcome.runId]),
      [["auto_approved", id]]);
    assert.equal(engine.run(id)?.run.status, "running");
    await daemon.restart();
    assert.equal(daemon.engine.run(id)?.run.status, "running", "the auto-approval itself was committed");
    daemon.store.close();
  });

  test("a process killed with SIGKILL loses nothing it acknowledged", async () => {
    const stateDir = join(root, "killed");
    const child = spawn(process.execPath, [...runnerArgs(), join(import.meta.dirname, "acknowledging-daemon.ts"),
      stateDir], { stdio: ["ignore", "pipe", "inherit"] });
    const acknowledged = await new Promise<string[]>((resolve) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const lines = output.split("\n").filter((line) => line.startsWith("acked "));
        if (lines.length >= 50) {
          child.kill("SIGKILL");
          resolve(lines.map((line) => line.slice("acked ".length)));
        }
      });
    });
    await new Promise((resolve) => child.once("exit", resolve));
    const store = openStateStore(stateDir);
    const engine = new Engine({ sops: [makeSop("a", { executionMode: "supervised", maxConcurrent: 1_000_000 })],
      config: { ...defaultEngineConfig, maxConcurrentTotal: 1_000_000 }, clock: manualClock(start), store });
    const held = new Set(engine.activeRuns().map((stored) => stored.run.run_id));
    assert.deepEqual(acknowledged.filter((id) => !held.has(id)), [], "every acknowledged run is in the database");
    store.close();
  });
});

/** How to run a TypeScript file with the runtime running this test (bun, or deno with permissions). */
function runnerArgs(): string[] {
  return "Deno" in globalThis ? ["run", "--allow-all"] : [];
}
