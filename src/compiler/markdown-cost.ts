// A cheap upper estimate of the time micromark needs for a piece of Markdown, read before parsing it.
// Pure: no IO, no clock. Units are microseconds of Bun 1.4 time for micromark 4.0; only the proportions matter.

/** The estimate: `nesting` is the part that grows faster than the text, `total` includes the linear part. */
export interface ParseCost {
  readonly nesting: number;
  readonly total: number;
}

// Measured: micromark matches every open container again on each line (≈ depth² / 4 µs per line) and copies its
// whole event list whenever a container closes (≈ containers × size / 600 µs). Within one paragraph, emphasis
// delimiter runs cost ≈ runs² / 15 µs and brackets ≈ `[` × `]` / 300 µs. Each line and each block costs tens of
// microseconds on top, even for plain paragraphs.
const DEPTH_SQUARED_DIVISOR = 4;
const CLOSE_COPY_DIVISOR = 600;
const DELIMITER_RUNS_SQUARED_DIVISOR = 15;
const BRACKET_PAIRS_DIVISOR = 300;
const MICROS_PER_LINE = 30;
const MICROS_PER_BLANK_LINE = 5;
const MICROS_PER_MARKER = 40;
const MICROS_PER_BRACKET = 3;
const MICROS_PER_CHAR = 0.15;

/** Estimates the parse time of `text` from its size, each line's container prefix and its inline delimiters. */
export function estimateParseCost(text: string): ParseCost {
  let depthSquared = 0;
  let markers = 0;
  let lines = 0;
  let blankLines = 0;
  let inline = 0;
  let brackets = 0;
  // Inline content never spans a blank line, so delimiters are counted per run of non-blank lines.
  let chunk = { runs: 0, opens: 0, closes: 0 };
  // A line can only continue containers that some earlier line opened, so its indentation counts up to that bound.
  let openBound = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const prefix = scanPrefix(text, lineStart, lineEnd);
    if (prefix.end === lineEnd && prefix.markers === 0) {
      blankLines++;
      inline += inlineCost(chunk);
      brackets += chunk.opens;
      chunk = { runs: 0, opens: 0, closes: 0 };
    } else {
      lines++;
      countDelimiters(text, prefix.end, lineEnd, chunk);
    }
    const depth = prefix.markers + Math.min(Math.floor(prefix.width / 2), openBound);
    openBound = Math.max(openBound, depth);
    depthSquared += depth * depth;
    markers += prefix.markers;
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  const nesting = depthSquared / DEPTH_SQUARED_DIVISOR + (markers * text.length) / CLOSE_COPY_DIVISOR +
    inline + inlineCost(chunk);
  const linear = lines * MICROS_PER_LINE + blankLines * MICROS_PER_BLANK_LINE + markers * MICROS_PER_MARKER +
    (brackets + chunk.opens) * MICROS_PER_BRACKET + text.length * MICROS_PER_CHAR;
  return { nesting, total: nesting + linear };
}

interface Delimiters {
  runs: number;
  opens: number;
  closes: number;
}

function inlineCost(chunk: Delimiters): number {
  const runs = (chunk.runs * chunk.runs) / DELIMITER_RUNS_SQUARED_DIVISOR;
  return runs + (chunk.opens * chunk.closes) / BRACKET_PAIRS_DIVISOR;
}

/** Counts emphasis delimiter runs (`*`, `_`) and square brackets in `text[start, end)`. */
function countDelimiters(text: string, start: number, end: number, into: Delimiters): void {
  let previous = -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if ((code === 0x2a || code === 0x5f) && code !== previous) into.runs++;
    else if (code === 0x5b) into.opens++;
    else if (code === 0x5d) into.closes++;
    previous = code;
  }
}

/** Counts container markers (`>`, `-`, `+`, `*`, `1.`, `1)`) and whitespace columns at the start of one line. */
function scanPrefix(text: string, start: number, end: number): { markers: number; width: number; end: number } {
  let markers = 0;
  let width = 0;
  let column = 0;
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09) {
      const step = code === 0x09 ? 4 - (column % 4) : 1;
      width += step;
      column += step;
      i++;
      continue;
    }
    const markerEnd = markerEndAt(text, i, end);
    if (markerEnd === undefined) break;
    markers++;
    column += markerEnd - i;
    i = markerEnd;
  }
  return { markers, width, end: i };
}

/** The offset after a container marker at `i`, or undefined when none starts there. */
function markerEndAt(text: string, i: number, end: number): number | undefined {
  const code = text.charCodeAt(i);
  if (code === 0x3e) return i + 1; // `>`
  let after = i;
  if (code === 0x2d || code === 0x2b || code === 0x2a) after = i + 1; // `-`, `+`, `*`
  else {
    while (after < end && after - i < 9 && isDigit(text.charCodeAt(after))) after++;
    if (after === i || after >= end) return undefined;
    const delimiter = text.charCodeAt(after);
    if (delimiter !== 0x2e && delimiter !== 0x29) return undefined; // `.` or `)`
    after++;
  }
  if (after === end) return after;
  const next = text.charCodeAt(after);
  return next === 0x20 || next === 0x09 ? after : undefined;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
