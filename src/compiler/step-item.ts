// One step from one ordered-list item of the steps section: number, title, body and sub-bullets
// (definitions.md §3.3–3.5, resolved detail 1). Pure: no IO, no clock.
import type { MdItemBlock, MdList, MdListItem } from "./markdown-blocks.ts";
import { joinParts, renderBlock, renderListItem } from "./step-body.ts";
import { itemContent, spanOf, trimLines, writtenNumber } from "./step-text.ts";
import { trimWhiteSpace } from "./trim.ts";

/** A step while it is being read; a later stray sub-bullet list may still change its tools or confirmation. */
export interface StepDraft {
  number: number;
  title: string;
  body: string;
  suggestedTools: string[];
  requiresConfirmation: boolean;
}

/** A recognised sub-bullet (§3.5): `tools: a, b` or `requires_confirmation: true`. */
export type SubBullet =
  | { readonly key: "tools"; readonly tools: string[] }
  | { readonly key: "requires_confirmation"; readonly value: boolean };

const TOOLS = "tools:";
const REQUIRES_CONFIRMATION = "requires_confirmation:";

/** Reads a step from a list item; `fallbackNumber` stands in only for a marker without digits, which cannot occur. */
export function readStepItem(item: MdListItem, text: string, fallbackNumber: number): StepDraft {
  const step: StepDraft = {
    number: writtenNumber(text, spanOf(item).start) ?? fallbackNumber,
    title: "",
    body: "",
    suggestedTools: [],
    requiresConfirmation: false,
  };
  const content = itemContent(text, item);
  const [first, ...rest] = item.children;
  const parts: string[] = [];
  let later: readonly MdItemBlock[] = item.children;
  if (first?.type === "paragraph") {
    const head = splitTitle(first, text);
    step.title = head.title;
    parts.push(head.body);
    later = rest;
  }
  for (const block of later) {
    if (block.type === "list" && block.ordered !== true) parts.push(readSubBulletList(block, text, step));
    else parts.push(renderBlock(block, text, content, 0));
  }
  step.body = trimWhiteSpace(joinParts(parts));
  return step;
}

/** Recognises a `tools:` or `requires_confirmation:` bullet from the trimmed text of the item's first paragraph. */
export function readSubBullet(item: MdListItem, text: string): SubBullet | undefined {
  const first = item.children[0];
  if (first?.type !== "paragraph") return undefined;
  const { start, end } = spanOf(first);
  return subBulletOf(trimWhiteSpace(trimLines(text.slice(start, end))));
}

/** §3.5 on the trimmed text of a sub-bullet; shared by the mdast path and the fast path (steps-fast.ts). */
export function subBulletOf(line: string): SubBullet | undefined {
  if (line.startsWith(TOOLS)) {
    const tools = line.slice(TOOLS.length).split(",").map(trimWhiteSpace).filter((tool) => tool !== "");
    return { key: "tools", tools };
  }
  if (line.startsWith(REQUIRES_CONFIRMATION)) {
    const value = trimWhiteSpace(line.slice(REQUIRES_CONFIRMATION.length));
    // Without the `u` flag, `i` folds ASCII letters only, which is what "case-insensitive `true`" means here.
    return { key: "requires_confirmation", value: /^true$/i.test(value) };
  }
  return undefined;
}

/** Applies a sub-bullet to a step; each key's last line wins (§3.5). */
export function applySubBullet(step: StepDraft, bullet: SubBullet): void {
  if (bullet.key === "tools") step.suggestedTools = [...bullet.tools];
  else step.requiresConfirmation = bullet.value;
}

/** Applies the recognised sub-bullets of a bullet list nested in the step and renders the others as body lines. */
function readSubBulletList(list: MdList, text: string, step: StepDraft): string {
  const lines: string[] = [];
  for (const item of list.children) {
    const bullet = readSubBullet(item, text);
    if (bullet === undefined) lines.push(renderListItem(item, false, text, 1));
    else applySubBullet(step, bullet);
  }
  return lines.join("\n");
}

/**
 * Splits the item's first paragraph into title and first body part. With a leading strong run the title is its
 * inner source text and one separator (`—`, `–`, `-`) is dropped from the rest; without one the first line is the
 * title (resolved detail 1).
 */
function splitTitle(paragraph: MdItemBlock & { type: "paragraph" }, text: string): { title: string; body: string } {
  const { start, end } = spanOf(paragraph);
  const head = paragraph.children[0];
  if (head?.type === "strong" && spanOf(head).start === start) {
    const strong = spanOf(head);
    const title = trimWhiteSpace(trimLines(text.slice(strong.start + 2, strong.end - 2)));
    return { title, body: dropSeparator(trimWhiteSpace(trimLines(text.slice(strong.end, end)))) };
  }
  const lines = trimLines(text.slice(start, end));
  const newline = lines.indexOf("\n");
  if (newline === -1) return { title: lines, body: "" };
  return { title: lines.slice(0, newline), body: lines.slice(newline + 1) };
}

/** Drops at most one separator (`—`, `–` or `-`) after a bold title (§3.4); shared with steps-fast.ts. */
export function dropSeparator(rest: string): string {
  const first = rest[0];
  return first === "\u2014" || first === "\u2013" || first === "-" ? trimWhiteSpace(rest.slice(1)) : rest;
}
