// Strict decimal numbers: the reference's float syntax, used for direct-mode payloads, number literals and numeric
// strings (definitions.md §6.6, §8.2). Pure: no IO, no clock.

const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;

// Looked up lowercased; a Map so that no prototype member can answer.
const specialWords = new Map([["inf", Infinity], ["infinity", Infinity], ["nan", NaN]]);

/**
 * Parses a whole string as a strict decimal number, or returns undefined.
 *
 * Accepts an optional sign, then `inf`, `infinity` or `nan` in any letter case, or `digits`, `digits.`,
 * `digits.digits` or `.digits` with an optional exponent. No whitespace, hex, `_` or empty string: `Number()`
 * would accept `""`, `" 5 "` and `0x10`, and `parseFloat()` accepts `5abc` (definitions.md §8.2).
 */
export function parseStrictDecimal(text: string): number | undefined {
  const first = text.charCodeAt(0);
  const start = first === 0x2b || first === 0x2d ? 1 : 0; // "+" or "-"
  if (text.length - start <= "infinity".length) {
    const special = specialWords.get(text.slice(start).toLowerCase());
    if (special !== undefined) return first === 0x2d ? -special : special;
  }
  // The scan is a single left-to-right pass (no regex), so a long payload costs linear time.
  return isDecimal(text, start) ? Number(text) : undefined;
}

function isDecimal(text: string, start: number): boolean {
  let i = skipDigits(text, start);
  let digits = i - start;
  if (text.charCodeAt(i) === DOT) {
    const fractionEnd = skipDigits(text, i + 1);
    digits += fractionEnd - i - 1;
    i = fractionEnd;
  }
  if (digits === 0) return false;
  if (i < text.length && (text[i] === "e" || text[i] === "E")) {
    const sign = text[i + 1] === "+" || text[i + 1] === "-" ? 1 : 0;
    const exponentEnd = skipDigits(text, i + 1 + sign);
    if (exponentEnd === i + 1 + sign) return false;
    i = exponentEnd;
  }
  return i === text.length;
}

function skipDigits(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) break;
    i++;
  }
  return i;
}
