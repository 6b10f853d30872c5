// Test helper: polls a condition until a deadline (a real wait, for tests against socat ptys only: STYLE.md §18).
import { setTimeout as sleep } from "node:timers/promises";

/** Resolves once `condition()` is true; rejects naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
