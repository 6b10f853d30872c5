// The real clock for the daemon: wall time and the runtime's timers (engine.md §0.2). Edge: the one place that
// reads the system time for the live system.
import type { Clock } from "../actors/clock.ts";

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
