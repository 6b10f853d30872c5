// Response builders: compact JSON with the key order of the object given (fan-in.md §3.1, §9.7).
// Pure: no IO.
import { internalError, retryAfterSecs } from "./gateway-texts.ts";

const jsonHeaders = { "content-type": "application/json" };

/** A JSON response; keys keep the order in which `body` was built. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: jsonHeaders });
}

/** `{"error": text}` with `status`. */
export function error(status: number, text: string): Response {
  return json(status, { error: text });
}

/** 429 with the retry hint in the body, never in a `Retry-After` header (fan-in.md §3.1). */
export function tooMany(text: string, retryAfter: number = retryAfterSecs): Response {
  return json(429, { error: text, retry_after: retryAfter });
}

/** 500 `{"error":"Internal server error"}` (fan-in.md §3.2). */
export function internal(): Response {
  return error(500, internalError);
}

/** A response with no body. */
export function empty(status: number): Response {
  return new Response(null, { status });
}

/** A plain-text response, for the few answers the spec keeps out of JSON (the 413). */
export function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
