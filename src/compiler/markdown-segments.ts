// Where SOP.md can be cut so that each piece parses alone into the same top-level blocks as the whole file.
// Pure: no IO, no clock. Why cut at all: micromark copies its whole event list each time a container closes, so a
// single parse of a long list is quadratic; short pieces keep it linear.
import type { MdBlock } from "./markdown-blocks.ts";
import { lineStartOf, spanOf } from "./step-text.ts";

/**
 * How a cut point was found. `after-blank`: the line starts in column 1 after a blank line. `marker`: the line
 * starts in column 1 with an ATX heading or a non-empty list item, right after a non-blank line.
 */
export type SplitKind = "after-blank" | "marker";

/** A line where a new piece may start: its offset, its 0-based line index and why it qualifies. */
export interface SplitPoint {
  readonly offset: number;
  readonly line: number;
  readonly kind: SplitKind;
}

const markerLine = /(?:#{1,6}(?:[ \t]|$)|[-+*][ \t]+[^ \t\n]|[0-9]{1,9}[.)][ \t]+[^ \t\n])/my;

/** Lists the candidate cut points of `text` (LF line endings) in document order. */
export function findSplitPoints(text: string): SplitPoint[] {
  const points: SplitPoint[] = [];
  let previousBlank = true;
  let line = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const first = text.charCodeAt(start);
    const blank = isBlank(text, start, end);
    if (line > 0 && !blank && first !== 0x20 && first !== 0x09) {
      if (previousBlank) points.push({ offset: start, line, kind: "after-blank" });
      else {
        markerLine.lastIndex = start;
        if (markerLine.test(text)) points.push({ offset: start, line, kind: "marker" });
      }
    }
    previousBlank = blank;
    if (newline === -1) break;
    start = newline + 1;
    line++;
  }
  return points;
}

/**
 * Whether a piece that ends with block `last` may really end at a cut point of `kind`: the block must not go on
 * past the cut in the whole document. A line in column 1 closes every container, so only these blocks can.
 */
export function isSafeSplit(piece: string, last: MdBlock | undefined, kind: SplitKind): boolean {
  if (last === undefined) return true;
  switch (last.type) {
    case "code":
      return !isOpenFence(piece, last);
    case "html":
      // HTML blocks of kinds 6 and 7 end at a blank line; kinds 1–5 run to their end marker (CommonMark §4.6).
      return kind === "after-blank" && !isOpenHtml(piece, last);
    case "paragraph":
      // A list item that does not start with 1 would continue the paragraph as a lazy line.
      return kind === "after-blank";
    default:
      return true;
  }
}

/** Whether every character of `text[start, end)` is a space or a tab (a CommonMark blank line). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;

function isOpenFence(piece: string, node: MdBlock): boolean {
  const { start, end } = spanOf(node);
  const opener = fenceOpen.exec(lineAt(piece, start));
  if (opener === null) return false; // indented code ends at any line in column 1
  const fence = opener[1] ?? "";
  const lastLineStart = lineStartOf(piece, end);
  if (lastLineStart <= start) return true;
  const closer = /^ {0,3}(`+|~+)[ \t]*$/.exec(piece.slice(lastLineStart, end));
  const run = closer?.[1];
  return run === undefined || run[0] !== fence[0] || run.length < fence.length;
}

const htmlEnds: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<!\[CDATA\[/, /\]\]>/],
  [/^<![A-Za-z]/, />/],
];

function isOpenHtml(piece: string, node: MdBlock): boolean {
  const { start, end } = spanOf(node);
  const first = lineAt(piece, start).replace(/^ {0,3}/, "");
  for (const [open, close] of htmlEnds) {
    const opener = open.exec(first);
    if (opener === null) continue;
    const openerEnd = piece.indexOf(opener[0], start) + opener[0].length;
    return !close.test(piece.slice(openerEnd, end));
  }
  return false;
}

/** The whole line that contains offset `at`. */
function lineAt(text: string, at: number): string {
  const start = lineStartOf(text, at);
  const newline = text.indexOf("\n", at);
  return text.slice(start, newline === -1 ? text.length : newline);
}
