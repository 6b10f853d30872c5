// Strict JSON (RFC 8259) as the reference's parser reads payloads (definitions.md §6.4 step 1, §8.4).
// Pure: no IO, no clock.

/** The outcome of parsing a payload as strict JSON; a failure carries no reason because it only means "no match". */
export type StrictJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const maxDepth = 128;
const failed: StrictJson = { ok: false };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Parses JSON text, failing where `JSON.parse` is more lenient than the reference (definitions.md §8.4).
 *
 * Fails on nesting deeper than 128, on a number outside the double range (`1e400`) and on a string or key that is
 * not well-formed UTF-16 (`"\ud800"`). Surrounding whitespace and any root type are allowed; a duplicate key keeps
 * its last value. Never throws, however deep or large the text.
 */
export function parseStrictJson(text: string): StrictJson {
  // The depth check runs on the text first, so a million `[` never reach JSON.parse (which may throw RangeError)
  // and the walk below may recurse.
  const scan = scanText(text);
  if (scan === "reject") return failed;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failed;
  }
  return isSound(value, scan === "escapes") ? { ok: true, value } : failed;
}

/**
 * One pass over the text, outside and inside strings: rejects nesting deeper than `maxDepth` and raw lone
 * surrogates, and says whether strings hold `\u` escapes, which only the parsed value can show to be well-formed.
 */
function scanText(text: string): "reject" | "escapes" | "plain" {
  let depth = 0;
  let inString = false;
  let escapes = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) {
        if (text[i + 1] === "u") escapes = true;
        i++;
      } else if (code === QUOTE) inString = false;
      else if (code >= 0xd800 && code <= 0xdfff && !isPairAt(text, i++)) return "reject";
    } else if (code === QUOTE) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return "reject";
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return escapes ? "escapes" : "plain";
}

/** Checks the parsed value: every number finite and, when escapes were seen, every string well-formed. */
function isSound(value: unknown, checkStrings: boolean): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") return !checkStrings || isWellFormed(value);
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) return value.every((item) => isSound(item, checkStrings));
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if ((checkStrings && !isWellFormed(key)) || !isSound(record[key], checkStrings)) return false;
  }
  return true;
}

/** `String.prototype.isWellFormed` is ES2024; the project targets ES2023. */
function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff && !isPairAt(text, i++)) return false;
  }
  return true;
}

/** Whether a high surrogate at `i` is followed by a low surrogate. */
function isPairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}
