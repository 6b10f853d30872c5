// The clock the engine reads: injected so tests move time instead of sleeping (engine.md §0.2, STYLE.md §14).
// Pure interface plus a manual clock for tests and replays.

/** Current time and timers, always through this interface; `now()` is epoch ms. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A clock that only moves when told to; timers fire in deadline order as `advance` passes them. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

/** Creates a manual clock starting at `startMs`. */
export function manualClock(startMs: number): ManualClock {
  let now = startMs;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  function fireDue(): void {
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of timers) if (entry[1].at <= now && (due === undefined || entry[1].at < due[1].at)) due = entry;
      if (due === undefined) return;
      timers.delete(due[0]);
      due[1].callback();
    }
  }
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      fireDue();
    },
    set(epochMs) {
      now = epochMs;
      fireDue();
    },
  };
}
