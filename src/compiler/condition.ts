// Trigger conditions: `PATH OP LITERAL`, or `OP NUMBER` against the whole payload (definitions.md §6, DECISIONS D4).
// Pure: no IO, no clock. A condition is parsed and compiled once; the predicate runs per event.
import { compareCodePoints } from "./code-point-order.ts";
import type { Parsed } from "./diagnostic.ts";
import { absent, compileSelector, parsePath, type Selector } from "./condition-path.ts";
import { parseStrictDecimal } from "./strict-decimal.ts";
import { parseStrictJson, type StrictJson } from "./strict-json.ts";
import { isWhiteSpaceCode, trimWhiteSpace } from "./trim.ts";

/** The six comparison operators; `=` alone, `=>` and `=<` are not operators (§6.3). */
export type Operator = ">=" | "<=" | "!=" | "==" | ">" | "<";
/** The right side of path mode: a number, a string (quoted or a bare word), a boolean or null. */
export type Literal = number | string | boolean | null;

/** A parsed condition; without `path` it is direct mode, where the trimmed payload itself is the number compared. */
export interface Condition {
  /** The PATH with the optional leading dot inserted (`$value` becomes `$.value`). */
  readonly path?: string;
  readonly op: Operator;
  readonly value: Literal;
}

/** An event payload as conditions read it; `json()` parses on first use and caches, so one event parses once. */
export interface Payload {
  readonly text: string | null | undefined;
  json(): StrictJson;
}

/** A compiled condition: true when the trigger's condition passes for this payload. */
export type Predicate = (payload: Payload) => boolean;

/**
 * Parses a non-blank condition (§6.3); the failure message is the reason only, without the condition.
 *
 * A blank condition always matches (§6.7) and is not parsed here: it fails with `empty condition`.
 */
export function parseCondition(text: string): Parsed<Condition> {
  const plan = planCondition(text);
  return plan.ok ? { ok: true, value: plan.value.condition } : plan;
}

/** The validation warnings for a parsed condition (definitions.md, resolved detail 7). */
export function conditionWarnings(condition: Condition): string[] {
  const { value } = condition;
  // A string "true" can only come from a quoted literal: the bare word true is the boolean.
  if (value !== "true" && value !== "false" && value !== "null") return [];
  const meant = value === "null" ? "null value" : "boolean";
  return [`condition compares with the string "${value}"; write ${value} for the ${meant}`];
}

/** Compiles a condition once into a predicate: absent or blank always passes, unparsable never does (fail closed). */
export function compileCondition(text: string | undefined): Predicate {
  if (text === undefined || trimWhiteSpace(text) === "") return () => true;
  const plan = planCondition(text);
  if (!plan.ok) return () => false;
  const { condition, selector } = plan.value;
  const test = compileTest(condition.op, condition.value);
  if (selector === undefined) {
    return (payload) => {
      if (isMissing(payload.text)) return false;
      const number = parseStrictDecimal(trimWhiteSpace(payload.text));
      return number !== undefined && test(number);
    };
  }
  const { get, select } = selector;
  return (payload) => {
    if (isMissing(payload.text)) return false;
    const json = payload.json();
    if (!json.ok) return false;
    if (get === undefined) return select(json.value).some(test);
    const value = get(json.value);
    return value !== absent && test(value);
  };
}

/** Wraps payload text for conditions, parsing it as strict JSON at most once. */
export function createPayload(text: string | null | undefined): Payload {
  let json: StrictJson | undefined;
  return { text, json: () => (json ??= isMissing(text) ? { ok: false } : parseStrictJson(text)) };
}

/** Evaluates one condition against one payload (§6.2); dispatch compiles instead, with `compileCondition`. */
export function evaluateCondition(condition: string | undefined, payload: string | null | undefined): boolean {
  return compileCondition(condition)(createPayload(payload));
}

function isMissing(text: string | null | undefined): text is null | undefined | "" {
  return text === undefined || text === null || text === "";
}

function fail(message: string, column?: number): Parsed<never> {
  return column === undefined ? { ok: false, message } : { ok: false, message, column };
}

function planCondition(text: string): Parsed<{ condition: Condition; selector: Selector | undefined }> {
  const lead = skipWhiteSpace(text, 0);
  const trimmed = trimWhiteSpace(text);
  if (trimmed === "") return fail("empty condition");
  const at = findOperator(trimmed);
  if (at === undefined) return fail("no operator");
  const left = trimWhiteSpace(trimmed.slice(0, at.index));
  const rightColumn = lead + skipWhiteSpace(trimmed, at.index + at.op.length) + 1;
  const right = trimWhiteSpace(trimmed.slice(at.index + at.op.length));
  if (right === "") return fail("empty right side", rightColumn);
  if (!trimmed.startsWith("$")) {
    if (left !== "") return fail("a condition without a path must start with the operator", lead + 1);
    const value = parseStrictDecimal(right);
    if (value === undefined) return fail("right side is not a number", rightColumn);
    return { ok: true, value: { condition: { op: at.op, value }, selector: undefined } };
  }
  // `=>`, `=<`, `!>` and `!<` would otherwise split at `>` or `<` and leave "$.v =" as the path (§6.3).
  const last = left.at(-1);
  if (last === "=" || last === "!") return fail(`"${last}${at.op}" is not an operator`, lead + at.index + 1);
  const path = parsePath(left);
  if (!path.ok) return fail(path.message, lead + 1);
  const value = parseLiteral(right);
  if (!value.ok) return fail(value.message, rightColumn);
  const condition = { path: path.value.path, op: at.op, value: value.value };
  return { ok: true, value: { condition, selector: compileSelector(path.value) } };
}

/** The leftmost operator outside quotes; two-character operators win at the same position (§6.3, §8.7). */
function findOperator(text: string): { readonly index: number; readonly op: Operator } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = closingQuote(text, i);
    else if (c === ">" || c === "<" || c === "=" || c === "!") {
      const two = text.slice(i, i + 2);
      if (two === ">=" || two === "<=" || two === "!=" || two === "==") return { index: i, op: two };
      if (c === ">" || c === "<") return { index: i, op: c };
    }
  }
  return undefined;
}

/** The next `'` after a `'`, or the next `"` not preceded by a backslash; an unclosed quote runs to the end. */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  let i = open + 1;
  while (i < text.length && !(text[i] === quote && (quote === "'" || text[i - 1] !== "\\"))) i++;
  return i;
}

/** The literal of path mode, decided in the order of §6.3. */
function parseLiteral(text: string): Parsed<Literal> {
  const number = parseStrictDecimal(text);
  if (number !== undefined) return { ok: true, value: number };
  if (text.startsWith('"')) {
    const json = parseStrictJson(text);
    if (json.ok && typeof json.value === "string") return { ok: true, value: json.value };
    return fail("a quoted literal must be exactly one JSON string");
  }
  if (text === "true" || text === "false") return { ok: true, value: text === "true" };
  if (text === "null") return { ok: true, value: null };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"' || isWhiteSpaceCode(text.charCodeAt(i))) {
      return fail(`bare word must not contain whitespace or '"'`);
    }
  }
  return { ok: true, value: text };
}

function skipWhiteSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhiteSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

// jsonpath-plus gives these meaning even inside quotes (`;` splits, `^` is the parent, `~` the property name, `@` a
// type selector, `#1` a placeholder, a leading backtick an escape), so no name may hold them. A dotted name must not
// hold `,` either: `$.a,b` is a union.
/** The comparison of §6.4 with the literal fixed: as numbers when both sides have a numeric view, else same types. */
function compileTest(op: Operator, literal: Literal): (value: unknown) => boolean {
  if (typeof literal === "boolean" || literal === null) {
    if (op === "==") return (value) => value === literal;
    return op === "!=" && literal !== null ? (value) => value === !literal : () => false;
  }
  // Resolved detail 6: a quoted literal holding a strict decimal has a numeric view too.
  const number = typeof literal === "number" ? literal : parseStrictDecimal(literal);
  const byNumber = number === undefined ? undefined : numberTest(op, number);
  const byString = typeof literal === "string" ? stringTest(op, literal) : undefined;
  return (value) => {
    const left = typeof value === "string" && byNumber !== undefined ? parseStrictDecimal(value) : value;
    if (byNumber !== undefined && typeof left === "number") return byNumber(left);
    return byString !== undefined && typeof value === "string" && byString(value);
  };
}

function numberTest(op: Operator, right: number): (left: number) => boolean {
  switch (op) {
    case ">": return (left) => left > right;
    case "<": return (left) => left < right;
    case ">=": return (left) => left >= right;
    case "<=": return (left) => left <= right;
    // Absolute machine epsilon, as the reference; a NaN difference makes == and != both false (§6.4).
    case "==": return (left) => Math.abs(left - right) < Number.EPSILON;
    case "!=": return (left) => Math.abs(left - right) >= Number.EPSILON;
  }
}

function stringTest(op: Operator, right: string): (left: string) => boolean {
  switch (op) {
    case "==": return (left) => left === right;
    case "!=": return (left) => left !== right;
    case ">": return (left) => compareCodePoints(left, right) > 0;
    case "<": return (left) => compareCodePoints(left, right) < 0;
    case ">=": return (left) => compareCodePoints(left, right) >= 0;
    case "<=": return (left) => compareCodePoints(left, right) <= 0;
  }
}
