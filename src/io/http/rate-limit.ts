// Per-client sliding-window-log rate limits (fan-in.md §4.6): a key may make `limit` requests in any 60 s.
// Pure: time comes in as `now` (monotonic ms, §9.1), so tests move it instead of sleeping.

const windowMs = 60_000;
const sweepEveryMs = 300_000;
const defaultMaxKeys = 10_000;

/** One limiter (pair, webhook or api); answers whether a request of `key` at `now` may proceed. */
export interface RateLimiter {
  allow(key: string, now: number): boolean;
}

/** A limiter of `limit` requests per minute per key; `limit` 0 disables it, `maxKeys` 0 means 10,000. */
export function createRateLimiter(limit: number, maxKeys: number): RateLimiter {
  if (limit <= 0) return { allow: () => true };
  const capacity = Math.max(1, maxKeys === 0 ? defaultMaxKeys : maxKeys);
  const keys = new Map<string, number[]>(); // request times ascending; Map order breaks eviction ties (§9.1)
  let lastSweep = Number.NEGATIVE_INFINITY;

  function dropStale(cutoff: number): void {
    for (const [key, times] of keys) if ((times.at(-1) ?? cutoff) <= cutoff) keys.delete(key);
  }

  /** Makes room for a new key: stale keys first, then the key whose newest request is the oldest. */
  function makeRoom(cutoff: number): void {
    dropStale(cutoff);
    if (keys.size < capacity) return;
    let oldest: string | undefined;
    let oldestAt = Number.POSITIVE_INFINITY;
    for (const [key, times] of keys) {
      const newest = times.at(-1) ?? cutoff;
      if (newest < oldestAt) [oldest, oldestAt] = [key, newest];
    }
    if (oldest !== undefined) keys.delete(oldest);
  }

  return {
    allow(key, now) {
      const cutoff = now - windowMs;
      if (now - lastSweep >= sweepEveryMs) {
        dropStale(cutoff);
        lastSweep = now;
      }
      let times = keys.get(key);
      if (times === undefined) {
        if (keys.size >= capacity) makeRoom(cutoff);
        keys.set(key, (times = []));
      }
      let stale = 0;
      while (stale < times.length && (times[stale] as number) <= cutoff) stale++;
      if (stale > 0) times.splice(0, stale);
      if (times.length >= limit) return false; // a denial records nothing, so it never extends the window
      times.push(now);
      return true;
    },
  };
}
