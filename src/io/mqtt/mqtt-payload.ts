// An MQTT message body as an event payload: UTF-8 text with invalid sequences replaced by U+FFFD (fan-in.md §1.2),
// and a size limit so a huge body never reaches the engine or the store. Pure.

/** What a body becomes: its text (and whether it was valid UTF-8), or its size when over the limit. */
export type DecodedPayload =
  | { readonly kind: "text"; readonly text: string; readonly validUtf8: boolean }
  | { readonly kind: "too_large"; readonly bytes: number };

// ignoreBOM: a leading U+FEFF is kept, as the reference's lossy decoding keeps it.
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { ignoreBOM: true });

/** Decodes `body` unless it is longer than `maxBytes`; never throws. */
export function decodePayload(body: Uint8Array, maxBytes: number): DecodedPayload {
  if (body.length > maxBytes) return { kind: "too_large", bytes: body.length };
  try {
    return { kind: "text", text: strict.decode(body), validUtf8: true };
  } catch {
    return { kind: "text", text: lossy.decode(body), validUtf8: false };
  }
}
