// The admission queue of D8: starts refused only for capacity, waiting in arrival order (engine.md §2.4).
// Pure bookkeeping; which entry goes next is `pickQueued` (admission.ts).
import type { RunEvent } from "./run-record.ts";
import type { QueuedStart } from "./store.ts";

/** Queued starts by sequence number; the sequence continues from the stored entries after a restart. */
export class AdmissionQueue {
  readonly #entries = new Map<number, QueuedStart>();
  #seq = 0;

  constructor(initial: readonly QueuedStart[] = []) {
    for (const entry of initial) {
      this.#entries.set(entry.seq, entry);
      this.#seq = Math.max(this.#seq, entry.seq);
    }
  }

  /** Queues a start and returns the entry to persist. */
  add(sopName: string, event: RunEvent, queuedAt: number): QueuedStart {
    const entry: QueuedStart = { seq: ++this.#seq, sopName, event, queuedAt };
    this.#entries.set(entry.seq, entry);
    return entry;
  }

  /** Removes an entry that was admitted. */
  remove(seq: number): void {
    this.#entries.delete(seq);
  }

  /** Entries in arrival order. */
  entries(): IterableIterator<QueuedStart> {
    return this.#entries.values();
  }

  /** How many starts are queued, in all or for one SOP. */
  count(sopName?: string): number {
    if (sopName === undefined) return this.#entries.size;
    let n = 0;
    for (const entry of this.#entries.values()) if (entry.sopName === sopName) n++;
    return n;
  }
}
