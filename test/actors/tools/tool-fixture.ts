// Test helpers for the SOP tool suites: SOPs built in code, a real Engine over memoryStore() and manualClock(),
// and the six tools by name.
import type { Sop, Step } from "../../../src/compiler/sop.ts";
import { manualClock, type ManualClock } from "../../../src/actors/clock.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig, type EngineConfig } from "../../../src/actors/engine-types.ts";
import { memoryStore } from "../../../src/actors/memory-store.ts";
import { createMetrics, type Metrics } from "../../../src/actors/metrics.ts";
import type { Run } from "../../../src/actors/run-record.ts";
import type { StoreState } from "../../../src/actors/store.ts";
import type { Tool, ToolResult } from "../../../src/actors/tools/tool.ts";
import { createTools } from "../../../src/actors/tools/tools.ts";

/** 2026-02-19T12:00:00Z: whole seconds, so run ids and timestamps are easy to write out. */
export const T0 = Date.UTC(2026, 1, 19, 12, 0, 0);
export const T0_TEXT = "2026-02-19T12:00:00Z";

/** The run id the engine gives the `n`th run created at `at` (engine.md §1.3). */
export function runId(n: number, at = T0): string {
  return `run-${at}-${String(n).padStart(4, "0")}`;
}

/** A step; the number defaults to the position the caller passes. */
export function step(number: number, extra: Partial<Step> = {}): Step {
  return {
    number, title: `Step ${number}`, body: `Do step ${number}`, suggestedTools: [], requiresConfirmation: false,
    ...extra,
  };
}

/** A SOP: auto mode, normal priority, no cooldown, one slot, a manual trigger and two steps unless told. */
export function sop(name: string, extra: Partial<Sop> = {}): Sop {
  return {
    name, description: `${name} description`, version: "1.0.0", priority: "normal", executionMode: "auto",
    cooldownSecs: 0, maxConcurrent: 1, triggers: [{ type: "manual" }], steps: [step(1), step(2)],
    location: `/sops/${name}`, ...extra,
  };
}

/** The SOP of engine.md §6's examples: `s1`, auto, step 1 with tools `shell, file_read`, step 2 on two lines. */
export const s1: Sop = sop("s1", {
  steps: [
    step(1, { title: "Step one", body: "Do step one", suggestedTools: ["shell", "file_read"] }),
    step(2, { title: "Step two", body: "Do step two\nline2" }),
  ],
});

/** Everything a tool test touches. */
export interface Harness {
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly store: ReturnType<typeof memoryStore>;
  readonly metrics: Metrics | undefined;
  readonly tools: readonly Tool[];
  /** Calls a tool by name. */
  call(name: string, args: unknown): ToolResult;
}

/** Options of `harness()`. */
export interface HarnessOptions {
  readonly config?: Partial<EngineConfig>;
  /** Without a metrics collector when false. */
  readonly metrics?: boolean;
  readonly initial?: StoreState;
}

/** A real engine with the given SOPs, a manual clock at T0, an in-memory store and (by default) metrics. */
export function harness(sops: readonly Sop[], options: HarnessOptions = {}): Harness {
  const clock = manualClock(T0);
  const store = memoryStore(options.initial);
  const metrics = options.metrics === false ? undefined : createMetrics(clock);
  const config = { ...defaultEngineConfig, ...options.config };
  const engine = new Engine({ sops, config, clock, store, ...(metrics === undefined ? {} : { metrics }) });
  const tools = createTools({ engine, clock });
  return {
    engine, clock, store, metrics, tools,
    call(name, args) {
      const tool = tools.find((t) => t.name === name);
      if (tool === undefined) throw new TypeError(`no tool ${name}`);
      return tool.call(args);
    },
  };
}

/** A successful result with that output. */
export function ok(output: string): ToolResult {
  return { success: true, output, error: null };
}

/** A returned failure with that error. */
export function failed(error: string): ToolResult {
  return { success: false, output: "", error };
}

/** The audit records by key. */
export function audit(h: Harness): Map<string, string> {
  return new Map(h.store.snapshot().audit.map((r) => [r.key, r.content]));
}

/** A run record with the reference keys in the reference order, filled in from a manual start at T0. */
export function runRecord(fields: Partial<Run> & Pick<Run, "run_id" | "sop_name">): Run {
  return {
    run_id: fields.run_id,
    sop_name: fields.sop_name,
    trigger_event: fields.trigger_event ?? { source: "manual", topic: null, payload: null, timestamp: T0_TEXT },
    status: fields.status ?? "running",
    current_step: fields.current_step ?? 1,
    total_steps: fields.total_steps ?? 2,
    started_at: fields.started_at ?? T0_TEXT,
    completed_at: fields.completed_at ?? null,
    step_results: fields.step_results ?? [],
    waiting_since: fields.waiting_since ?? null,
  };
}

/** The pretty JSON an audit record holds for that value (engine.md §8). */
export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The run id in a `sop_execute` output. */
export function startedId(result: ToolResult): string {
  const id = /^SOP run started: (run-\d+-\d{4,})/.exec(result.output)?.[1];
  if (id === undefined) throw new TypeError(`not a start: ${JSON.stringify(result)}`);
  return id;
}
