// Faults (issue #8): kill -9 of the compiled daemon at random points during a mixed load (webhook starts, starts
// that queue, approvals, advances and cancels through /api/tools), then a restart. After each restart every
// acknowledged run, step result, approval, cancel and queue entry is there exactly once; what was in flight when the
// daemon died is there at most once. CI size 3 kills; full size (ZEROCLAW_FULL_SIZE=1) 20.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { binaryWorkspace, pair, startDaemon } from "./daemon-process.ts";
import { report, seededRandom, sized } from "./load-size.ts";

const rounds = sized(3, 20);
const workers = 8;

/** A run of `mixed`, as the test knows it: its progress through approve, advance, approve, advance (0–4). */
interface Tracked {
  readonly id: string;
  readonly key: string;
  progress: number;
  cancelled: boolean;
  busy: boolean;
  /** The operation whose answer was lost with the daemon: it may or may not have happened. */
  uncertain?: "step" | "cancel";
}

interface ServerRun {
  run_id: string;
  status: string;
  current_step: number;
  trigger_event: { payload: string };
  step_results: { output: string }[];
}

const files = {
  "config.toml": "[sop]\nmax_concurrent_total = 1000000\nmax_queued_total = 1000000\nmax_finished_runs = 1000000\n"
    + "[gateway]\nwebhook_rate_limit_per_minute = 0\napi_rate_limit_per_minute = 0\nidempotency_max_keys = 1000000\n"
    + "idempotency_ttl_secs = 86400\n",
  "sops/mixed/SOP.toml": '[sop]\nname = "mixed"\ndescription = "Two gated steps"\nexecution_mode = "supervised"\n'
    + 'max_concurrent = 1000000\n\n[[triggers]]\ntype = "webhook"\npath = "/sop/mixed"\n',
  "sops/mixed/SOP.md": "## Steps\n\n1. **A** — First.\n2. **B** — Second.\n   - requires_confirmation: true\n",
  "sops/queued/SOP.toml": '[sop]\nname = "queued"\ndescription = "One at a time"\nexecution_mode = "supervised"\n'
    + 'max_concurrent = 1\nqueue = 1000000\n\n[[triggers]]\ntype = "webhook"\npath = "/sop/queued"\n',
  "sops/queued/SOP.md": "## Steps\n\n1. **Wait** — Wait.\n",
};

/** (status, current_step, outputs) of a `mixed` run as a progress count, or a reason it is none. */
function progressOf(run: ServerRun): number | string {
  const outputs = run.step_results.map((result) => result.output);
  const expected = (count: number): string[] => Array.from({ length: count }, (_, i) => `${run.run_id}-o${i + 1}`);
  const table: Record<string, [number, number]> = { "waiting_approval 1": [0, 0], "running 1": [1, 0],
    "waiting_approval 2": [2, 1], "running 2": [3, 1], "completed 2": [4, 2] };
  const entry = table[`${run.status} ${run.current_step}`];
  if (entry === undefined) return `unexpected state ${run.status} at step ${run.current_step}`;
  const [progress, results] = entry;
  const kept = JSON.stringify(outputs);
  return kept === JSON.stringify(expected(results)) ? progress : `step results ${kept}`;
}

describe("kill -9 during a mixed load (compiled binary)", () => {
  test(`${rounds} kills at random points: nothing acknowledged lost or duplicated`, { timeout: 900_000 }, async () => {
    const { dir, binary } = binaryWorkspace(files);
    const random = seededRandom(2);
    let daemon = await startDaemon(dir, binary);
    const token = await pair(daemon);
    const auth = { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" };
    const runs = new Map<string, Tracked>();
    const mixedKeys = new Map<string, string | undefined>(); // key → run id once known; undefined: answer lost
    const queuedKeys = new Map<string, boolean>(); // key → acknowledged (false: answer lost)
    let keyCounter = 0;
    const totals = { starts: 0, queued: 0, approvals: 0, advances: 0, cancels: 0, lostAnswers: 0, checked: 0 };

    async function call(path: string, body: unknown, key?: string): Promise<{ status: number; body: any } | undefined> {
      try {
        const response = await fetch(`${daemon.url}${path}`, { method: "POST", body: JSON.stringify(body),
          headers: key === undefined ? auth : { ...auth, "X-Idempotency-Key": key } });
        return { status: response.status, body: await response.json() };
      } catch {
        totals.lostAnswers++;
        return undefined; // the daemon died with the request in flight
      }
    }

    async function act(): Promise<void> {
      const roll = random();
      if (roll < 0.3) {
        const key = `m-${keyCounter++}`;
        mixedKeys.set(key, undefined);
        const answer = await call("/sop/mixed", { key }, key);
        if (answer === undefined) return;
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        const id = answer.body.runs[0].run_id as string;
        mixedKeys.set(key, id);
        runs.set(id, { id, key, progress: 0, cancelled: false, busy: false });
        totals.starts++;
        return;
      }
      if (roll < 0.4) {
        const key = `q-${keyCounter++}`;
        queuedKeys.set(key, false);
        const answer = await call("/sop/queued", { key }, key);
        if (answer === undefined) return;
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        queuedKeys.set(key, true);
        totals.queued++;
        return;
      }
      const open = [...runs.values()].filter((run) => !run.busy && !run.cancelled && run.progress < 4);
      const run = open[Math.floor(random() * open.length)];
      if (run === undefined) return;
      run.busy = true;
      const cancel = roll > 0.95;
      const step = run.progress % 2 === 0 ? "sop_approve" : "sop_advance";
      const args = step === "sop_approve" || cancel ? { run_id: run.id }
        : { run_id: run.id, status: "completed", output: `${run.id}-o${(run.progress + 1) / 2}` };
      const answer = await call(`/api/tools/${cancel ? "sop_cancel" : step}`, args);
      run.busy = false;
      if (answer === undefined) {
        run.uncertain = cancel ? "cancel" : "step";
        return;
      }
      assert.deepEqual([answer.status, answer.body.success], [200, true], `${run.id}: ${JSON.stringify(answer.body)}`);
      if (cancel) {
        run.cancelled = true;
        totals.cancels++;
      } else {
        run.progress++;
        if (step === "sop_approve") totals.approvals++;
        else totals.advances++;
      }
    }

    async function get(path: string): Promise<any> {
      const response = await fetch(`${daemon.url}${path}`, { headers: auth });
      assert.equal(response.status, 200, path);
      return response.json();
    }

    /** Compares the restarted daemon with what was acknowledged, resolves lost answers, and adopts the truth. */
    async function verify(): Promise<void> {
      const listed = await get("/api/runs?sop=mixed") as ServerRun[];
      const byId = new Map(listed.map((run) => [run.run_id, run]));
      for (const run of runs.values()) {
        const server = byId.get(run.id);
        assert.ok(server !== undefined, `acknowledged run ${run.id} is kept`);
        const progress = server.status === "cancelled" ? undefined : progressOf(server);
        assert.notEqual(typeof progress, "string", `${run.id}: ${String(progress)}`);
        if (run.cancelled) assert.equal(server.status, "cancelled", `${run.id}: the acknowledged cancel is kept`);
        else if (progress === undefined) assert.equal(run.uncertain, "cancel", `${run.id}: cancelled by nobody`);
        else {
          const allowed = run.uncertain === "step" ? [run.progress, run.progress + 1] : [run.progress];
          assert.ok(allowed.includes(progress as number), `${run.id}: progress ${String(progress)}, acknowledged `
            + `${run.progress}${run.uncertain === undefined ? "" : ` (+1 in flight)`}`);
          run.progress = progress as number;
        }
        run.cancelled = server.status === "cancelled";
        delete run.uncertain;
        totals.checked++;
      }
      // Starts whose answer was lost: the same key again is a duplicate if it was committed, else a new start.
      const byKey = new Map<string, ServerRun[]>();
      for (const run of listed) {
        const key = (JSON.parse(run.trigger_event.payload) as { key: string }).key;
        byKey.set(key, [...(byKey.get(key) ?? []), run]);
      }
      for (const [key, id] of mixedKeys) {
        const found = byKey.get(key) ?? [];
        assert.ok(found.length <= 1, `${key} started ${found.length} runs`);
        if (id !== undefined) continue;
        const answer = await call("/sop/mixed", { key }, key);
        assert.ok(answer !== undefined);
        const server = found[0];
        if (server === undefined) {
          assert.equal(answer.status, 202, `${key} was not committed, so it starts now`);
          const started = answer.body.runs[0].run_id as string;
          mixedKeys.set(key, started);
          runs.set(started, { id: started, key, progress: 0, cancelled: false, busy: false });
        } else {
          assert.equal(answer.status, 200, `${key} was committed, so it is a duplicate`);
          mixedKeys.set(key, server.run_id);
          const progress = server.status === "cancelled" ? 0 : progressOf(server);
          assert.equal(typeof progress, "number");
          runs.set(server.run_id, { id: server.run_id, key, progress: progress as number,
            cancelled: server.status === "cancelled", busy: false });
        }
      }
      await verifyQueue();
    }

    /** Queue entries: the runs of `queued` plus its queued starts are exactly the committed keys. */
    async function verifyQueue(): Promise<void> {
      for (const [key, acknowledged] of queuedKeys) {
        if (acknowledged) continue;
        const answer = await call("/sop/queued", { key }, key);
        assert.ok(answer !== undefined && (answer.status === 200 || answer.status === 202));
        queuedKeys.set(key, true);
      }
      const started = await get("/api/runs?sop=queued") as ServerRun[];
      const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
      const waiting = Number(/^zeroclaw_sop_queued_starts\{sop="queued"\} (\d+)$/m.exec(metrics)?.[1] ?? "0");
      assert.equal(started.length + waiting, queuedKeys.size, `runs ${started.length} + queued ${waiting}`);
      assert.ok(started.length <= 1, "max_concurrent = 1 and nobody finishes its run");
    }

    for (let round = 0; round < rounds; round++) {
      let stopping = false;
      const killAfterMs = 150 + Math.floor(random() * 1_050);
      const load = Promise.all(Array.from({ length: workers }, async () => {
        while (!stopping) await act();
      }));
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      assert.equal(await daemon.stop("SIGKILL"), null, "killed");
      stopping = true;
      await load;
      daemon = await startDaemon(dir, binary);
      await verify();
    }
    // Drain the queue: cancelling the one run of `queued` admits the next, each key once.
    const seen: string[] = [];
    for (;;) {
      const active = (await get("/api/runs?sop=queued&status=waiting_approval") as ServerRun[])[0];
      if (active === undefined) break;
      seen.push((JSON.parse(active.trigger_event.payload) as { key: string }).key);
      assert.equal((await call("/api/tools/sop_cancel", { run_id: active.run_id }))?.body.success, true);
    }
    assert.deepEqual([...seen].sort(), [...queuedKeys.keys()].sort(), "every queue entry ran once");
    assert.equal(await daemon.stop(), 0);
    report(`kill -9: ${rounds} kills; acknowledged ${totals.starts} starts, ${totals.queued} queued starts, `
      + `${totals.approvals} approvals, ${totals.advances} advances, ${totals.cancels} cancels; ${totals.lostAnswers} `
      + `answers lost in flight; ${totals.checked} run checks after restarts; lost 0, duplicated 0`);
  });
});
