// SOP.md step parsing: the ordered-list items of each `## Steps` section become steps (definitions.md §3,
// DECISIONS D2, D3, resolved details 1–3). Pure: no IO, no clock. Never throws: what cannot be read is a warning.
import {
  type MdBlock,
  type MdList,
  normalizeMarkdown,
  parseMarkdownBlocks,
  type SkippedLines,
  type TopBlock,
} from "./markdown-blocks.ts";
import type { Step } from "./sop.ts";
import { parseStepsFast } from "./steps-fast.ts";
import { applySubBullet, readStepItem, readSubBullet, type StepDraft } from "./step-item.ts";
import { trimWhiteSpace } from "./trim.ts";

/** A finding about SOP.md that does not stop it from loading; `validate` reports it (resolved detail 2). */
export interface StepWarning {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** The steps of an SOP.md in document order, with warnings about text that no step could take. */
export interface ParsedSteps {
  steps: Step[];
  warnings: StepWarning[];
}

/**
 * Parses the steps of SOP.md text (a leading BOM and CRLF line endings are fine); never throws. Typical files take
 * the line scanner of steps-fast.ts; whatever it is not certain about goes through mdast.
 */
export function parseSteps(markdown: string): ParsedSteps {
  try {
    const text = normalizeMarkdown(markdown);
    return parseStepsFast(text) ?? readDocument(text);
  } catch (error) {
    return failed(error);
  }
}

/** The mdast path alone: the reference semantics, which steps-fast.test.ts holds the fast path to. */
export function parseStepsWithMdast(markdown: string): ParsedSteps {
  try {
    return readDocument(normalizeMarkdown(markdown));
  } catch (error) {
    return failed(error);
  }
}

/** Resolved detail 2: a sub-bullet written under the step's list but not indented into its item. */
export function notIndentedWarning(number: number, key: string): string {
  return `Step ${number}: '${key}' bullet is not indented under its step`;
}

/** Resolved detail 2: text directly in a steps section that is not inside any step's list item. */
export const noStepWarning = "text in the Steps section belongs to no step";

/** Lines that were left out because parsing them would take too long or the parser failed. */
function skippedWarning(skipped: SkippedLines): string {
  const lines = `lines ${skipped.fromLine}-${skipped.toLine} were not parsed`;
  switch (skipped.reason) {
    case "too-complex":
      return `${lines}: the Markdown nests too deeply or is too complex`;
    case "too-large":
      return `${lines}: the file is too large to parse`;
    case "parser-failed":
      return `${lines}: the Markdown parser failed (${skipped.detail ?? "unknown error"})`;
  }
}

/** The last resort: the whole file could not be read. */
function cannotParse(detail: string): string {
  return `Cannot parse SOP.md: ${detail}`;
}

// A steps heading is a level-2 ATX heading or a setext heading, both starting within three spaces of column 1.
const possibleStepsHeading = /^ {0,3}(?:##(?:[ \t]|$)|-+[ \t]*$)/m;

function readDocument(text: string): ParsedSteps {
  return possibleStepsHeading.test(text) ? readSections(text) : { steps: [], warnings: [] };
}

function failed(error: unknown): ParsedSteps {
  return { steps: [], warnings: [{ message: cannotParse(error instanceof Error ? error.message : String(error)) }] };
}

interface SectionReader {
  readonly steps: StepDraft[];
  readonly warnings: StepWarning[];
  inSection: boolean;
  /** The step that a stray sub-bullet list right after it belongs to (resolved detail 2). */
  lastStep: StepDraft | undefined;
  /** Whether the previous block already was stray text, so one warning covers a run of them. */
  inStrayRun: boolean;
}

function readSections(text: string): ParsedSteps {
  const { blocks, skipped } = parseMarkdownBlocks(text);
  const reader: SectionReader = {
    steps: [],
    warnings: skipped.map((range) => ({ message: skippedWarning(range), line: range.fromLine })),
    inSection: false,
    lastStep: undefined,
    inStrayRun: false,
  };
  for (const block of blocks) readBlock(reader, block);
  return { steps: reader.steps, warnings: reader.warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

function readBlock(reader: SectionReader, block: TopBlock): void {
  const node = block.node;
  if (node.type === "heading") {
    // §3.1: level 1 and 2 end a section; level 3 and deeper (`### Phase 2`) only separate its lists
    if (node.depth <= 2) reader.inSection = node.depth === 2 && isStepsTitle(plainText(node));
    reader.lastStep = undefined;
    reader.inStrayRun = false;
  } else if (!reader.inSection) {
    return;
  } else if (node.type === "list" && node.ordered === true) {
    node.children.forEach((item, index) => {
      const step = readStepItem(item, block.text, (node.start ?? 1) + index);
      reader.steps.push(step);
      reader.lastStep = step;
    });
    reader.inStrayRun = false;
  } else if (node.type === "list" && reader.lastStep !== undefined) {
    readStrayBullets(reader, node, block, reader.lastStep);
  } else {
    reader.lastStep = undefined;
    if (isVisibleText(node)) strayText(reader, block, node);
  }
}

/** Resolved detail 2: a bullet list right after a step still sets its tools and confirmation, with a warning. */
function readStrayBullets(reader: SectionReader, list: MdList, block: TopBlock, step: StepDraft): void {
  for (const item of list.children) {
    const bullet = readSubBullet(item, block.text);
    if (bullet === undefined) {
      strayText(reader, block, item);
      continue;
    }
    applySubBullet(step, bullet);
    reader.warnings.push(located(notIndentedWarning(step.number, bullet.key), block, item));
  }
}

function strayText(reader: SectionReader, block: TopBlock, node: Pick<MdBlock, "position">): void {
  if (!reader.inStrayRun) reader.warnings.push(located(noStepWarning, block, node));
  reader.inStrayRun = true;
}

function located(message: string, block: TopBlock, node: Pick<MdBlock, "position">): StepWarning {
  const start = node.position?.start;
  if (start === undefined) return { message };
  return { message, line: block.lineOffset + start.line, column: start.column };
}

/** Thematic breaks, link definitions and HTML comments show no text, so they need no warning. */
function isVisibleText(node: MdBlock): boolean {
  if (node.type === "thematicBreak" || node.type === "definition") return false;
  if (node.type === "html") return !trimWhiteSpace(node.value).startsWith("<!--");
  return true;
}

function isStepsTitle(title: string): boolean {
  // Without the `u` flag, `i` folds ASCII letters only: §3.1 asks for an ASCII-case-insensitive match.
  return /^steps$/i.test(trimWhiteSpace(title));
}

type Heading = Extract<MdBlock, { type: "heading" }>;
type Phrasing = Heading["children"][number];

/** A heading's plain-text content (text, code and image alt; inline HTML shows no text), walked without recursion. */
function plainText(heading: Heading): string {
  let text = "";
  const stack: Phrasing[] = [...heading.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "text" || node.type === "inlineCode") text += node.value;
    else if (node.type === "image") text += node.alt ?? "";
    else if ("children" in node) {
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return text;
}
