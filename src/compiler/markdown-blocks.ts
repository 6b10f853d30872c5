// SOP.md as a list of top-level mdast blocks, parsed piece by piece so that no input can hang or crash the parser.
// Pure: no IO, no clock. CommonMark only (mdast-util-from-markdown, no GFM), as definitions.md §3 requires.
import { fromMarkdown } from "mdast-util-from-markdown";
import { estimateParseCost } from "./markdown-cost.ts";
import { findSplitPoints, isSafeSplit, type SplitPoint } from "./markdown-segments.ts";

type MdRoot = ReturnType<typeof fromMarkdown>;
/** Any mdast node that can sit in a document, as mdast-util-from-markdown types it. */
export type MdBlock = MdRoot["children"][number];
/** An mdast list (ordered or not). */
export type MdList = Extract<MdBlock, { type: "list" }>;
/** An mdast list item. */
export type MdListItem = MdList["children"][number];
/** A block inside a list item. */
export type MdItemBlock = MdListItem["children"][number];

/** One top-level block with the text its positions refer to and the number of lines before that text. */
export interface TopBlock {
  readonly node: MdBlock;
  readonly text: string;
  readonly lineOffset: number;
}

/** Lines (1-based, inclusive) that were not parsed, and why. */
export interface SkippedLines {
  readonly fromLine: number;
  readonly toLine: number;
  readonly reason: "too-complex" | "too-large" | "parser-failed";
  readonly detail?: string;
}

/** What `parseMarkdownBlocks` returns: the top-level blocks in document order and the parts it had to skip. */
export interface MarkdownBlocks {
  readonly blocks: TopBlock[];
  readonly skipped: SkippedLines[];
}

const PIECE_TARGET_CHARS = 4096;
// Budgets in estimated microseconds (markdown-cost.ts). A piece over the nesting budget nests thousands of
// containers; a document over the total budget is megabytes of dense blocks. Both are skipped with a warning
// rather than parsed for minutes, since micromark's time is quadratic in nesting and slow per block.
const PIECE_NESTING_BUDGET = 1_000_000;
const DOCUMENT_BUDGET = 4_000_000;

/** Removes a leading byte-order mark and turns CRLF and CR line endings into LF (lines keep their numbers). */
export function normalizeMarkdown(markdown: string): string {
  const text = markdown.charCodeAt(0) === 0xfeff ? markdown.slice(1) : markdown;
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/** Parses `text` (already normalised) into its top-level blocks, cutting it where the cut cannot change them. */
export function parseMarkdownBlocks(text: string): MarkdownBlocks {
  const points = findSplitPoints(text);
  const totalLines = countLines(text);
  const blocks: TopBlock[] = [];
  const skipped: SkippedLines[] = [];
  let budgetLeft = DOCUMENT_BUDGET;
  let start = 0;
  let startLine = 0;
  let target = PIECE_TARGET_CHARS;
  let shrunk = false;
  while (start < text.length) {
    const cut = points[firstPointFrom(points, start + target)];
    const end = cut?.offset ?? text.length;
    const endLine = cut?.line ?? totalLines;
    const piece = withoutTrailingBlankLines(text.slice(start, end));
    const cost = estimateParseCost(piece);
    if (cost.nesting > PIECE_NESTING_BUDGET && !shrunk && target > 1) {
      shrunk = true; // retry with the shortest piece, so the deep part takes as few other lines with it as it can
      target = 1;
      continue;
    }
    if (cost.nesting <= PIECE_NESTING_BUDGET && cost.total > budgetLeft) {
      skipped.push({ fromLine: startLine + 1, toLine: Math.max(totalLines, startLine + 1), reason: "too-large" });
      break;
    }
    const outcome = cost.nesting > PIECE_NESTING_BUDGET ? { kind: "too-complex" as const } : parsePiece(piece);
    if (outcome.kind === "parsed") budgetLeft -= cost.total;
    if (outcome.kind === "parsed" && cut !== undefined && !isSafeSplit(piece, outcome.children.at(-1), cut.kind)) {
      target = 2 * (end - start); // the last block runs on past the cut: retry with a longer piece
      continue;
    }
    if (outcome.kind === "parsed") {
      for (const node of outcome.children) blocks.push({ node, text: piece, lineOffset: startLine });
    } else {
      skipped.push(skippedLines(startLine, startLine + countLines(piece), outcome));
    }
    start = end;
    startLine = endLine;
    target = PIECE_TARGET_CHARS;
    shrunk = false;
  }
  return { blocks, skipped };
}

type PieceOutcome =
  | { readonly kind: "parsed"; readonly children: MdBlock[] }
  | { readonly kind: "too-complex" }
  | { readonly kind: "parser-failed"; readonly detail: string };

function parsePiece(piece: string): PieceOutcome {
  if (piece === "") return { kind: "parsed", children: [] };
  try {
    return { kind: "parsed", children: fromMarkdown(piece).children };
  } catch (error) {
    // micromark is not ours to fix: a stack overflow or an internal assertion becomes a warning (STYLE.md §10)
    return { kind: "parser-failed", detail: error instanceof Error ? error.message : String(error) };
  }
}

function skippedLines(fromIndex: number, toIndex: number, outcome: PieceOutcome): SkippedLines {
  const lines = { fromLine: fromIndex + 1, toLine: Math.max(toIndex, fromIndex + 1) };
  if (outcome.kind === "parser-failed") return { ...lines, reason: "parser-failed", detail: outcome.detail };
  return { ...lines, reason: "too-complex" };
}

/** The index of the first split point at or after `offset` (points are sorted by offset). */
function firstPointFrom(points: readonly SplitPoint[], offset: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((points[middle]?.offset ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Drops the blank lines at the end of a piece: they add no block (a fence left open there makes the cut unsafe
 * anyway, and bodies are trimmed), but micromark spends microseconds on each one.
 */
function withoutTrailingBlankLines(piece: string): string {
  let last = piece.length - 1;
  while (last >= 0 && isBlankChar(piece.charCodeAt(last))) last--;
  if (last < 0) return "";
  const newline = piece.indexOf("\n", last);
  return newline === -1 ? piece : piece.slice(0, newline + 1);
}

function isBlankChar(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

/** The number of lines of `text`; a final line ending does not start another line. */
function countLines(text: string): number {
  let count = text === "" || text.endsWith("\n") ? 0 : 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
