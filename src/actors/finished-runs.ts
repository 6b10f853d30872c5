// Finished runs in finish order, with retention and what cooldown needs (engine.md §1.6, §2.3).
// Pure bookkeeping: the engine commits what `add` reports as forgotten.
import type { StoredRun } from "./store.ts";

/** The retained finished runs; `max` 0 keeps them all. */
export class FinishedRuns {
  readonly #runs = new Map<string, StoredRun>(); // insertion order = finish order
  readonly #lastOf = new Map<string, string>(); // SOP name → id of its most recent retained finished run

  constructor(private readonly max: number, initial: readonly StoredRun[] = []) {
    for (const run of initial) this.#remember(run);
  }

  /** Appends a run that just finished; returns the ids retention dropped (oldest first). */
  add(run: StoredRun): string[] {
    this.#remember(run);
    const forgotten: string[] = [];
    while (this.max > 0 && this.#runs.size > this.max) {
      const [oldest, dropped] = this.#runs.entries().next().value as [string, StoredRun];
      this.#runs.delete(oldest);
      // Cooldown no longer sees a run that retention removed (§2.3).
      if (this.#lastOf.get(dropped.run.sop_name) === oldest) this.#lastOf.delete(dropped.run.sop_name);
      forgotten.push(oldest);
    }
    return forgotten;
  }

  /** A finished run by id. */
  get(runId: string): StoredRun | undefined {
    return this.#runs.get(runId);
  }

  /** Finished runs, oldest finish first, optionally of one SOP. */
  list(sopName?: string): StoredRun[] {
    const all = [...this.#runs.values()];
    return sopName === undefined ? all : all.filter((s) => s.run.sop_name === sopName);
  }

  /** The `completed_at` of the SOP's most recently finished retained run: where its cooldown counts from. */
  lastFinishedAt(sopName: string): string | undefined {
    const id = this.#lastOf.get(sopName);
    return id === undefined ? undefined : (this.#runs.get(id)?.run.completed_at ?? undefined);
  }

  #remember(run: StoredRun): void {
    this.#runs.delete(run.run.run_id);
    this.#runs.set(run.run.run_id, run);
    this.#lastOf.set(run.run.sop_name, run.run.run_id);
  }
}
