// Reading a user's text file (SOP.toml, SOP.md, config.toml): size-capped, strict UTF-8, failures as diagnostics.
// Edge: file-system reads only; never throws.
import { closeSync, constants, openSync, readFileSync, readSync, statSync } from "node:fs";
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
  const tooLarge = `file is too large (more than ${maxTextFileBytes} bytes)`;
  try {
    const stat = statSync(file);
    if (stat.size > maxTextFileBytes) return fail(tooLarge);
    // A FIFO would block the read for ever and /dev/zero fill memory (issue #8): regular files are read whole,
    // character devices (`--config /dev/null`) only up to the limit, anything else not at all.
    if (stat.isFile()) bytes = readFileSync(file);
    else if (stat.isCharacterDevice()) {
      const read = readDevice(file);
      if (read === undefined) return fail(tooLarge);
      bytes = read;
    } else if (stat.isDirectory()) return fail("cannot read file: it is a directory");
    else return fail("cannot read file: not a regular file");
  } catch (error) {
    return fail(`cannot read file: ${describeFsError(error)}`, errorCode(error) === "ENOENT");
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return fail("file is not valid UTF-8");
  }
}

/** Reads a character device without blocking, up to the limit; undefined when it has more to give. */
function readDevice(file: string): Uint8Array | undefined {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = new Uint8Array(maxTextFileBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
      if (length > maxTextFileBytes) return undefined;
    }
  } finally {
    closeSync(fd);
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
