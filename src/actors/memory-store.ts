// The in-memory Store: the same contract as the SQLite store, for tests and benchmarks (issue #3).
// Pure: maps and arrays only.
import { isFinished, type AuditRecord, type QueuedStart, type Store, type StoreChanges, type StoreState, type StoredRun } from "./store.ts";

/** Creates an empty in-memory store, or one holding `initial` (a restart in tests). */
export function memoryStore(initial?: StoreState): Store & { snapshot(): StoreState } {
  const active = new Map<string, StoredRun>();
  const finished = new Map<string, StoredRun>();
  const queue = new Map<number, QueuedStart>();
  const audit = new Map<string, AuditRecord>();
  let runCounter = initial?.runCounter ?? 0;
  for (const run of initial?.active ?? []) active.set(run.run.run_id, run);
  for (const run of initial?.finished ?? []) finished.set(run.run.run_id, run);
  for (const entry of initial?.queue ?? []) queue.set(entry.seq, entry);
  for (const record of initial?.audit ?? []) audit.set(record.key, record);
  function snapshot(): StoreState {
    return { active: [...active.values()], finished: [...finished.values()], queue: [...queue.values()], runCounter,
      audit: [...audit.values()] };
  }
  return {
    load: snapshot,
    snapshot,
    commit(changes: StoreChanges) {
      for (const run of changes.runs ?? []) {
        if (isFinished(run)) {
          active.delete(run.run.run_id);
          finished.delete(run.run.run_id); // re-finishing moves it to the end, as it finished last
          finished.set(run.run.run_id, run);
        } else {
          finished.delete(run.run.run_id); // one list per run, as the SQLite store keeps one row
          active.set(run.run.run_id, run);
        }
      }
      for (const id of changes.forget ?? []) finished.delete(id);
      for (const entry of changes.enqueue ?? []) queue.set(entry.seq, entry);
      for (const seq of changes.dequeue ?? []) queue.delete(seq);
      for (const record of changes.audit ?? []) audit.set(record.key, record);
      if (changes.runCounter !== undefined) runCounter = changes.runCounter;
    },
  };
}
