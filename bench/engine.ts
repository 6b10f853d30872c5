// Engine throughput and memory (issue #3): runs started, advanced through 3 steps and completed per second with the
// in-memory store, on one core; and RSS growth per run parked at an approval gate, with 100,000 parked runs.
// Run: `bun bench/engine.ts` (targets: ≥ 20,000 runs/s; ≤ 5 KB per parked run). With `--sqlite`, the throughput
// runs over the SQLite state store in a temporary folder instead (issue #4 target: ≥ 5,000 runs/s): 64 clients, each
// waiting until its operation is durable (group commit, synchronous = FULL) before its next one, as a daemon's
// callers are answered only after `durable()`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStateStore } from "../src/io/store/state.ts";
import { manualClock } from "../src/actors/clock.ts";
import { Engine } from "../src/actors/engine.ts";
import { defaultEngineConfig } from "../src/actors/engine-types.ts";
import { memoryStore } from "../src/actors/memory-store.ts";
import type { Sop } from "../src/compiler/sop.ts";

const steps = [1, 2, 3].map((n) => ({ number: n, title: `Step ${n}`, body: "Do it.", suggestedTools: ["shell"],
  requiresConfirmation: false }));
const sop = (name: string, executionMode: Sop["executionMode"]): Sop => ({
  name, description: "bench", version: "1", priority: "normal", executionMode, cooldownSecs: 0,
  maxConcurrent: 1_000_000, triggers: [{ type: "manual" }], steps, location: name,
});
const manual = { source: "manual", topic: null, payload: '{"value": 87.3}' } as const;
const result = (n: number) => ({ step_number: n, status: "completed" as const, output: "ok", started_at: "t", completed_at: "t" });

const sqlite = process.argv.includes("--sqlite");
/** Callers in flight over SQLite (`CLIENTS=…` to try others): what shares each group commit. */
const clients = Number(process.env["CLIENTS"] ?? 64);

const config = { ...defaultEngineConfig, maxConcurrentTotal: 1_000_000, maxFinishedRuns: 1000 };

function throughput(seconds: number): number {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const engine = new Engine({ sops: [sop("auto", "auto")], clock, store: memoryStore(), config });
  let runs = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 256; i++) {
      runThrough(engine);
      clock.advance(1);
    }
    runs += 256;
  }
  return runs / seconds;
}

async function durableThroughput(seconds: number, clients: number): Promise<number> {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const store = openStateStore(mkdtempSync(join(tmpdir(), "zeroclaw-bench-")));
  const engine = new Engine({ sops: [sop("auto", "auto")], clock, store, config });
  let runs = 0;
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const started = engine.startRun("auto", manual);
      if (!started.ok) throw new Error(started.error);
      await store.durable();
      for (let n = 1; n <= 3; n++) {
        engine.advance(started.value.runId, result(n));
        await store.durable();
      }
      clock.advance(1);
      runs += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  store.close();
  return runs / seconds;
}

/** Starts one run and advances it through its 3 steps to completion. */
function runThrough(engine: Engine): void {
  const started = engine.startRun("auto", manual);
  if (!started.ok) throw new Error(started.error);
  for (let n = 1; n <= 3; n++) engine.advance(started.value.runId, result(n));
}

function parkedBytes(count: number): number {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  // Audit records are the store's (SQLite on disk in the daemon), so they are not counted as engine memory here.
  const engine = new Engine({ sops: [sop("gated", "supervised")], clock, store: { load: memoryStore().load, commit() {} },
    config });
  Bun.gc(true);
  const before = process.memoryUsage().rss;
  for (let i = 0; i < count; i++) {
    if (!engine.startRun("gated", manual).ok) throw new Error("start refused");
    if (i % 1000 === 0) clock.advance(1);
  }
  Bun.gc(true);
  const after = process.memoryUsage().rss;
  if (engine.activeRuns().length !== count) throw new Error("not all runs parked");
  return (after - before) / count;
}

if (sqlite) {
  await durableThroughput(1, clients); // warm-up
  const rate = await durableThroughput(3, clients);
  console.log(`throughput: ${Math.round(rate).toLocaleString("en-US")} runs/s (start + 3 advances + complete, each`
    + ` durable before the next; SQLite state store, ${clients} clients; target ≥ 5,000)`);
} else {
  // Parking is measured first, in a fresh process: after the throughput loop the heap's size depends on how much
  // garbage that loop left, and RSS growth with it.
  const bytes = parkedBytes(100_000);
  throughput(1); // warm-up
  const rate = throughput(3);
  console.log(`throughput: ${Math.round(rate).toLocaleString("en-US")} runs/s (start + 3 advances + complete;`
    + " in-memory store, target ≥ 20,000)");
  console.log(`parked runs: ${(bytes / 1024).toFixed(2)} KB RSS per run waiting at a gate, 100,000 runs (target ≤ 5 KB)`);
}
