// Reading a user's text file (SOP.toml, SOP.md, config.toml): size-capped, strict UTF-8, failures as diagnostics.
// Edge: file-system reads only; never throws.
import { readFileSync, statSync } from "node:fs";
import { diagnostic, type Diagnostic } from "../compiler/diagnostic.ts";

/** The largest file read; a bigger one is an error, never a stall (issue #2 "Bad input"). */
export const maxTextFileBytes = 1024 * 1024;

/** The text, or why it cannot be used; `missing` tells an absent file apart from other failures. */
export type TextFile =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly missing: boolean; readonly error: Diagnostic };

/** Reads a file as strict UTF-8 (a BOM is kept for the parsers, which drop it). */
export function readTextFile(file: string): TextFile {
  const fail = (message: string, missing = false): TextFile =>
    ({ ok: false, missing, error: diagnostic("error", file, message) });
  let bytes: Uint8Array;
  try {
    if (statSync(file).size > maxTextFileBytes) return fail(`file is too large (more than ${maxTextFileBytes} bytes)`);
    bytes = readFileSync(file);
  } catch (error) {
    return fail(`cannot read file: ${describeFsError(error)}`, errorCode(error) === "ENOENT");
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return fail("file is not valid UTF-8");
  }
}

/** The `code` of a Node-style file-system error. */
export function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

/** A file-system error as a short reason for a diagnostic. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
