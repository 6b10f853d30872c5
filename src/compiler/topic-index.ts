// A topic index: many MQTT filters in a trie over levels, so matching costs the topic's depth, not the filter count.
// Pure: no IO, no clock. It gives exactly what `topicMatches` (fan-in.md §2.4) gives over every filter, malformed ones
// included: the walk stops at the first `#`, and every other level that is not `+` is a literal.

/** One trie node: the filters that reach it, by how they continue. */
class TrieNode {
  /** Children for literal levels (`a+b` and `a#` are literals too, as in the walk). */
  literal: Map<string, TrieNode> | undefined = undefined;
  /** The child for a `+` level. */
  plus: TrieNode | undefined = undefined;
  /** Filters that end here: they match a topic with exactly as many levels as this node's depth. */
  ends: number[] | undefined = undefined;
  /** Filters `…/#`: they match a topic with as many levels or more (D11: `a/#` matches `a`). */
  hashLast: number[] | undefined = undefined;
  /** Malformed filters `…/#/…`: the walk matches them only when a topic level is left at the `#`. */
  hashInner: number[] | undefined = undefined;
}

/** Many (filter, value) pairs, built once and matched per message; the result equals `topicMatches` over every pair. */
export class TopicIndex<T> {
  readonly #root = new TrieNode();
  readonly #values: T[] = [];
  // Scratch space reused by every match(): a stack of (node, depth) pairs and the matched entry numbers.
  readonly #nodes: TrieNode[] = [];
  readonly #depths: number[] = [];
  readonly #hits: number[] = [];

  /** Adds a filter with its value; a value added under several filters comes back once per matching filter. */
  add(filter: string, value: T): void {
    const entry = this.#values.push(value) - 1;
    const levels = filter.split("/");
    let node = this.#root;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      if (level === "#") {
        // The walk never looks past the first `#`; only whether it is the last level matters.
        if (i === levels.length - 1) (node.hashLast ??= []).push(entry);
        else (node.hashInner ??= []).push(entry);
        return;
      }
      node = level === "+" ? (node.plus ??= new TrieNode()) : literalChild(node, level);
    }
    (node.ends ??= []).push(entry);
  }

  /** Appends the values of every filter the topic matches to `out`, in the order they were added, and returns it. */
  match(topic: string, out: T[] = []): T[] {
    const levels = topic.split("/");
    const nodes = this.#nodes;
    const depths = this.#depths;
    const hits = this.#hits;
    hits.length = 0;
    let runs = 0; // how many node lists contributed: one list is already in insertion order
    nodes[0] = this.#root;
    depths[0] = 0;
    // An explicit stack, not recursion: a filter may have 100,000 levels.
    for (let top = 1; top > 0; ) {
      top--;
      const node = nodes[top]!;
      const depth = depths[top]!;
      if (node.hashLast !== undefined) runs += collect(node.hashLast, hits);
      if (depth === levels.length) {
        if (node.ends !== undefined) runs += collect(node.ends, hits);
        continue;
      }
      if (node.hashInner !== undefined) runs += collect(node.hashInner, hits);
      const next = node.literal?.get(levels[depth]!);
      if (next !== undefined) {
        nodes[top] = next;
        depths[top++] = depth + 1;
      }
      if (node.plus !== undefined) {
        nodes[top] = node.plus;
        depths[top++] = depth + 1;
      }
    }
    if (runs > 1) hits.sort(ascending);
    const values = this.#values;
    for (let i = 0; i < hits.length; i++) out.push(values[hits[i]!]!);
    return out;
  }
}

function literalChild(node: TrieNode, level: string): TrieNode {
  const children = (node.literal ??= new Map());
  let child = children.get(level);
  if (child === undefined) children.set(level, (child = new TrieNode()));
  return child;
}

function collect(entries: readonly number[], hits: number[]): number {
  for (let i = 0; i < entries.length; i++) hits.push(entries[i]!);
  return 1;
}

function ascending(a: number, b: number): number {
  return a - b;
}
