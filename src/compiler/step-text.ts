// Source-text helpers for SOP.md steps: titles and bodies are cut from the Markdown as written (definitions.md §3.4),
// and step numbers are read from the list markers (§3.3). Pure: no IO, no clock.
import type { MdBlock } from "./markdown-blocks.ts";
import { trimWhiteSpace } from "./trim.ts";

/** Anything with an mdast position. */
export type Positioned = Pick<MdBlock, "position">;

/** Where a list item's content starts: the visual column (tabs to multiples of 4) and the offset in the text. */
export interface ItemContent {
  readonly column: number;
  readonly offset: number;
  readonly lineStart: number;
}

/** Start and end offsets of a node in the text it was parsed from (0 when the parser left them out). */
export function spanOf(node: Positioned): { readonly start: number; readonly end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** The offset where the line that contains offset `at` starts. */
export function lineStartOf(text: string, at: number): number {
  return at <= 0 ? 0 : text.lastIndexOf("\n", at - 1) + 1;
}

/** Trims every line (Unicode White_Space) and joins them with `\n`: how a paragraph's text is taken (§3.4). */
export function trimLines(text: string): string {
  return text.split("\n").map(trimWhiteSpace).join("\n");
}

/** The trimmed, non-blank lines of `text[start, end)`: the fallback text when nesting is too deep to render. */
export function flatLines(text: string, start: number, end: number): string {
  return text.slice(start, end).split("\n").map(trimWhiteSpace).filter((line) => line !== "").join("\n");
}

/** The number written in the list marker at `at` (DECISIONS D2); undefined when no digits are there. */
export function writtenNumber(text: string, at: number): number | undefined {
  let end = at;
  while (end < text.length && end - at < 9 && isDigit(text.charCodeAt(end))) end++;
  return end === at ? undefined : Number.parseInt(text.slice(at, end), 10);
}

/** Finds where a list item's content starts, by the CommonMark rule for the spaces after its marker. */
export function itemContent(text: string, item: Positioned): ItemContent {
  const markerStart = spanOf(item).start;
  const lineStart = lineStartOf(text, markerStart);
  let markerEnd = markerStart;
  while (markerEnd < text.length && isDigit(text.charCodeAt(markerEnd))) markerEnd++;
  markerEnd++; // the bullet, or the `.` / `)` after the digits
  const newline = text.indexOf("\n", markerEnd);
  const lineEnd = newline === -1 ? text.length : newline;
  const markerColumn = visualColumn(text, lineStart, markerEnd);
  let column = markerColumn;
  let offset = markerEnd;
  while (offset < lineEnd && isSpaceOrTab(text.charCodeAt(offset))) {
    column = text.charCodeAt(offset) === 0x09 ? column + 4 - (column % 4) : column + 1;
    offset++;
  }
  // A blank rest of line, or five or more columns of spaces, means the content sits one column after the marker.
  if (offset === lineEnd || column - markerColumn > 4) {
    return { column: markerColumn + 1, offset: Math.min(markerEnd + 1, lineEnd), lineStart };
  }
  return { column, offset, lineStart };
}

/**
 * A block's source lines with the item's content indentation removed (§3.4: code, block quotes, HTML, headings).
 * On the item's own first line the text starts where the item's content starts.
 */
export function rawLines(text: string, node: Positioned, content: ItemContent): string {
  const { start, end } = spanOf(node);
  const lines: string[] = [];
  let lineStart = lineStartOf(text, start);
  while (lineStart <= end) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = Math.min(newline === -1 ? text.length : newline, end);
    if (lineStart === content.lineStart) lines.push(text.slice(Math.max(content.offset, lineStart), lineEnd));
    else lines.push(stripColumns(text.slice(lineStart, lineEnd), content.column));
    if (newline === -1 || newline >= end) break;
    lineStart = newline + 1;
  }
  return lines.join("\n");
}

/** Removes up to `columns` visual columns of leading spaces and tabs; a tab that straddles the edge leaves spaces. */
function stripColumns(line: string, columns: number): string {
  let column = 0;
  let i = 0;
  while (i < line.length && column < columns) {
    const code = line.charCodeAt(i);
    if (code === 0x20) column++;
    else if (code === 0x09) {
      const next = column + 4 - (column % 4);
      if (next > columns) return " ".repeat(next - columns) + line.slice(i + 1);
      column = next;
    } else break;
    i++;
  }
  return line.slice(i);
}

/** The visual column (0-based, tabs to multiples of 4) of offset `at`, counted from `lineStart`. */
function visualColumn(text: string, lineStart: number, at: number): number {
  let column = 0;
  for (let i = lineStart; i < at; i++) column = text.charCodeAt(i) === 0x09 ? column + 4 - (column % 4) : column + 1;
  return column;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
