// Parsing a TOML file's text for SOP.toml and config.toml alike: BOM removed, integers as bigint, syntax errors
// as one located diagnostic. Pure.
import { parse, TomlError } from "smol-toml";
import { diagnostic, type Diagnostic } from "./diagnostic.ts";
import type { TomlTable } from "./toml-value.ts";

/** The parsed root table with the text it was parsed from (BOM removed), or the syntax error. */
export type TomlDocument =
  | { readonly ok: true; readonly root: TomlTable; readonly source: string }
  | { readonly ok: false; readonly error: Diagnostic };

/** Parses TOML text; integers come back as bigint so `1.0` and `1` stay distinguishable. */
export function parseTomlDocument(text: string, file: string): TomlDocument {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    return { ok: true, root: parse(source, { integersAsBigInt: true, maxDepth: 100 }), source };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    const reason = message.replace(/^Invalid TOML document: /, "");
    const at = error instanceof TomlError ? { line: error.line, column: error.column } : undefined;
    return { ok: false, error: diagnostic("error", file, `TOML syntax error: ${reason}`, at) };
  }
}
