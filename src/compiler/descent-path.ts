// Paths with a recursive descent (`$..temp`, `$..*`, `$.a..b[0:2]`), evaluated in one pass per step instead of by
// jsonpath-plus. Pure: no IO, no clock.
//
// Why (issue #8): jsonpath-plus copies the path of every node it visits and of every result, so a descent costs
// (results × depth), and each further `..` repeats the walk for every node the one before found. A 61 KB webhook body
// (the gateway takes 64 KB) held the event loop 0.5 s with `$..* > 1`, and a 41 KB one 6 s with `$..*..*..* > 1`.
// Here each step visits each node at most once, so a path costs (steps × nodes). The values are the ones
// jsonpath-plus gives, as a set, which is all a condition compares (any result, definitions.md §6.4):
// test/property/descent-path.test.ts checks that on generated paths and payloads, odd own keys (`*`, `..`) included.

/** One step of a checked path: a member (`.a`, `['a']`, `[0]`), `*`, a slice `[s:e:t]`, or `..` (descendants). */
type Segment =
  | { readonly kind: "member"; readonly key: string; readonly union?: string }
  | { readonly kind: "wildcard" }
  | { readonly kind: "slice"; readonly text: string }
  | { readonly kind: "descend" };

/** A value reached so far; `literal` is jsonpath-plus's literalPriority, under which an own key named like the next
 * step (`*`, `..`, `0:2`) is followed instead of the step. */
interface Item {
  readonly value: unknown;
  readonly literal: boolean;
}

/**
 * The selector of a path already checked by `parsePath` (condition-path.ts), when it holds a recursive descent;
 * undefined otherwise (such paths stay with jsonpath-plus, whose cost is linear without a descent).
 */
export function descentSelector(path: string): ((root: unknown) => unknown[]) | undefined {
  if (!path.includes("..")) return undefined;
  const segments = readSegments(path);
  if (!segments.some((segment) => segment.kind === "descend")) return undefined;
  return (root) => select(segments, root);
}

function select(segments: readonly Segment[], root: unknown): unknown[] {
  if (!root) return []; // jsonpath-plus answers nothing for a falsy root
  let items: Item[] = [{ value: root, literal: false }];
  for (const segment of segments) {
    items = step(segment, items);
    if (items.length === 0) return [];
  }
  return items.map((item) => item.value);
}

function step(segment: Segment, items: readonly Item[]): Item[] {
  const out: Item[] = [];
  const seen = new Set<object>(); // containers reached twice (through two ancestors) are walked once
  for (const item of items) {
    const { value, literal } = item;
    if (!isContainer(value)) {
      // Strings only lead to their characters and length, which jsonpath-plus's results are filtered of; numbers,
      // booleans and null lead nowhere. A descent keeps the item itself for the next step, which finds nothing.
      continue;
    }
    // jsonpath-plus: under literalPriority an own key spelt like the step itself (`*`, `..`, `0:2`, or a quoted name
    // with a comma, quotes included) is followed instead of the step.
    const spelt = segment.kind === "member" ? segment.union : segment.kind === "wildcard" ? "*"
      : segment.kind === "slice" ? segment.text : "..";
    if (literal && spelt !== undefined && Object.hasOwn(value, spelt)) {
      push(out, value, spelt, false);
      continue;
    }
    switch (segment.kind) {
      case "member":
        // A plain member's child gets literalPriority when its parent had none; a quoted union's never does.
        push(out, value, segment.key, !literal && segment.union === undefined);
        break;
      case "wildcard":
        for (const key of keysOf(value)) push(out, value, key, true);
        break;
      case "slice":
        if (Array.isArray(value)) for (const index of sliceIndices(segment.text, value.length)) {
          push(out, value, String(index), false);
        }
        break;
      case "descend":
        descend(value, out, seen);
        break;
    }
  }
  return out;
}

/**
 * The value and every container below it, each once, in jsonpath-plus's order (pre-order, members in key order);
 * its descent drops literalPriority. Only a container reached again through a second `..` is left out, where
 * jsonpath-plus repeats it.
 */
function descend(root: object, out: Item[], seen: Set<object>): void {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const value = stack.pop() as object;
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ value, literal: false });
    const keys = keysOf(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = (value as Record<string, unknown>)[keys[i] as string];
      if (isContainer(child)) stack.push(child);
    }
  }
}

/** Follows an own member, never an array's length (JSON has none; the fast path and jsonpath.ts agree). */
function push(out: Item[], value: object, key: string, literal: boolean): void {
  if (!Object.hasOwn(value, key) || (key === "length" && Array.isArray(value))) return;
  out.push({ value: (value as Record<string, unknown>)[key], literal });
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function keysOf(value: object): readonly string[] {
  return Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => String(i)) : Object.keys(value);
}

/** jsonpath-plus's `_slice`: Python-style `start:end:step`, defaults by direction, a zero step selects nothing. */
function sliceIndices(text: string, length: number): number[] {
  const [first = "", second = "", third = ""] = text.split(":");
  const stride = third === "" ? 1 : Number(third);
  if (stride === 0) return [];
  const normalize = (index: number): number => index < 0 ? index + length : index;
  const start = normalize(first === "" ? (stride > 0 ? 0 : length - 1) : Number(first));
  const end = normalize(second === "" ? (stride > 0 ? length : -length - 1) : Number(second));
  const clamp = (index: number, low: number, high: number): number => Math.min(Math.max(index, low), high);
  const [from, to] = stride > 0 ? [clamp(start, 0, length), clamp(end, 0, length)]
    : [clamp(start, -1, length - 1), clamp(end, -1, length - 1)];
  const indices: number[] = [];
  for (let i = from; stride > 0 ? i < to : i > to; i += stride) indices.push(i);
  return indices;
}

/** The segments of a path `parsePath` accepted (so every bracket is closed and every name allowed). */
function readSegments(path: string): Segment[] {
  const segments: Segment[] = [];
  let i = 1; // after `$`
  while (i < path.length) {
    if (path.startsWith("..", i)) {
      segments.push({ kind: "descend" });
      i += 2;
      if (path[i] === "[") continue;
    } else if (path[i] === ".") i++;
    if (path[i] === "[") {
      const quote = path[i + 1];
      if (quote === "'" || quote === '"') {
        const close = path.indexOf(quote, i + 2);
        const key = path.slice(i + 2, close);
        // jsonpath-plus keeps a quoted name with a comma whole, quotes included, as a one-name union.
        segments.push(key.includes(",") ? { kind: "member", key, union: `${quote}${key}${quote}` }
          : { kind: "member", key });
        i = close + 2;
      } else {
        const close = path.indexOf("]", i);
        segments.push(bracket(path.slice(i + 1, close)));
        i = close + 1;
      }
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
    const name = path.slice(i, end);
    segments.push(name === "*" ? { kind: "wildcard" } : { kind: "member", key: name });
    i = end;
  }
  return segments;
}

function bracket(inner: string): Segment {
  if (inner === "*") return { kind: "wildcard" };
  return inner.includes(":") ? { kind: "slice", text: inner } : { kind: "member", key: inner };
}
