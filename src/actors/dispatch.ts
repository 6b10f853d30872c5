// Event dispatch: every matched SOP is started, queued or skipped, in engine order, in one transaction
// (fan-in.md §1.3–1.4, engine.md §2.4, D8). Matching itself is the compiler's match index.
import type { Sop } from "../compiler/sop.ts";
import { inCooldown, startRefusal } from "./admission.ts";
import type { Engine } from "./engine.ts";
import { cannotStart, noSteps } from "./engine-texts.ts";
import type { DispatchResult } from "./engine-types.ts";
import type { RunEvent } from "./run-record.ts";

/** Starts, queues or skips each matched SOP for one event; `[no_match]` when nothing matched. */
export function dispatch(engine: Engine, matched: readonly Sop[], event: RunEvent): DispatchResult[] {
  if (matched.length === 0) return [{ kind: "no_match" }];
  return engine.transaction(() => matched.map((sop) => dispatchOne(engine, sop, event)));
}

function dispatchOne(engine: Engine, sop: Sop, event: RunEvent): DispatchResult {
  const now = engine.now();
  const lastFinishedAt = engine.lastFinishedAt(sop.name);
  const refusal = startRefusal(sop, engine.occupancy(), lastFinishedAt, now);
  if (refusal !== undefined) {
    // A new trigger during cooldown is dropped, never queued (D8); a start refused only by capacity may queue.
    if (refusal === "capacity" && !inCooldown(sop, lastFinishedAt, now) && mayQueue(engine, sop)) {
      engine.enqueue(sop.name, event);
      return { kind: "queued", sopName: sop.name };
    }
    return { kind: "skipped", sopName: sop.name, reason: cannotStart(sop.name) };
  }
  if (sop.steps.length === 0) return { kind: "skipped", sopName: sop.name, reason: noSteps(sop.name) };
  const action = engine.createRun(sop.name, event);
  if (action === undefined) return { kind: "skipped", sopName: sop.name, reason: cannotStart(sop.name) };
  return { kind: "started", runId: action.runId, sopName: sop.name, action };
}

function mayQueue(engine: Engine, sop: Sop): boolean {
  const limit = sop.queue ?? 0;
  if (sop.steps.length === 0 || limit === 0 || engine.queuedCount() >= engine.config.maxQueuedTotal) return false;
  return engine.queuedCount(sop.name) < limit;
}
