// Bearer tokens (fan-in.md §3.5, §4.1, §4.2): which tokens are known, and whether a request presents one.
// Only SHA-256 digests are held; tokens from config and from /pair both end up here. Edge: node:crypto.
import { sha256Hex } from "./constant-time.ts";

/** The known token digests and the check every guarded route runs. */
export interface Tokens {
  /** Whether the request may pass: always when pairing is not required, else a known token. */
  authorized(headers: Headers): boolean;
  /** Whether any token exists (no pairing code is needed then). */
  any(): boolean;
  /** Accepts the token with this digest from now on. */
  add(digest: string): void;
}

/**
 * Tokens from `[gateway] paired_tokens` (64 hex characters are a digest, anything else is a plaintext token) and
 * from the state database.
 */
export function createTokens(requirePairing: boolean, configured: readonly string[], stored: readonly string[])
  : Tokens {
  const digests = new Set(stored);
  for (const value of configured) digests.add(/^[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : sha256Hex(value));
  return {
    // The digest of a presented token is looked up, not compared: equal digests need the token itself.
    authorized: (headers) => !requirePairing || digests.has(sha256Hex(bearerToken(headers))),
    any: () => digests.size > 0,
    add: (digest) => void digests.add(digest),
  };
}

/** The token after exactly `Bearer `, untrimmed; any other form, or a value that is not visible ASCII, is `""`. */
export function bearerToken(headers: Headers): string {
  const value = visibleAscii(headers.get("authorization"));
  return value.startsWith("Bearer ") ? value.slice("Bearer ".length) : "";
}

/** A header value if it is visible ASCII (tabs and spaces allowed), else `""`, as the reference's `to_str()`. */
export function visibleAscii(value: string | null): string {
  return value !== null && /^[\t\x20-\x7e]*$/.test(value) ? value : "";
}
