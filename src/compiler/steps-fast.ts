// SOP.md steps without micromark: a line scanner for the plain Markdown that typical SOP.md files are written in
// (definitions.md §3.6). It gives what the mdast path in steps.ts gives, or `undefined` for any document it is not
// certain about, so that the mdast path decides. Pure: no IO, no clock. One pass, linear, and it stops at the
// first line it does not know; steps-fast.test.ts compares it with the mdast path on generated documents.
import type { ParsedSteps } from "./steps.ts";
import { estimateParseCost } from "./markdown-cost.ts";
import { applySubBullet, dropSeparator, subBulletOf, type StepDraft } from "./step-item.ts";
import { isWhiteSpaceCode, trimWhiteSpace } from "./trim.ts";

// The mdast path skips, with a warning, what its parse-time estimate puts over budget (markdown-blocks.ts: 1,000,000
// for one piece's nesting, 4,000,000 in all); a piece never costs more than the whole text. A quarter of each
// budget leaves room for them to shrink; SOP.md files of this subset cost a few thousand.
const NESTING_LIMIT = 250_000;
const TOTAL_LIMIT = 1_000_000;
// Text of L characters cannot reach the piece budget when L²/4 + L²/600 (nesting levels and delimiter runs take a
// character each in markdown-cost.ts) stays under it: about 270,000 here. Skipping the estimate for typical files
// matters on a cold start, where every character that a JavaScript loop visits costs.
const UNDER_BUDGET_CHARS = 1024;
// Longer files are left to the mdast path without a look, which also bounds this scanner's work.
const MAX_CHARS = 65_536;

/** Reads the steps of normalised SOP.md text (no BOM, LF line endings); undefined when the mdast path must decide. */
export function parseStepsFast(text: string): ParsedSteps | undefined {
  // A byte-order mark would hide the first heading; parseSteps has removed it by now (normalizeMarkdown).
  if (text.length > MAX_CHARS || text.charCodeAt(0) === 0xfeff || untame.test(text)) return undefined;
  const scan: Scan = { steps: [], inSection: false, item: undefined, afterBlank: true, delimiter: undefined };
  let start = 0;
  for (;;) {
    const newline = text.indexOf("\n", start);
    const line = text.slice(start, newline === -1 ? text.length : newline);
    if (!isTameLine(line) || !readLine(scan, line)) return undefined;
    if (newline === -1) break;
    start = newline + 1;
  }
  finishItem(scan);
  return isOverBudget(text) ? undefined : { steps: scan.steps, warnings: [] };
}

function isOverBudget(text: string): boolean {
  if (text.length <= UNDER_BUDGET_CHARS) return false;
  const cost = estimateParseCost(text);
  return cost.nesting > NESTING_LIMIT || cost.total > TOTAL_LIMIT;
}

/** The step being read: the item's content column, and its body lines so far. */
interface OpenItem {
  readonly step: StepDraft;
  readonly column: number;
  readonly bold: boolean;
  /** The first paragraph's lines after the title while it is open: they form the first body part together. */
  head: string[] | undefined;
  /** Later body lines; a paragraph's lines and the `- text` bullet lines, each non-empty. */
  readonly lines: string[];
  /** A bullet's paragraph stays open, so text right below a bullet would continue it lazily. */
  lastWasBullet: boolean;
}

interface Scan {
  readonly steps: StepDraft[];
  inSection: boolean;
  item: OpenItem | undefined;
  afterBlank: boolean;
  /** The delimiter of the previous item in this run of lists, `.` or `)`. */
  delimiter: string | undefined;
}

const HASH = 0x23;
const SPACE = 0x20;

/** Reads one line that passed `isTameLine`; false when the mdast path must decide. */
function readLine(scan: Scan, line: string): boolean {
  const first = line.charCodeAt(0);
  // A line in column 1 that starts with `#` is a top-level heading (no fences, HTML or quotes get this far), so
  // headings cut the document into sections that parse independently.
  if (first === HASH) return readHeading(scan, line);
  // Outside steps sections only the headings matter; `*` is still held to the bold-title pattern everywhere.
  if (!scan.inSection) return !line.includes("*") || readItemLine(line) !== undefined;
  if (isDigit(first)) return startItem(scan, line);
  if (line.includes("*")) return false;
  const indent = leadingSpaces(line);
  if (indent === line.length) {
    closeHead(scan.item);
    scan.afterBlank = true;
    return true;
  }
  // Only the item's own content column: less is lazy or stray text, more is a bullet's or code's.
  const item = scan.item;
  const ok = item !== undefined && indent === item.column && readItemContent(scan, item, line.slice(indent));
  scan.afterBlank = false;
  return ok;
}

/** §3.1: `#`..`######`, then a space or the end of the line, then plain text without a closing `#` sequence. */
function readHeading(scan: Scan, line: string): boolean {
  let level = 1;
  while (level < line.length && line.charCodeAt(level) === HASH) level++;
  if (level > 6 || (level < line.length && line.charCodeAt(level) !== SPACE)) return false;
  const content = line.slice(level);
  if (/[#*_`[\]]/.test(content)) return false;
  finishItem(scan);
  scan.delimiter = undefined;
  if (level <= 2) scan.inSection = level === 2 && /^steps$/i.test(trimWhiteSpace(content));
  return true;
}

/** A column-1 ordered-list item in a steps section: ends the open step and opens the next one. */
function startItem(scan: Scan, line: string): boolean {
  const head = readItemLine(line);
  if (head === undefined) return false;
  // A change of delimiter starts another list, which right below a paragraph meets CommonMark's subtle rules on
  // interrupting it: rare in SOP.md, so the mdast path decides.
  if (!scan.afterBlank && scan.delimiter !== undefined && scan.delimiter !== head.delimiter) return false;
  finishItem(scan);
  scan.delimiter = head.delimiter;
  scan.afterBlank = false;
  const { number, title, rest } = head;
  const step: StepDraft = { number, title, body: "", suggestedTools: [], requiresConfirmation: false };
  const first = rest === undefined ? [] : [trimWhiteSpace(rest)];
  scan.item = { step, column: head.column, bold: rest !== undefined, head: first, lines: [], lastWasBullet: false };
  return true;
}

/** A line at the item's content column: a `- ` sub-bullet, or paragraph text. */
function readItemContent(scan: Scan, item: OpenItem, content: string): boolean {
  if (content.startsWith("- ")) {
    const text = content.slice(2);
    if (!isPlainStart(text)) return false;
    closeHead(item);
    item.lastWasBullet = true;
    const trimmed = trimWhiteSpace(text);
    const bullet = subBulletOf(trimmed);
    if (bullet === undefined) item.lines.push(`- ${trimmed}`);
    else applySubBullet(item.step, bullet);
    return true;
  }
  if (!isPlainStart(content) || (item.lastWasBullet && !scan.afterBlank)) return false;
  item.lastWasBullet = false;
  (item.head ?? item.lines).push(trimWhiteSpace(content));
  return true;
}

/** Ends the item's first paragraph: its text after the title becomes the first body part (§3.4). */
function closeHead(item: OpenItem | undefined): void {
  if (item?.head === undefined) return;
  const text = item.head.join("\n");
  const part = item.bold ? dropSeparator(trimWhiteSpace(text)) : text;
  if (part !== "") item.lines.push(part); // nothing is in `lines` yet: the head is always the first paragraph
  item.head = undefined;
}

/** Ends the open item; its step counts only inside a steps section (items elsewhere are read to stay in step). */
function finishItem(scan: Scan): void {
  const item = scan.item;
  if (item === undefined) return;
  closeHead(item);
  item.step.body = trimWhiteSpace(item.lines.join("\n"));
  if (scan.inSection) scan.steps.push(item.step);
  scan.item = undefined;
}

/** An item's first line: written number, delimiter, content column, title and (after a bold title) the rest. */
interface ItemLine {
  readonly number: number;
  readonly delimiter: string;
  readonly column: number;
  readonly title: string;
  readonly rest: string | undefined;
}

/**
 * Reads `N. ` or `N) ` (1–9 digits, one space) and the content. Content that opens with `**` must be exactly
 * `**Title**` and the line's only `*`s, with no `` ` ``, `[`, `]` or `_` on the line, which could start code, a link or
 * emphasis around the `**`. Other content must start with plain text and hold no `*` (resolved detail 1); a `_`
 * after its first character cannot make it open with a strong run, so tool names like `http_request` are fine.
 */
function readItemLine(line: string): ItemLine | undefined {
  let digits = 0;
  while (digits < line.length && isDigit(line.charCodeAt(digits))) digits++;
  const delimiter = line[digits];
  // CommonMark allows nine digits at most; one space puts the content column right after it.
  if (digits === 0 || digits > 9 || (delimiter !== "." && delimiter !== ")")) return undefined;
  if (line[digits + 1] !== " ") return undefined;
  const content = line.slice(digits + 2);
  const number = Number.parseInt(line.slice(0, digits), 10);
  const column = digits + 2;
  if (!content.startsWith("**")) {
    if (!isPlainStart(content) || content.includes("*")) return undefined;
    return { number, delimiter, column, title: trimWhiteSpace(content), rest: undefined };
  }
  const close = content.indexOf("*", 2);
  const title = content.slice(2, close);
  const rest = content.slice(close + 2);
  if (close === -1 || content[close + 1] !== "*" || rest.includes("*") || /[`[\]_]/.test(line)) return undefined;
  return isStrongTitle(title, rest) ? { number, delimiter, column, title, rest } : undefined;
}

// micromark's Unicode punctuation: general categories P and S (micromark-util-character).
const punctuation = /[\p{P}\p{S}]/u;

/**
 * Whether `**title**` before `rest` is sure to be a strong run (CommonMark flanking rules): the title neither starts
 * nor ends with white space, and when it ends with punctuation the closing `**` is followed by nothing, a space or
 * punctuation. Half a surrogate pair counts as punctuation at the end and as neither after it, to be safe.
 */
function isStrongTitle(title: string, rest: string): boolean {
  if (title === "" || isAnySpace(title.charCodeAt(0)) || isAnySpace(title.charCodeAt(title.length - 1))) return false;
  const last = title.charCodeAt(title.length - 1);
  if (!(last >= 0xd800 && last <= 0xdfff) && !punctuation.test(title.slice(-1))) return true;
  return rest === "" || rest.charCodeAt(0) === SPACE || punctuation.test(rest.slice(0, 1));
}

/**
 * Anywhere in the text, these rule it out: control characters and tabs (tab stops shift columns), `\` escapes,
 * `&` references, `<` HTML or autolinks, code fences and link reference definitions. One native scan, linear.
 */
const untame = /[\0-\x09\x0b-\x1f\\&<]|```|~~~|\]:/;

/**
 * Lines that rule the text out: a `#` line not in column 1, a block quote, and a line of only `-`, `=`, `_`, `*`
 * and spaces (a setext underline or a thematic break, maybe). Anchored, and each part matches one way: linear.
 */
const untameLine = /^ +#|^ *>|^ *[-=_*][-=_* ]*$/;

function isTameLine(line: string): boolean {
  return !untameLine.test(line);
}

/**
 * Whether text at a content start is sure to begin a plain paragraph line: not white space (which the line would
 * otherwise lose) and not a character that can open a heading, quote, list, table, definition or emphasis.
 */
function isPlainStart(text: string): boolean {
  if (text === "" || isAnySpace(text.charCodeAt(0)) || "#>-+*=_[|".includes(text[0] ?? "")) return false;
  let digits = 0;
  while (digits < text.length && isDigit(text.charCodeAt(digits))) digits++;
  return digits === 0 || (text[digits] !== "." && text[digits] !== ")");
}

/** White_Space (trim.ts) plus U+FEFF, which JavaScript's `\s` (micromark's Unicode whitespace) also counts. */
function isAnySpace(code: number): boolean {
  return isWhiteSpaceCode(code) || code === 0xfeff;
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (count < line.length && line.charCodeAt(count) === SPACE) count++;
  return count;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
