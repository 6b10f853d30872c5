// Trimming with the Unicode White_Space set, as the reference does (definitions.md §8.1).
// Pure. `String.prototype.trim` differs: it removes U+FEFF and keeps U+0085.

/** Whether a UTF-16 code unit is in the Unicode White_Space set (all of which lie in the BMP). */
export function isWhiteSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/** Removes leading and trailing White_Space characters (U+0085 and U+00A0 included, U+FEFF kept). */
export function trimWhiteSpace(text: string): string {
  // Index loops rather than a regex: `[\s]+$` is quadratic on long inner runs of blanks.
  let start = 0;
  let end = text.length;
  while (start < end && isWhiteSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isWhiteSpaceCode(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
