// The engine's durable state behind one small interface: loaded once at start, then changed only by whole
// change sets, each committed atomically before a caller is answered (engine.md §0.5, issue #4).
// Pure interface; src/actors/memory-store.ts and the SQLite store (src/io) implement it.
import type { Run, RunEvent } from "./run-record.ts";

/** A run as stored: the record, where its machine is, and the durable wait data (D7). */
export interface StoredRun {
  readonly run: Run;
  /** The compiled run machine's state name (`step_2`, `step_3_approval`, `completed`, …). */
  readonly machineState: string;
  /** Absolute approval deadline in epoch ms, or null when not waiting or timeouts are off. */
  readonly deadlineAt: number | null;
  /** Why the run waits: the execution mode or `requires_confirmation` (D7 treats them differently). */
  readonly gate: "mode" | "confirmation" | null;
  /** Set once a timed-out wait was escalated (engine.md Resolved detail 2); cleared when the wait ends. */
  readonly escalatedAt: string | null;
}

/** A start waiting in the admission queue (D8): not a run, no id, no counter value. */
export interface QueuedStart {
  readonly seq: number;
  readonly sopName: string;
  readonly event: RunEvent;
  readonly queuedAt: number;
}

/** One audit record (engine.md §8): the key and its pretty JSON content. */
export interface AuditRecord {
  readonly key: string;
  readonly content: string;
}

/** Everything the engine needs back after a restart. */
export interface StoreState {
  /** Active runs in start order. */
  readonly active: readonly StoredRun[];
  /** Finished runs, oldest finish first. */
  readonly finished: readonly StoredRun[];
  readonly queue: readonly QueuedStart[];
  readonly runCounter: number;
  readonly audit: readonly AuditRecord[];
}

/** One atomic change: what a single tool call, dispatch or timeout did. */
export interface StoreChanges {
  /** Runs written as they now are (active or finished; a finished run moves to the finished list). */
  readonly runs?: readonly StoredRun[];
  /** Finished runs dropped by retention (engine.md §1.6). */
  readonly forget?: readonly string[];
  readonly enqueue?: readonly QueuedStart[];
  readonly dequeue?: readonly number[];
  readonly audit?: readonly AuditRecord[];
  readonly runCounter?: number;
}

/** A store: `load()` once at start; `commit()` applies a change set atomically or throws, applying nothing. */
export interface Store {
  load(): StoreState;
  commit(changes: StoreChanges): void;
}

/** Whether a stored run is finished (its record has a terminal status). */
export function isFinished(stored: StoredRun): boolean {
  const status = stored.run.status;
  return status === "completed" || status === "failed" || status === "cancelled";
}
