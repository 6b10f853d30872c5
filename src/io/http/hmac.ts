// The webhook signature (D10, fan-in.md §4.4, Resolved detail 1): `X-Signature-256: sha256=<hex>`, the
// HMAC-SHA256 of the raw body bytes, GitHub style. Edge: node:crypto.
import { createHmac } from "node:crypto";
import { constantTimeEqual } from "./constant-time.ts";

const prefix = "sha256=";

/** Whether `header` signs `body` with `secret`; hex letters compare case-insensitively, in constant time. */
export function validSignature(secret: string, header: string | null, body: Uint8Array): boolean {
  if (header === null || !header.startsWith(prefix)) return false;
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  return constantTimeEqual(header.slice(prefix.length).toLowerCase(), expected);
}
