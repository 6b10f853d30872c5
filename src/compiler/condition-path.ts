// The PATH of a condition: checked JSONPath, compiled once to direct property reads or to jsonpath-plus (D4).
// Pure: no IO, no clock. jsonpath-plus always runs with eval: false.
import { JSONPath } from "jsonpath-plus";
import { descentSelector } from "./descent-path.ts";
import type { Parsed } from "./diagnostic.ts";

/** A compiled PATH; `fast` paths (names and indices only) read properties directly instead of calling jsonpath-plus. */
export interface PathSelector {
  readonly fast: boolean;
  select(root: unknown): unknown[];
}

/** Compiles the PATH of a condition (the left side, leading dot optional); undefined when it is not valid. */
export function compilePath(path: string): PathSelector | undefined {
  const parsed = parsePath(path);
  if (!parsed.ok) return undefined;
  const { get, select } = compileSelector(parsed.value);
  return { fast: get !== undefined, select };
}

/** A checked PATH; `keys` lists the names to follow when every step is a name or an index (the fast path). */
export interface PathPlan { readonly path: string; readonly keys: readonly string[] | undefined }
/** `get` gives the one result of a fast path, or `absent`; other paths only `select` all their results. */
export interface Selector {
  readonly get: ((root: unknown) => unknown) | undefined;
  readonly select: (root: unknown) => unknown[];
}

export const absent: unique symbol = Symbol("absent");

const reservedInNames = new Set(["[", "]", "'", '"', "\\", "`", "(", ")", ";", "#", "^", "~", "@"]);
const slicePattern = /^-?\d*:-?\d*(?::-?\d*)?$/;

/** One step of a path; `key` is set for a plain name or index, the only steps the fast path follows. */
interface Step { readonly next: number; readonly key?: string }

/** Checks a PATH and normalises its leading dot (§6.3); a path of names and indices gets its list of keys. */
export function parsePath(text: string): Parsed<PathPlan> {
  // `(` covers `?(...)` and `(...)`, `[?` the RFC 9535 filter form. jsonpath-plus with eval: false would throw on
  // them at every event; refusing them here makes them a validate error instead.
  if (text.includes("(") || text.includes("[?")) return fail("filter and script expressions are not allowed");
  const path = text.length > 1 && text[1] !== "." && text[1] !== "[" ? `$.${text.slice(1)}` : text;
  const keys: string[] = [];
  let fast = true;
  for (let i = 1; i < path.length; ) {
    const step = readStep(path, i);
    if (typeof step === "string") return fail(`invalid path: ${step}`);
    if (step.key === undefined) fast = false;
    else keys.push(step.key);
    i = step.next;
  }
  return { ok: true, value: { path, keys: fast ? keys : undefined } };
}

/** Reads one step at `i`: `.name`, `.*`, `..name`, `..*`, `..[…]` or `[…]`; a string says what is wrong. */
function readStep(path: string, i: number): Step | string {
  if (path[i] === "[") return readBracket(path, i);
  if (path[i] !== ".") return `unexpected "${path[i]}"`;
  const descend = path[i + 1] === ".";
  const from = descend ? i + 2 : i + 1;
  if (descend && path[from] === "[") {
    const step = readBracket(path, from);
    return typeof step === "string" ? step : { next: step.next };
  }
  let end = from;
  while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
  const name = path.slice(from, end);
  if (name === "*") return { next: end };
  const problem = nameProblem(name, true);
  if (problem !== undefined) return problem;
  return descend ? { next: end } : { next: end, key: name };
}

/** Reads `['name']`, `["name"]`, `[index]`, `[*]` or a slice `[start:end:step]`. */
function readBracket(path: string, open: number): Step | string {
  const quote = path[open + 1];
  if (quote === "'" || quote === '"') {
    const close = path.indexOf(quote, open + 2);
    if (close < 0 || path[close + 1] !== "]") return `expected "]" after a quoted name`;
    const name = path.slice(open + 2, close);
    return nameProblem(name, false) ?? { next: close + 2, key: name };
  }
  const close = path.indexOf("]", open);
  if (close < 0) return `missing "]"`;
  const inner = path.slice(open + 1, close);
  if (inner === "*" || slicePattern.test(inner)) return { next: close + 1 };
  if (/^\d+$/.test(inner)) return { next: close + 1, key: inner };
  // jsonpath-plus reads [-1] as the key "-1", which never matches an array: refuse it rather than never match.
  if (/^-\d+$/.test(inner)) return `negative index [${inner}] (a slice such as [-1:] counts from the end)`;
  return `unsupported selector [${inner}]`;
}

function nameProblem(name: string, dotted: boolean): string | undefined {
  if (name === "") return "empty name";
  // jsonpath-plus reads these as a wildcard, the root, recursive descent or a slice even when quoted.
  if (name === "*" || name === "$" || name === ".." || slicePattern.test(name)) return `reserved name "${name}"`;
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (reservedInNames.has(char) || code < 0x20 || code === 0x7f || (dotted && char === ",")) {
      return `${JSON.stringify(char)} is not allowed in a ${dotted ? "dotted" : "quoted"} name`;
    }
  }
  return undefined;
}

export function compileSelector({ path, keys }: PathPlan): Selector {
  // A recursive descent costs (results × depth) in jsonpath-plus, repeated per `..`: walked here instead (issue #8).
  if (keys === undefined) {
    return { get: undefined, select: descentSelector(path) ?? ((root) => queryJsonPath(path, root)) };
  }
  const get = (root: unknown): unknown => {
    let value = root;
    for (const key of keys) {
      // Own members of JSON objects and arrays only: never a prototype member, nor a string's characters or an
      // array's length, which JSON does not have (the reference had none either).
      if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return absent;
      if (key === "length" && Array.isArray(value)) return absent;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
  return { get, select: (root) => [get(root)].filter((value) => value !== absent) };
}

interface JsonPathHit { readonly value: unknown; readonly parent: unknown; readonly parentProperty: unknown }

/** Evaluates a path with jsonpath-plus, keeping the same members the fast path can reach. */
function queryJsonPath(path: string, root: unknown): unknown[] {
  let hits: JsonPathHit[] | undefined;
  try {
    // eval: false, never "native": paths come from SOP files, and "native" runs filter code (DECISIONS D4).
    hits = JSONPath({ path, json: root, eval: false, wrap: true, resultType: "all" }) as JsonPathHit[] | undefined;
  } catch {
    return []; // third-party code on the dispatch path: fail closed rather than stop dispatch (D4)
  }
  // jsonpath-plus returns undefined for a falsy root, and follows a string's characters and an array's length.
  return (hits ?? [])
    .filter(({ parent, parentProperty }) => typeof parent !== "string" &&
      !(parentProperty === "length" && Array.isArray(parent)))
    .map((hit) => hit.value);
}

function fail(message: string): Parsed<never> {
  return { ok: false, message };
}
