// Body text of a step: the blocks of its list item rendered as in definitions.md §3.4 (resolved detail 3).
// Pure: no IO, no clock.
import type { MdItemBlock, MdList, MdListItem } from "./markdown-blocks.ts";
import { flatLines, type ItemContent, itemContent, rawLines, spanOf, trimLines, writtenNumber } from "./step-text.ts";

// Deeper lists are flattened to their trimmed source lines, so rendering never recurses without bound.
const MAX_LIST_DEPTH = 64;

/**
 * Renders one block of a list item: a paragraph as its trimmed lines, a list as `- text` / `N. text` lines,
 * anything else (code, block quote, HTML, heading) as its source lines without the item's content indentation.
 */
export function renderBlock(block: MdItemBlock, text: string, content: ItemContent, depth: number): string {
  switch (block.type) {
    case "paragraph": {
      const { start, end } = spanOf(block);
      return trimLines(text.slice(start, end));
    }
    case "list":
      return renderList(block, text, depth);
    default:
      return rawLines(text, block, content);
  }
}

/** Renders one list item as a body line: `- {text}` for a bullet, `{written number}. {text}` for an ordered item. */
export function renderListItem(item: MdListItem, ordered: boolean, text: string, depth: number): string {
  const marker = ordered ? `${writtenNumber(text, spanOf(item).start) ?? ""}.` : "-";
  const content = itemContent(text, item);
  const inner = depth >= MAX_LIST_DEPTH
    ? flatLines(text, content.offset, spanOf(item).end)
    : renderBlocks(item.children, text, content, depth + 1);
  return inner === "" ? marker : `${marker} ${inner}`;
}

// Blocks one after another, joined by a single `\n`; blocks that render empty leave no blank line.
function renderBlocks(blocks: readonly MdItemBlock[], text: string, content: ItemContent, depth: number): string {
  return joinParts(blocks.map((block) => renderBlock(block, text, content, depth)));
}

/** Joins rendered parts with `\n`, dropping empty ones (§3.4: blank lines between blocks are dropped). */
export function joinParts(parts: readonly string[]): string {
  return parts.filter((part) => part !== "").join("\n");
}

function renderList(list: MdList, text: string, depth: number): string {
  const ordered = list.ordered === true;
  return list.children.map((item) => renderListItem(item, ordered, text, depth)).join("\n");
}
