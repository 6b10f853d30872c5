// One serial line → one peripheral signal (fan-in.md §7, DECISIONS D12, Resolved detail 3): `signal value` text, or a
// JSON object `{"signal": "...", "value": ...}`. Pure: no IO, no clock. Bad lines are values, never exceptions.
import { parseStrictJson } from "../../compiler/strict-json.ts";
import { trimWhiteSpace } from "../../compiler/trim.ts";

/** A parsed line: a signal with its payload (null: none), an ignored blank line, or a dropped one with the reason. */
export type SignalLine =
  | { readonly kind: "signal"; readonly signal: string; readonly payload: string | null }
  | { readonly kind: "blank" }
  | { readonly kind: "invalid"; readonly reason: string };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** Decodes a line's bytes as UTF-8; invalid sequences become U+FFFD and `valid` is false (fan-in.md §7). */
export function decodeLine(bytes: Uint8Array): { readonly text: string; readonly valid: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), valid: true };
  } catch {
    return { text: lenientUtf8.decode(bytes), valid: false };
  }
}

/**
 * Parses one line (without its `\n`). A trailing `\r` is removed; a line that is blank after trimming is ignored; a
 * line whose trimmed text starts with `{` is the JSON form; any other line is split at its first space into signal
 * and value (no space: the value is `""`). The text form is not trimmed otherwise, as the spec reads: `temp 21 ` has
 * the value `21 `, and ` temp 21` the signal `""` (topic `{board}/`).
 */
export function parseSignalLine(line: string): SignalLine {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  const trimmed = trimWhiteSpace(text); // Unicode White_Space, as the reference trims (definitions.md §8)
  if (trimmed === "") return { kind: "blank" };
  if (trimmed.startsWith("{")) return parseJsonLine(trimmed);
  const space = text.indexOf(" ");
  if (space < 0) return { kind: "signal", signal: text, payload: "" };
  return { kind: "signal", signal: text.slice(0, space), payload: text.slice(space + 1) };
}

function parseJsonLine(text: string): SignalLine {
  // Strict JSON, as conditions read payloads: no nesting past 128, so re-serialising `value` cannot overflow.
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return invalid(`not valid JSON: ${preview(text)}`);
  const object = parsed.value;
  if (typeof object !== "object" || object === null || Array.isArray(object)) {
    return invalid(`not a JSON object: ${preview(text)}`);
  }
  const signal: unknown = Object.hasOwn(object, "signal") ? (object as Record<string, unknown>)["signal"] : undefined;
  if (typeof signal !== "string") return invalid(`"signal" is missing or not a string in ${preview(text)}`);
  if (!Object.hasOwn(object, "value")) return { kind: "signal", signal, payload: null };
  const value: unknown = (object as Record<string, unknown>)["value"];
  return { kind: "signal", signal, payload: typeof value === "string" ? value : JSON.stringify(value) };
}

function invalid(reason: string): SignalLine {
  return { kind: "invalid", reason };
}

const previewChars = 80;

/** The start of a line for a log message, quoted and escaped so control bytes cannot garble the log. */
export function preview(text: string): string {
  const shown = text.length > previewChars ? `${text.slice(0, previewChars)}…` : text;
  return JSON.stringify(shown);
}
