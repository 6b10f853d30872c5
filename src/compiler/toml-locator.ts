// Finds where a key or table of a TOML document is written, so decoding errors can carry line and column (D1).
// Pure. A light line scanner, run only when a diagnostic needs a position; it never throws.
import type { Position } from "./diagnostic.ts";

/** Where a key path (`sop.name`, `triggers.0.type`) is written: its key, and the start of its value. */
export interface KeyLocation {
  readonly key: Position;
  readonly value: Position;
}

/** Looks up positions by dotted path: array-of-tables entries are numbered from 0 (`triggers.1.topic`). */
export interface TomlLocator {
  /** The position of a key's value, or of the nearest enclosing table or key that is written down. */
  value(path: readonly (string | number)[]): Position | undefined;
  /** The position of a key itself (for unknown keys), with the same fallback. */
  key(path: readonly (string | number)[]): Position | undefined;
}

/** Scans a TOML document once and answers position queries about it. */
export function locateToml(text: string): TomlLocator {
  const places = scan(text);
  function lookup(path: readonly (string | number)[], pick: (found: KeyLocation) => Position): Position | undefined {
    for (let length = path.length; length > 0; length--) {
      const found = places.get(path.slice(0, length).join("."));
      if (found !== undefined) return pick(found);
    }
    return undefined;
  }
  return { value: (path) => lookup(path, (found) => found.value), key: (path) => lookup(path, (found) => found.key) };
}

function scan(text: string): Map<string, KeyLocation> {
  const places = new Map<string, KeyLocation>();
  const arrayCounts = new Map<string, number>();
  let table: string[] = [];
  let inMultiline: string | undefined;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (inMultiline !== undefined) {
      if (count(line, inMultiline) % 2 === 1) inMultiline = undefined;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const body = line.slice(indent);
    const at = (column: number): Position => ({ line: index + 1, column: column + 1 });
    if (body.startsWith("[[")) {
      const name = splitKey(body.slice(2, closing(body, "]]")));
      const n = arrayCounts.get(name.join(".")) ?? 0;
      arrayCounts.set(name.join("."), n + 1);
      table = [...name, String(n)];
      places.set(table.join("."), { key: at(indent), value: at(indent) });
    } else if (body.startsWith("[")) {
      table = splitKey(body.slice(1, closing(body, "]")));
      places.set(table.join("."), { key: at(indent), value: at(indent) });
    } else {
      const equals = keyEnd(body);
      if (equals < 0) continue;
      const path = [...table, ...splitKey(body.slice(0, equals))].join(".");
      const afterEquals = body.slice(equals + 1);
      const valueColumn = indent + equals + 1 + (afterEquals.length - afterEquals.trimStart().length);
      if (!places.has(path)) places.set(path, { key: at(indent), value: at(valueColumn) });
      for (const quote of ['"""', "'''"]) if (count(afterEquals, quote) % 2 === 1) inMultiline = quote;
    }
  }
  return places;
}

function closing(body: string, close: string): number {
  const end = body.indexOf(close);
  return end < 0 ? body.length : end;
}

/** The index of the `=` that ends a key, skipping quoted key parts; -1 when the line is no key/value pair. */
function keyEnd(body: string): number {
  if (body === "" || body.startsWith("#")) return -1;
  let quote: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "=") return i;
    else if (char === "#") return -1;
  }
  return -1;
}

function splitKey(raw: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (const char of raw) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ".") {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}
