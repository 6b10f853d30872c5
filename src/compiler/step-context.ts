// The step context handed to whoever performs a step (engine.md §6), with the D13 payload framing.
// Pure: no IO, no clock. The layout is an exact reference text; test/compiler/step-context.test.ts pins it.
import type { Step } from "./sop.ts";

/** The step result a `Previous:` line shows; `stepNumber` is the number the result recorded. */
export interface PreviousStep {
  readonly stepNumber: number;
  readonly status: string;
  readonly output: string;
}

/** What `renderStepContext()` needs; `position` is the run's `current_step`, never the written number. */
export interface StepContextInput {
  readonly sopName: string;
  readonly runId: string;
  readonly position: number;
  readonly totalSteps: number;
  readonly event: { readonly source: string; readonly topic: string | null; readonly payload: string | null };
  /** The most recently appended step result, if any (see `previousStep()`); undefined means no `Previous:` line. */
  readonly previous?: PreviousStep | undefined;
  readonly step: Step;
  /** `[sop] payload_max_bytes`; 0 means no cap. */
  readonly payloadMaxBytes: number;
}

/** Renders the exact context layout of engine.md §6; the text always ends with exactly one `\n`. */
export function renderStepContext(input: StepContextInput): string {
  const { event, previous, step } = input;
  // Resolved detail 7: the header shows the position, so gaps in written numbers never read "Step 5 of 2".
  let text = `[SOP: ${input.sopName} (run ${input.runId}) — Step ${input.position} of ${input.totalSteps}]\n\n`;
  text += `Trigger: ${event.source} ${event.topic ?? "(no topic)"}\n`;
  // A present but empty payload still gets its line (`Payload: ` with a trailing space); null gets none.
  if (event.payload !== null) text += `Payload: ${renderPayload(event.payload, input.payloadMaxBytes)}\n`;
  if (previous !== undefined) {
    text += `Previous: Step ${previous.stepNumber} ${previous.status} — ${previous.output}\n`;
  }
  text += `\nCurrent step: **${step.title}**\n${step.body}\n`;
  if (step.suggestedTools.length > 0) text += `\nSuggested tools: ${step.suggestedTools.join(", ")}\n`;
  return `${text}\nWhen done, report your result.\n`;
}

/** The `Previous:` input for a run: its LAST appended result, whatever its `step_number` (engine.md §6). */
export function previousStep(
  results: readonly { readonly step_number: number; readonly status: string; readonly output: string }[],
): PreviousStep | undefined {
  const last = results.at(-1);
  return last === undefined ? undefined : { stepNumber: last.step_number, status: last.status, output: last.output };
}

/**
 * Renders a payload for the context (D13, Resolved detail 6): cut first at the last whole character that fits in
 * `maxBytes` UTF-8 bytes (0 = no cap) and append `… [truncated N bytes]`, then escape control characters other
 * than `\n` and `\t` in the kept text as JSON-style `\u001b` escapes.
 */
export function renderPayload(payload: string, maxBytes: number): string {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`renderPayload: maxBytes must be a non-negative integer, got ${maxBytes}`);
  }
  // Each UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 units), so short payloads skip
  // the byte walk entirely.
  if (maxBytes === 0 || payload.length * 3 <= maxBytes) return escapeControls(payload);
  const end = cutUtf8(payload, maxBytes);
  if (end === payload.length) return escapeControls(payload);
  return `${escapeControls(payload.slice(0, end))}… [truncated ${utf8Length(payload, end)} bytes]`;
}

// Unicode category Cc minus \t (U+0009) and \n (U+000A): U+0000–U+001F and U+007F–U+009F. \r is escaped too:
// D13 exempts only newline and tab. Backslashes are left alone: D13 allows no other re-formatting of the payload.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function escapeControls(text: string): string {
  // The spec names no escape form; JSON's `\u001b` (4 lowercase hex digits) is what JSON.stringify writes.
  return text.replace(controls, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The code-unit index where the longest prefix of at most `maxBytes` UTF-8 bytes ends (never inside a pair). */
function cutUtf8(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const size = utf8Size(text, i);
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += size === 4 ? 2 : 1;
  }
  return i;
}

/** UTF-8 byte length of `text` from code unit `start` on. */
function utf8Length(text: string, start: number): number {
  let bytes = 0;
  for (let i = start; i < text.length; ) {
    const size = utf8Size(text, i);
    bytes += size;
    i += size === 4 ? 2 : 1;
  }
  return bytes;
}

/**
 * The UTF-8 size of the character at code unit `i`; 4 means a surrogate pair (2 code units). A lone surrogate
 * counts 3 bytes: it has no UTF-8 form, and encoders (TextEncoder, SQLite, HTTP bodies) write it as U+FFFD.
 */
function utf8Size(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1); // NaN past the end, which fails the range test
    if (next >= 0xdc00 && next <= 0xdfff) return 4;
  }
  return 3;
}
