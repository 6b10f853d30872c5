// Test helper: an engine over SOPs built in the test, a manual clock and an in-memory store.
import { manualClock, type ManualClock } from "../../src/actors/clock.ts";
import { Engine } from "../../src/actors/engine.ts";
import { defaultEngineConfig, type Action, type EngineConfig } from "../../src/actors/engine-types.ts";
import { memoryStore } from "../../src/actors/memory-store.ts";
import { createMetrics } from "../../src/actors/metrics.ts";
import type { StepResult } from "../../src/actors/run-record.ts";
import type { Sop, Step } from "../../src/compiler/sop.ts";
import type { InspectionEvent } from "xstate";

export const start = Date.UTC(2026, 1, 19, 12, 0, 0);

/** A SOP with `steps` plain steps (or the given ones) and overrides. */
export function makeSop(name: string, overrides: Partial<Sop> = {}, steps: number | Step[] = 2): Sop {
  const list = typeof steps === "number"
    ? Array.from({ length: steps }, (_, i) => ({
      number: i + 1, title: `Step ${i + 1}`, body: `Do ${i + 1}`, suggestedTools: [], requiresConfirmation: false,
    }))
    : steps;
  return { name, description: "d", version: "1", priority: "normal", executionMode: "auto", cooldownSecs: 0,
    maxConcurrent: 1, triggers: [{ type: "manual" }], steps: list, location: name, ...overrides };
}

export interface Harness {
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly store: ReturnType<typeof memoryStore>;
}

/** An engine with the default config plus overrides. */
export function harness(sops: Sop[], config: Partial<EngineConfig> = {}, inspect?: (event: InspectionEvent) => void)
  : Harness {
  const clock = manualClock(start);
  const store = memoryStore();
  const engine = new Engine({ sops, config: { ...defaultEngineConfig, ...config }, clock, store,
    metrics: createMetrics(clock), ...(inspect === undefined ? {} : { inspect }) });
  return { engine, clock, store };
}

/** A second engine over a copy of the first one's store: a restart, in-process. */
export function rehydrate(previous: Harness, sops: Sop[], config: Partial<EngineConfig> = {},
  onAdmitted?: (action: Action) => void): Engine {
  return new Engine({ sops, config: { ...defaultEngineConfig, ...config }, clock: previous.clock,
    store: memoryStore(previous.store.snapshot()), metrics: createMetrics(previous.clock),
    ...(onAdmitted === undefined ? {} : { onAdmitted }) });
}

/** A step result as sop_advance builds it. */
export function result(stepNumber: number, status: StepResult["status"] = "completed", output = "ok"): StepResult {
  return { step_number: stepNumber, status, output, started_at: "2026-02-19T12:00:00Z", completed_at: "2026-02-19T12:00:00Z" };
}

export const manual = { source: "manual", topic: null, payload: null } as const;
