// The pairing brute-force lockout (fan-in.md §4.1): 5 failed codes lock a client out of /pair for 300 s.
// Pure: time comes in as `now` (monotonic ms, §9.1).

/** Failures that start a lockout. */
export const maxFailures = 5;
const lockoutMs = 300_000;
const idleMs = 900_000;
const sweepEveryMs = 300_000;
const capacity = 10_000;

interface Entry {
  failures: number;
  lockedAt: number | undefined;
  lastActive: number;
}

/** Failure counts and lockouts per client key. */
export interface Lockout {
  /** Whole seconds (at least 1) the client stays locked out, or undefined; an expired lockout is forgotten. */
  remainingSecs(key: string, now: number): number | undefined;
  /** Counts a failed attempt; the one that reaches `maxFailures` starts the lockout. */
  fail(key: string, now: number): void;
  /** Forgets the client's failures after a success; other clients keep theirs. */
  succeed(key: string): void;
}

/** Creates an empty lockout table. */
export function createLockout(): Lockout {
  const entries = new Map<string, Entry>(); // least recently active first: an update moves the key to the end
  let lastSweep = Number.NEGATIVE_INFINITY;

  function sweep(now: number): void {
    lastSweep = now;
    for (const [key, entry] of entries) if (now - entry.lastActive >= idleMs) entries.delete(key);
  }

  return {
    remainingSecs(key, now) {
      const lockedAt = entries.get(key)?.lockedAt;
      if (lockedAt === undefined) return undefined;
      const elapsedMs = now - lockedAt;
      if (elapsedMs >= lockoutMs) {
        entries.delete(key); // counting restarts at 0
        return undefined;
      }
      // Elapsed whole seconds are subtracted, as the reference does with Duration::as_secs.
      return Math.max(1, lockoutMs / 1000 - Math.floor(elapsedMs / 1000));
    },
    fail(key, now) {
      const entry = entries.get(key) ?? { failures: 0, lockedAt: undefined, lastActive: now };
      entries.delete(key);
      if (now - lastSweep >= sweepEveryMs || entries.size >= capacity) sweep(now);
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
      entry.failures += 1;
      entry.lastActive = now;
      if (entry.failures >= maxFailures && entry.lockedAt === undefined) entry.lockedAt = now;
      entries.set(key, entry);
    },
    succeed(key) {
      entries.delete(key);
    },
  };
}
