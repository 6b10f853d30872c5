import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runId, sop, step } from "../actors/tools/tool-fixture.ts";
import { startDaemon, type TestDaemon } from "./daemon-fixture.ts";
import { zeroclaw } from "./zeroclaw.ts";

const deploy = sop("deploy", { executionMode: "supervised", steps: [step(1), step(2), step(3)] });
const backup = sop("backup"); // auto: never waits

/** Runs `fn` against a fresh stand-in daemon and closes it afterwards. */
async function withDaemon(fn: (daemon: TestDaemon) => Promise<void>): Promise<void> {
  const daemon = await startDaemon([deploy, backup]);
  try {
    await fn(daemon);
  } finally {
    await daemon.close();
  }
}

/** `zeroclaw ...argv --url {daemon}`. */
function cli(daemon: TestDaemon, ...argv: string[]) {
  return zeroclaw([...argv, "--url", daemon.url]);
}

describe("zeroclaw run commands", () => {
  test("execute → pending → approve → advance ×3 walks a supervised run to completed", () =>
    withDaemon(async (daemon) => {
      const id = runId(1);
      const started = await cli(daemon, "sop", "execute", "deploy", "--payload", '{"v": 1}');
      assert.equal(started.code, 0, started.stderr);
      assert.match(started.stdout, new RegExp(`^SOP run started: ${id} \\(waiting for approval\\)\n\n\\[SOP: deploy`));
      assert.match(started.stdout, /\nPayload: \{"v": 1\}\n/);
      assert.equal(started.stderr, "");

      const pending = await cli(daemon, "sop", "pending");
      assert.equal(pending.code, 0);
      assert.equal(pending.stdout, `${id}\tdeploy\tstep 1/3\twaiting since 2026-02-19T12:00:00Z\n`);

      const approved = await cli(daemon, "sop", "approve", id);
      assert.equal(approved.code, 0, approved.stderr);
      assert.match(approved.stdout, new RegExp(`^Approved\\. Proceeding with run ${id}\\.\n\n\\[SOP: deploy`));
      assert.equal((await cli(daemon, "sop", "pending")).stdout, "");

      const first = await cli(daemon, "sop", "advance", id, "--status", "completed", "--output", "one done");
      assert.match(first.stdout, new RegExp(`^Step recorded\\. Next step for run ${id}:\n\n`));
      assert.match(first.stdout, /Previous: Step 1 completed — one done\n/);
      assert.equal((await cli(daemon, "sop", "advance", id, "--status=skipped", "--output=")).code, 0);
      const last = await cli(daemon, "sop", "advance", id, "--status", "completed", "--output", "three done");
      assert.deepEqual(last, { code: 0, stdout: `SOP 'deploy' run ${id} completed successfully.\n`, stderr: "" });

      const status = await cli(daemon, "sop", "status", id);
      assert.equal(status.code, 0);
      assert.equal(status.stdout, daemon.harness.call("sop_status", { run_id: id }).output);
      assert.match(status.stdout, /^Run: .*\nSOP: deploy\nStatus: completed\nStep: 3 of 3\n/);
      assert.match(status.stdout, /\n {2}Step 2: skipped — \n {2}Step 3: completed — three done\n$/);
    }));

  test("each command sends its tool the arguments of engine.md §9", () =>
    withDaemon(async (daemon) => {
      await cli(daemon, "sop", "execute", "backup");
      await cli(daemon, "sop", "execute", "deploy", "--payload", "p");
      await cli(daemon, "sop", "status", "--sop", "deploy", "--metrics");
      await cli(daemon, "sop", "status", "r1");
      await cli(daemon, "sop", "approve", "r1");
      await cli(daemon, "sop", "advance", "r1", "--status", "failed", "--output", "x");
      await cli(daemon, "sop", "cancel", "r1");
      assert.deepEqual(daemon.requests.map((r) => [r.method, r.path, r.body]), [
        ["POST", "/api/tools/sop_execute", '{"name":"backup"}'],
        ["POST", "/api/tools/sop_execute", '{"name":"deploy","payload":"p"}'],
        ["POST", "/api/tools/sop_status", '{"sop_name":"deploy","include_metrics":true}'],
        ["POST", "/api/tools/sop_status", '{"run_id":"r1"}'],
        ["POST", "/api/tools/sop_approve", '{"run_id":"r1"}'],
        ["POST", "/api/tools/sop_advance", '{"run_id":"r1","status":"failed","output":"x"}'],
        ["POST", "/api/tools/sop_cancel", '{"run_id":"r1"}'],
      ]);
    }));

  test("status lists runs, filters by SOP and adds metrics as the tool does", () =>
    withDaemon(async (daemon) => {
      assert.deepEqual(await cli(daemon, "sop", "status"), { code: 0, stdout: "No active runs.\n", stderr: "" });
      await cli(daemon, "sop", "execute", "deploy");
      await cli(daemon, "sop", "execute", "backup");
      const all = await cli(daemon, "sop", "status");
      assert.equal(all.stdout, daemon.harness.call("sop_status", {}).output);
      assert.match(all.stdout, /^Active runs \(2\):\n/);
      const one = await cli(daemon, "sop", "status", "--sop", "backup", "--metrics");
      assert.equal(one.stdout, daemon.harness.call("sop_status", { sop_name: "backup", include_metrics: true }).output);
      assert.match(one.stdout, /^Active runs \(1\):\n.*backup.*\n\nMetrics \(sop\.backup\):\n/);
    }));

  test("status of an unknown run is the tool's text, exit 0, with a newline added", () =>
    withDaemon(async (daemon) => {
      const result = await cli(daemon, "sop", "status", "run-0-0001");
      assert.deepEqual(result, { code: 0, stdout: "No run found with ID 'run-0-0001'.\n", stderr: "" });
    }));

  test("status --json prints the run JSON with machine_state; without RUN_ID an array, filtered by --sop", () =>
    withDaemon(async (daemon) => {
      await cli(daemon, "sop", "execute", "deploy");
      await cli(daemon, "sop", "execute", "backup");
      const one = await cli(daemon, "sop", "status", runId(1), "--json");
      assert.equal(one.code, 0, one.stderr);
      const run = JSON.parse(one.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(run), [
        "run_id", "sop_name", "trigger_event", "status", "current_step", "total_steps", "started_at", "completed_at",
        "step_results", "waiting_since", "machine_state", "escalated_at",
      ]);
      assert.equal(run["status"], "waiting_approval");
      assert.equal(run["machine_state"], "step_1_approval");
      assert.equal(one.stdout, `${JSON.stringify(run, null, 2)}\n`);
      const all = JSON.parse((await cli(daemon, "sop", "status", "--json")).stdout) as { run_id: string }[];
      assert.deepEqual(all.map((r) => r.run_id), [runId(1), runId(2)]);
      const filtered = JSON.parse((await cli(daemon, "sop", "status", "--json", "--sop", "backup")).stdout) as
        { sop_name: string }[];
      assert.deepEqual(filtered.map((r) => r.sop_name), ["backup"]);
      assert.equal(daemon.requests.at(-1)?.path, "/api/runs?sop=backup");
    }));

  test("status --json of an unknown run fails with the daemon's not-found text; --metrics with --json is a usage error",
    () =>
      withDaemon(async (daemon) => {
        const missing = await cli(daemon, "sop", "status", "run-0-0001", "--json");
        assert.deepEqual(missing, { code: 1, stdout: "", stderr: "Error: Run not found: run-0-0001\n" });
        const both = await cli(daemon, "sop", "status", "--json", "--metrics");
        assert.equal(both.code, 2);
        assert.match(both.stderr, /^Error: --metrics cannot be combined with --json\n\nUsage: zeroclaw sop status/);
      }));

  test("execute of an unknown SOP prints the tool's error, exit 1", () =>
    withDaemon(async (daemon) => {
      const result = await cli(daemon, "sop", "execute", "nope");
      assert.deepEqual(result, { code: 1, stdout: "", stderr: "Error: Failed to start SOP: SOP not found: nope\n" });
    }));

  test("approve, advance and cancel of an unknown run fail with the tools' texts, exit 1", () =>
    withDaemon(async (daemon) => {
      const approve = await cli(daemon, "sop", "approve", "run-0-0001");
      assert.deepEqual(approve,
        { code: 1, stdout: "", stderr: "Error: Approval failed: Active run not found: run-0-0001\n" });
      // sop_advance throws for a run it cannot find: the daemon answers 400 {"error"} (engine.md §9.4 step 5).
      const advance = await cli(daemon, "sop", "advance", "run-0-0001", "--status", "completed", "--output", "x");
      assert.deepEqual(advance, { code: 1, stdout: "", stderr: "Error: Run not found: run-0-0001\n" });
      const cancel = await cli(daemon, "sop", "cancel", "run-0-0001");
      assert.deepEqual(cancel,
        { code: 1, stdout: "", stderr: "Error: Cancel failed: Active run not found: run-0-0001\n" });
    }));

  test("approving a running run and advancing a waiting one are refused by the engine, exit 1", () =>
    withDaemon(async (daemon) => {
      await cli(daemon, "sop", "execute", "backup");
      await cli(daemon, "sop", "execute", "deploy");
      const [running, waiting] = [runId(1), runId(2)];
      const approve = await cli(daemon, "sop", "approve", running);
      assert.equal(approve.code, 1);
      assert.equal(approve.stderr,
        `Error: Approval failed: Run ${running} is not waiting for approval (status: running)\n`);
      const advance = await cli(daemon, "sop", "advance", waiting, "--status", "completed", "--output", "x");
      assert.equal(advance.code, 1);
      assert.equal(advance.stderr, `Error: Failed to advance step: Run ${waiting} is waiting for approval (step 1)\n`);
    }));

  test("cancel ends a waiting run; a second cancel fails", () =>
    withDaemon(async (daemon) => {
      await cli(daemon, "sop", "execute", "deploy");
      const cancelled = await cli(daemon, "sop", "cancel", runId(1));
      assert.deepEqual(cancelled, { code: 0, stdout: `SOP run ${runId(1)} cancelled.\n`, stderr: "" });
      assert.equal((await cli(daemon, "sop", "pending")).stdout, "");
      assert.equal((await cli(daemon, "sop", "cancel", runId(1))).code, 1);
    }));

  test("advancing a run with failed ends it failed, still exit 0 (the tool succeeded)", () =>
    withDaemon(async (daemon) => {
      await cli(daemon, "sop", "execute", "backup");
      const result = await cli(daemon, "sop", "advance", runId(1), "--status", "failed", "--output", "disk full");
      assert.deepEqual(result, {
        code: 0, stdout: `SOP 'backup' run ${runId(1)} failed: Step 1 failed: disk full\n`, stderr: "",
      });
    }));

  test("pending lists waiting runs in start order and marks escalated waits", async () => {
    const daemon = await startDaemon([deploy, sop("other", { executionMode: "step_by_step" })],
      { config: { approvalTimeoutSecs: 60, approvalTimeoutAction: "wait" } });
    try {
      await cli(daemon, "sop", "execute", "deploy");
      daemon.harness.clock.advance(61_000);
      daemon.harness.engine.escalate(runId(1));
      await cli(daemon, "sop", "execute", "other");
      const result = await cli(daemon, "sop", "pending");
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout,
        `${runId(1)}\tdeploy\tstep 1/3\twaiting since 2026-02-19T12:00:00Z\tescalated 2026-02-19T12:01:01Z\n` +
          `${runId(2, Date.UTC(2026, 1, 19, 12, 1, 1))}\tother\tstep 1/2\twaiting since 2026-02-19T12:01:01Z\n`);
      assert.equal(daemon.requests.at(-1)?.path, "/api/runs?status=waiting_approval");
    } finally {
      await daemon.close();
    }
  });

  test("missing RUN_ID, NAME, --status or --output and a bad --status are usage errors, exit 2, nothing sent", () =>
    withDaemon(async (daemon) => {
      for (const argv of [
        ["sop", "execute"],
        ["sop", "approve"],
        ["sop", "cancel"],
        ["sop", "advance"],
        ["sop", "advance", "r1", "--output", "x"],
        ["sop", "advance", "r1", "--status", "completed"],
        ["sop", "advance", "r1", "--status", "Completed", "--output", "x"],
        ["sop", "status", "r1", "r2"],
        ["sop", "pending", "extra"],
        ["sop", "approve", "r1", "--bogus"],
      ]) {
        const result = await cli(daemon, ...argv);
        assert.equal(result.code, 2, argv.join(" "));
        assert.match(result.stderr, /^Error: .*\n\nUsage: zeroclaw sop /, argv.join(" "));
      }
      const bad = await cli(daemon, "sop", "advance", "r1", "--status", "done", "--output", "x");
      assert.match(bad.stderr, /^Error: --status must be completed, failed or skipped \(got "done"\)\n/);
      assert.deepEqual(daemon.requests, []);
    }));
});
