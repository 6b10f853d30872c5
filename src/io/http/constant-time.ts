// Secret comparison and digests (fan-in.md §4.1, §4.3, §9.4): no early exit, so timing does not tell how much of a
// guess was right. Edge: node:crypto.
import { createHash } from "node:crypto";

const encoder = new TextEncoder();

/**
 * True iff `a` and `b` have the same UTF-8 bytes. Walks the longer input in full, the shorter one padded with zero
 * bytes (fan-in.md §4.1); `crypto.timingSafeEqual` would throw on different lengths instead (§9.4).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const length = Math.max(x.length, y.length);
  let difference = x.length ^ y.length;
  for (let i = 0; i < length; i++) difference |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return difference === 0;
}

/** The SHA-256 digest of `text` (UTF-8) as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
