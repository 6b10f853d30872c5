// Event dispatch: every matched SOP is started, queued or skipped, in engine order, in one transaction
// (fan-in.md §1.3–1.4, engine.md §2.4, D8). Matching itself is the compiler's match index.
import type { Sop } from "../compiler/sop.ts";
import { inCooldown, startRefusal } from "./admission.ts";
import type { Engine } from "./engine.ts";
import { cannotStart, noSteps } from "./engine-texts.ts";
import type { DispatchResult } from "./engine-types.ts";
import type { RunEvent } from "./run-record.ts";
import { formatTimestamp } from "./timestamp.ts";

/**
 * Starts, queues or skips each matched SOP for one event; `[no_match]` when nothing matched. An event without a
 * timestamp is stamped with the engine clock's now (fan-in.md §1.2), only when something matched: most events match
 * nothing, and a date formatting per event would be wasted on them.
 */
export function dispatch(engine: Engine, matched: readonly Sop[], event: Omit<RunEvent, "timestamp"> &
  { readonly timestamp?: string }): DispatchResult[] {
  if (matched.length === 0) return [{ kind: "no_match" }];
  const stamped: RunEvent = { ...event, timestamp: event.timestamp ?? formatTimestamp(engine.now()) };
  return engine.transaction(() => matched.map((sop) => dispatchOne(engine, sop, stamped)));
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
