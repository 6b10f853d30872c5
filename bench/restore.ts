// Restore time (issue #4): a daemon restarting over 100,000 active runs, each parked at an approval gate. Measures
// opening the state database and building the engine, which loads every run and rehydrates its run actor, and
// warms the metrics collector from the audit records.
// Run: `bun bench/restore.ts` (target: under 2 s).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock } from "../src/actors/clock.ts";
import { Engine } from "../src/actors/engine.ts";
import { defaultEngineConfig } from "../src/actors/engine-types.ts";
import { createMetrics } from "../src/actors/metrics.ts";
import type { Sop } from "../src/compiler/sop.ts";
import { openStateStore } from "../src/io/store/state.ts";

const count = Number(process.argv[2] ?? 100_000);
const steps = [1, 2, 3].map((n) => ({ number: n, title: `Step ${n}`, body: "Do it.", suggestedTools: ["shell"],
  requiresConfirmation: false }));
const sops: Sop[] = [{ name: "gated", description: "bench", version: "1", priority: "normal",
  executionMode: "supervised", cooldownSecs: 0, maxConcurrent: 1_000_000, triggers: [{ type: "manual" }], steps,
  location: "gated" }];
const config = { ...defaultEngineConfig, maxConcurrentTotal: 1_000_000 };
const manual = { source: "manual", topic: null, payload: '{"value": 87.3}' } as const;
const stateDir = mkdtempSync(join(tmpdir(), "zeroclaw-restore-"));
const clock = manualClock(Date.UTC(2026, 0, 1));

const filling = openStateStore(stateDir);
const engine = new Engine({ sops, clock, store: filling, config });
for (let i = 0; i < count; i++) {
  if (!engine.startRun("gated", manual).ok) throw new Error("start refused");
  if (i % 1000 === 999) {
    clock.advance(1);
    await filling.durable();
  }
}
filling.close();

const started = performance.now();
const store = openStateStore(stateDir);
const restored = new Engine({ sops, clock, store, config, metrics: createMetrics(clock) }); // as the daemon builds it
const seconds = (performance.now() - started) / 1000;
if (restored.activeRuns().length !== count) throw new Error(`restored ${restored.activeRuns().length} of ${count}`);
store.close();
rmSync(stateDir, { recursive: true, force: true });
console.log(`restore: ${seconds.toFixed(2)} s for ${count.toLocaleString("en-US")} active runs parked at a gate`
  + " (open the state database, load, rehydrate every run actor; target < 2 s)");
