// Run ids: `run-{epoch_ms}-{counter}` (engine.md §1.3, DECISIONS D15).
// Pure: no IO, no clock. The caller passes the injected clock's epoch ms and the persisted counter's next value.

/**
 * Formats a run id; the counter is zero-padded to at least 4 digits and never truncated (`10000` stays `10000`).
 * Throws RangeError for a value that is not a non-negative safe integer: that is a caller bug, not user input.
 */
export function formatRunId(epochMs: number, counter: number): string {
  // Safe integers only: String(1e21) is "1e+21", which would not be an id at all.
  if (!Number.isSafeInteger(epochMs) || epochMs < 0) {
    throw new RangeError(`formatRunId: epochMs must be a non-negative integer, got ${epochMs}`);
  }
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError(`formatRunId: counter must be a non-negative integer, got ${counter}`);
  }
  return `run-${epochMs}-${String(counter).padStart(4, "0")}`;
}

/** True when `text` has the run-id shape of engine.md §1.3: `run-` + digits + `-` + at least 4 digits. */
export function isRunId(text: string): boolean {
  return /^run-[0-9]+-[0-9]{4,}$/.test(text);
}
