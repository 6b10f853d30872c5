// Soak (issue #8): the engine in-process over the real SQLite state store, with a manual clock moved through two hours
// of simulated time in CI (full size, ZEROCLAW_FULL_SIZE=1: twelve hours). Every simulated second events start runs
// (some queue), agents advance, approve and cancel through the tools, the scheduler times out waits, and finished
// runs are pruned to max_finished_runs. Heap and RSS are sampled each simulated minute after a full GC: once warmed
// up the heap must show no growth trend (an entry per finished run, the leak this test found, grew it ~100 bytes a
// run: 3 MB here), and RSS must stay within SQLite's page cache. Bun only: it forces GC through Bun.gc.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { describe, test } from "node:test";
import { checkApprovalTimeouts } from "../../src/actors/approval-timeouts.ts";
import { manualClock } from "../../src/actors/clock.ts";
import { createDispatcher } from "../../src/actors/dispatcher.ts";
import { Engine } from "../../src/actors/engine.ts";
import { defaultEngineConfig } from "../../src/actors/engine-types.ts";
import { createMetrics } from "../../src/actors/metrics.ts";
import { renderMetricsSection } from "../../src/actors/metrics-text.ts";
import { createTools } from "../../src/actors/tools/tools.ts";
import type { Sop } from "../../src/compiler/sop.ts";
import { openStateStore } from "../../src/io/store/state.ts";
import { makeSop, start } from "../actors/engine-fixture.ts";
import { report, seededRandom, sized } from "./load-size.ts";

const minutes = sized(120, 720);
const startsPerSecond = 4;

const sops: Sop[] = [
  makeSop("alert", { priority: "critical", executionMode: "supervised", maxConcurrent: 1000,
    triggers: [{ type: "webhook", path: "/alert" }] }, 2),
  makeSop("deploy", { executionMode: "supervised", maxConcurrent: 1000, cooldownSecs: 0,
    triggers: [{ type: "webhook", path: "/deploy" }] }, 3),
  makeSop("batch", { executionMode: "auto", maxConcurrent: 20, queue: 200,
    triggers: [{ type: "webhook", path: "/batch" }] }, 3),
];

function gc(): void {
  (globalThis as { Bun?: { gc(force: boolean): void } }).Bun?.gc(true);
}

/** Least-squares slope of `values` per index. */
function slope(values: readonly number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((value, i) => {
    num += (i - meanX) * (value - meanY);
    den += (i - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

describe("soak (engine, SQLite store, manual clock)", () => {
  test(`${minutes} simulated minutes of runs: heap steady`, { timeout: 900_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "zeroclaw-soak-"));
    const clock = manualClock(start);
    const store = openStateStore(join(dir, "state"));
    const metrics = createMetrics(clock);
    const engine = new Engine({ sops, clock, store, metrics, config: { ...defaultEngineConfig,
      approvalTimeoutSecs: 60, approvalTimeoutAction: "auto_approve", maxFinishedRuns: 500, maxQueuedTotal: 1000,
      maxConcurrentTotal: 2000 } });
    const dispatcher = createDispatcher(engine);
    const tools = new Map(createTools({ engine, clock }).map((tool) => [tool.name, tool]));
    const call = (name: string, args: unknown): boolean => tools.get(name)?.call(args).success ?? false;
    const random = seededRandom(3);
    const heap: number[] = [];
    const rss: number[] = [];
    const totals = { started: 0, queued: 0, advanced: 0, approved: 0, cancelled: 0, timedOut: 0, finished: 0 };
    try {
      for (let minute = 0; minute < minutes; minute++) {
        for (let second = 0; second < 60; second++) {
          clock.advance(1_000);
          for (let i = 0; i < startsPerSecond; i++) {
            const path = ["/alert", "/deploy", "/batch"][Math.floor(random() * 3)] ?? "/batch";
            const results = dispatcher.dispatch({ source: "webhook", topic: path,
              payload: JSON.stringify({ minute, second, i, pad: "x".repeat(Math.floor(random() * 200)) }) });
            for (const result of results) {
              if (result.kind === "started") totals.started++;
              if (result.kind === "queued") totals.queued++;
            }
          }
          // Agents act on a few active runs; deploy waits are left to time out now and then (escalated, then
          // cancelled by a human).
          const active = engine.activeRuns();
          for (let i = 0; i < 6 && active.length > 0; i++) {
            const stored = active[Math.floor(random() * active.length)];
            if (stored === undefined) continue;
            const runId = stored.run.run_id;
            if (stored.run.status === "waiting_approval") {
              if (stored.escalatedAt !== null || random() < 0.05) {
                if (call("sop_cancel", { run_id: runId })) totals.cancelled++;
              } else if (stored.run.sop_name !== "deploy" || random() < 0.6) {
                if (call("sop_approve", { run_id: runId })) totals.approved++;
              }
            } else if (stored.run.status === "running") {
              const status = random() < 0.9 ? "completed" : random() < 0.5 ? "failed" : "skipped";
              if (call("sop_advance", { run_id: runId, status, output: `done ${"y".repeat(50)}` })) totals.advanced++;
            }
          }
          if (second % 15 === 0) totals.timedOut += checkApprovalTimeouts(engine).length;
          await store.durable();
        }
        renderMetricsSection(metrics);
        call("sop_list", {});
        call("sop_status", {});
        gc();
        const memory = process.memoryUsage();
        heap.push(memory.heapUsed);
        rss.push(memory.rss);
      }
      totals.finished = engine.finishedRuns().length;
      // Warm-up: the first quarter fills the retention window (500 finished runs) and the metric windows.
      const measured = heap.slice(Math.floor(heap.length / 4));
      const growthMb = (slope(measured) * measured.length) / 2 ** 20;
      const meanMb = measured.reduce((sum, value) => sum + value, 0) / measured.length / 2 ** 20;
      const rssMeasured = rss.slice(Math.floor(rss.length / 4));
      const rssGrowthMb = (slope(rssMeasured) * rssMeasured.length) / 2 ** 20;
      const megabytes = (bytes: number | undefined): string => ((bytes ?? 0) / 2 ** 20).toFixed(0);
      const quarters = [0.25, 0.5, 0.75, 1].map((q) => megabytes(rss[Math.ceil(rss.length * q) - 1]));
      const line = `soak: ${minutes} simulated minutes, ${totals.started} runs started, ${totals.queued} queued, `
        + `${totals.approved} approvals, ${totals.advanced} advances, ${totals.cancelled} cancels, ${totals.timedOut} `
        + `timeouts, ${engine.activeRuns().length} active and ${totals.finished} finished kept at the end; heap `
        + `${meanMb.toFixed(1)} MB mean, trend ${growthMb.toFixed(2)} MB over the measured span; RSS at each `
        + `quarter ${quarters.join(", ")} MB, trend ${rssGrowthMb.toFixed(1)} MB`;
      report(line);
      assert.ok(totals.finished <= 500, "finished runs are pruned");
      assert.ok(growthMb < 1.5, `no heap growth trend: ${line}`);
      // RSS grows while SQLite's page cache fills (cache_size = 64 MiB in state.ts; the audit table keeps growing on
      // disk by design), then levels off; allow that plus a margin above the first sample.
      const rssGrowth = Math.max(...rss) - (rss[0] ?? 0);
      assert.ok(rssGrowth < (64 + 48) * 2 ** 20, `RSS bounded by the page cache: ${line}`);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
