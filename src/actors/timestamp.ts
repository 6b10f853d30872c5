// Timestamps as the reference writes and reads them: `YYYY-MM-DDTHH:MM:SSZ` (engine.md §1.4).
// Pure: the time is always passed in (epoch ms from the injected clock).

/** Formats epoch ms as `YYYY-MM-DDTHH:MM:SSZ`: UTC, seconds truncated, no fraction. */
export function formatTimestamp(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * Reads a timestamp back leniently, as the reference does (engine.md §1.4): trailing `Z`s removed, split on `T`,
 * date on `-` and time on `:`, only unsigned-integer pieces kept, exactly three of each. Undefined when unreadable.
 */
export function parseTimestampSecs(text: string): number | undefined {
  const parts = text.replace(/Z+$/, "").split("T");
  if (parts.length !== 2) return undefined;
  const date = unsignedPieces(parts[0] ?? "", "-");
  const time = unsignedPieces(parts[1] ?? "", ":");
  if (date.length !== 3 || time.length !== 3) return undefined;
  const [year = 0, month = 0, day = 0] = date;
  const [hour = 0, minute = 0, second = 0] = time;
  // No range checks: like the reference, out-of-range pieces roll over (`T24:00:00` is the next midnight).
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const ms = new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

function unsignedPieces(text: string, separator: string): number[] {
  return text.split(separator).filter((piece) => /^\d+$/.test(piece)).map(Number);
}
