// The gateway's user-visible texts: spec texts byte for byte (fan-in.md §3–§4, marked exact there), the rest new in
// this runtime. Pure data and templates; test/io/http/gateway-texts.test.ts pins them.

/** §3.2 row 1, §4.6; also the `/api/*` limit (fan-in.md Resolved detail 4). */
export const tooManyRequests = "Too many requests. Please retry later.";
/** §3.3 row 1. */
export const tooManyWebhookRequests = "Too many webhook requests. Please retry later.";
/** §3.4 row 1. */
export const tooManyPairingRequests = "Too many pairing requests. Please retry later.";
/** §3.4 row 2; `seconds` is the remaining lockout, at least 1. */
export function tooManyFailedAttempts(seconds: number): string {
  return `Too many failed attempts. Try again in ${seconds}s.`;
}
/** The `retry_after` of every 429 but the lockout one (§3.1: no `Retry-After` header). */
export const retryAfterSecs = 60;

/** §3.2 row 2, §4.2. */
export const unauthorized = "Unauthorized — pair first via POST /pair, then send Authorization: Bearer <token>";
/** §3.2 row 3 (`/sop/*`). */
export const invalidWebhookSecret = "Invalid or missing X-Webhook-Secret";
/** §3.3 row 3 (`/webhook`). */
export const invalidWebhookSecretHeader = "Unauthorized — invalid or missing X-Webhook-Secret header";
/** §3.2 row 4 (fan-in.md Resolved detail 1). */
export const invalidSignature = "Invalid or missing X-Signature-256";
/** §3.2 row 5: kept although `message` is no longer required (D10). */
export const invalidJsonBody = 'Invalid JSON body. Expected: {"message": "..."}';
/** §3.2 row 6. */
export const duplicateRequest = "Request already processed for this idempotency key";
/** §3.2 row 7. */
export const engineNotAvailable = "SOP engine not available";
/** §3.2 row 9, §3.3 row 9. */
export const noSopMatched = "No SOP matched this path";
/** §3.2: any unexpected failure. */
export const internalError = "Internal server error";

/** §3.4 row 3. */
export const pairedMessage = "Save this token — use it as Authorization: Bearer <token>";
/** §3.4 row 3b: still names config.toml, for compatibility. */
export const pairedNotPersisted =
  "Paired for this process, but failed to persist token to config.toml. Check config path and write permissions.";
/** §3.4 row 4. */
export const invalidPairingCode = "Invalid pairing code";

/** §3.1: the 413 body is not JSON. */
export const bodyTooLarge = "length limit exceeded";

// New in this runtime (not fixed by the reference).

/** `/api/*` with a body that is not strict JSON. */
export const invalidApiBody = "Cannot parse request body: expected a JSON value";
/** `/api/tools/{tool}` for a tool that does not exist. */
export function unknownTool(name: string): string {
  return `Unknown tool "${name}"`;
}
/** A path the gateway does not serve. */
export const notFound = "Not found";
/** A served path asked with another method. */
export const methodNotAllowed = "Method not allowed";

/** The line the daemon prints when the bind guard refuses the host (fan-in.md §4.8). */
export function publicBindRefused(host: string): string {
  return `Refusing to bind to public address ${host}: set [gateway] allow_public_bind = true to allow it`;
}
