// Pins the exact step-context layout of engine.md §6 and the D13 payload cut-then-escape rule.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Step } from "../../src/compiler/sop.ts";
import {
  previousStep,
  renderPayload,
  renderStepContext,
  type StepContextInput,
} from "../../src/compiler/step-context.ts";

const stepOne: Step = {
  number: 1,
  title: "Step one",
  body: "Do step one",
  suggestedTools: ["shell", "file_read"],
  requiresConfirmation: false,
};
const stepTwo: Step = {
  number: 2, title: "Step two", body: "Do step two\nline2", suggestedTools: [], requiresConfirmation: false,
};
const start: StepContextInput = {
  sopName: "s1",
  runId: "run-1795682690296-0001",
  position: 1,
  totalSteps: 2,
  event: { source: "manual", topic: null, payload: '{"value": 87.3}' },
  step: stepOne,
  payloadMaxBytes: 8192,
};
const encoder = new TextEncoder();

/** The D13 rule restated over TextEncoder bytes, one code point at a time, to check renderPayload's byte walk. */
function cutByEncoder(payload: string, maxBytes: number): { kept: string; removed: number } {
  const total = encoder.encode(payload).length;
  if (maxBytes === 0 || total <= maxBytes) return { kept: payload, removed: 0 };
  let kept = "";
  let bytes = 0;
  for (const char of payload) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    kept += char;
    bytes += size;
  }
  return { kept, removed: total - bytes };
}

describe("renderStepContext()", () => {
  test("renderStepContext() reproduces engine.md §6 example 1 (start, tools) byte for byte", () => {
    assert.equal(
      renderStepContext(start),
      "[SOP: s1 (run run-1795682690296-0001) — Step 1 of 2]\n\nTrigger: manual (no topic)\nPayload: {\"value\": 87.3}\n\nCurrent step: **Step one**\nDo step one\n\nSuggested tools: shell, file_read\n\nWhen done, report your result.\n",
    );
  });

  test("renderStepContext() reproduces engine.md §6 example 2 (Previous:, multi-line body, no tools)", () => {
    const previous = { stepNumber: 1, status: "completed", output: "done ok" };
    const input = { ...start, position: 2, step: stepTwo, previous };
    assert.equal(
      renderStepContext(input),
      "[SOP: s1 (run run-1795682690296-0001) — Step 2 of 2]\n\nTrigger: manual (no topic)\nPayload: {\"value\": 87.3}\nPrevious: Step 1 completed — done ok\n\nCurrent step: **Step two**\nDo step two\nline2\n\nWhen done, report your result.\n",
    );
  });

  test("renderStepContext() reproduces engine.md §6 example 3 (mqtt topic, empty payload, no tools)", () => {
    const input = {
      ...start,
      runId: "…",
      event: { source: "mqtt", topic: "a/b", payload: "" },
      step: { ...stepOne, suggestedTools: [] },
    };
    assert.equal(
      renderStepContext(input),
      "[SOP: s1 (run …) — Step 1 of 2]\n\nTrigger: mqtt a/b\nPayload: \n\nCurrent step: **Step one**\nDo step one\n\nWhen done, report your result.\n",
    );
  });

  test("renderStepContext() puts the position in the header, never the written step number", () => {
    const text = renderStepContext({ ...start, position: 2, step: { ...stepTwo, number: 5 } });
    assert.ok(text.startsWith("[SOP: s1 (run run-1795682690296-0001) — Step 2 of 2]\n"), text);
    assert.ok(!text.includes("Step 5"), text);
  });

  test("renderStepContext() prints Previous: with the step number the result recorded", () => {
    const previous = { stepNumber: 7, status: "skipped", output: "x" };
    const text = renderStepContext({ ...start, position: 2, previous });
    assert.ok(text.includes("\nPrevious: Step 7 skipped — x\n\nCurrent step:"), text);
  });

  test("renderStepContext() gives `Payload: ` with a trailing space for an empty payload", () => {
    const text = renderStepContext({ ...start, event: { ...start.event, payload: "" } });
    assert.ok(text.includes("\nPayload: \n"), text);
  });

  test("renderStepContext() has no Payload: line for a null payload", () => {
    const text = renderStepContext({ ...start, event: { ...start.event, payload: null } });
    assert.ok(!text.includes("Payload:"), text);
    assert.ok(text.includes("Trigger: manual (no topic)\n\nCurrent step:"), text);
  });

  test("renderStepContext() prints the topic as is, and `(no topic)` only for null", () => {
    const topic = (t: string | null): string =>
      renderStepContext({ ...start, event: { source: "webhook", topic: t, payload: null } }).split("\n")[2] ?? "";
    assert.equal(topic(null), "Trigger: webhook (no topic)");
    assert.equal(topic("/sop/deploy"), "Trigger: webhook /sop/deploy");
    assert.equal(topic(""), "Trigger: webhook ");
  });

  test("renderStepContext() has the Suggested tools block only when tools are non-empty", () => {
    assert.ok(renderStepContext(start).includes("\n\nSuggested tools: shell, file_read\n\nWhen done"));
    const none = renderStepContext({ ...start, step: { ...stepOne, suggestedTools: [] } });
    assert.ok(!none.includes("Suggested tools"), none);
    assert.ok(none.endsWith("Do step one\n\nWhen done, report your result.\n"), none);
    const one = renderStepContext({ ...start, step: { ...stepOne, suggestedTools: ["shell"] } });
    assert.ok(one.includes("\nSuggested tools: shell\n"), one);
  });

  test("renderStepContext() inserts an empty body as an empty line", () => {
    const text = renderStepContext({ ...start, step: { ...stepOne, body: "", suggestedTools: [] } });
    assert.ok(text.endsWith("Current step: **Step one**\n\n\nWhen done, report your result.\n"), text);
  });

  test("renderStepContext() caps and escapes the payload with payloadMaxBytes", () => {
    const event = { ...start.event, payload: "ab\u001bcdef" };
    const text = renderStepContext({ ...start, event, payloadMaxBytes: 4 });
    assert.ok(text.includes("\nPayload: ab\\u001bc… [truncated 3 bytes]\n"), text);
  });
});

describe("previousStep()", () => {
  const result = (step_number: number, status: string, output: string) => ({ step_number, status, output });

  test("previousStep() takes the LAST appended result, whatever its step_number", () => {
    const results = [result(1, "completed", "a"), result(3, "skipped", "b"), result(2, "completed", "c")];
    assert.deepEqual(previousStep(results), { stepNumber: 2, status: "completed", output: "c" });
  });

  test("previousStep() is undefined without results, so no Previous: line is printed", () => {
    assert.equal(previousStep([]), undefined);
    assert.ok(!renderStepContext({ ...start, previous: previousStep([]) }).includes("Previous:"));
  });
});

describe("renderPayload()", () => {
  // a = 1 byte, é = 2, € = 3, 😀 = 4: 10 bytes in all.
  const mixed = "aé€😀";

  test("renderPayload() cuts at the last whole character that fits, for 2-, 3- and 4-byte characters", () => {
    const expected: readonly [number, string][] = [
      [1, "a… [truncated 9 bytes]"],
      [2, "a… [truncated 9 bytes]"],
      [3, "aé… [truncated 7 bytes]"],
      [5, "aé… [truncated 7 bytes]"],
      [6, "aé€… [truncated 4 bytes]"],
      [9, "aé€… [truncated 4 bytes]"],
      [10, "aé€😀"],
      [11, "aé€😀"],
    ];
    for (const [maxBytes, rendered] of expected) {
      assert.equal(renderPayload(mixed, maxBytes), rendered, `max ${maxBytes}`);
    }
  });

  test("renderPayload() keeps nothing when the first character does not fit", () => {
    assert.equal(renderPayload("😀x", 3), "… [truncated 5 bytes]");
    assert.equal(renderPayload("€", 2), "… [truncated 3 bytes]");
  });

  test("renderPayload() leaves a payload of exactly maxBytes bytes whole, and cuts one byte more", () => {
    assert.equal(renderPayload("abcd", 4), "abcd");
    assert.equal(renderPayload("abcde", 4), "abcd… [truncated 1 bytes]");
    assert.equal(renderPayload("ééé", 6), "ééé");
    assert.equal(renderPayload("éééa", 6), "ééé… [truncated 1 bytes]");
  });

  test("renderPayload() counts N in UTF-8 bytes, as TextEncoder does, over many mixed strings", () => {
    const alphabet = ["a", "\n", "\u0000", "é", "ß", "€", "中", "😀", "𝄞", "\u0085", "\ud800", "\udc00"];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648; // a fixed LCG: deterministic, no Math.random
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const length = next(12);
      let payload = "";
      for (let i = 0; i < length; i++) payload += alphabet[next(alphabet.length)];
      const maxBytes = next(20);
      const { kept, removed } = cutByEncoder(payload, maxBytes);
      const rendered = renderPayload(payload, maxBytes);
      const tail = removed > 0 ? `… [truncated ${removed} bytes]` : "";
      assert.ok(rendered.endsWith(tail), JSON.stringify({ payload, maxBytes, rendered }));
      assert.equal(rendered.slice(0, rendered.length - tail.length), renderPayload(kept, 0), JSON.stringify(payload));
    }
  });

  test("renderPayload() counts a lone surrogate as 3 bytes (U+FFFD) and never splits a surrogate pair", () => {
    assert.equal(renderPayload("\ud800abc", 2), "… [truncated 6 bytes]");
    assert.equal(renderPayload("\ud800abc", 3), "\ud800… [truncated 3 bytes]");
    assert.equal(renderPayload("ab\ud83d", 3), "ab… [truncated 3 bytes]");
    assert.equal(renderPayload("a\udc00", 10), "a\udc00");
    assert.equal(renderPayload("a😀", 4), "a… [truncated 4 bytes]");
    assert.equal(renderPayload("\udc00\ud800", 0), "\udc00\ud800");
  });

  test("renderPayload() escapes C0 controls, DEL and C1 controls as \\u00XX, but not \\n or \\t", () => {
    assert.equal(renderPayload("\u0000", 0), "\\u0000");
    assert.equal(renderPayload("\u001b[31mred\u001b[0m", 0), "\\u001b[31mred\\u001b[0m");
    assert.equal(renderPayload("a\r\nb", 0), "a\\u000d\nb");
    assert.equal(renderPayload("\u007f", 0), "\\u007f");
    assert.equal(renderPayload("\u0080\u0085\u009f", 0), "\\u0080\\u0085\\u009f");
    assert.equal(renderPayload("\u000b\u000c\u0008", 0), "\\u000b\\u000c\\u0008");
    assert.equal(renderPayload("a\tb\nc", 0), "a\tb\nc");
  });

  test("renderPayload() leaves everything outside category Cc alone: no re-formatting, backslashes kept", () => {
    const untouched = '{"a": "x\\ny", "b": "\\u001b"}\u00a0\u2028\u200b\ufeff é 😀';
    assert.equal(renderPayload(untouched, 0), untouched);
  });

  test("renderPayload() cuts on raw bytes first, then escapes only the kept text", () => {
    assert.equal(renderPayload("\u0000\u0000\u0000", 2), "\\u0000\\u0000… [truncated 1 bytes]");
    assert.equal(renderPayload("ab\u0085cd", 4), "ab\\u0085… [truncated 2 bytes]");
  });

  test("renderPayload() does not cap with maxBytes 0", () => {
    const big = "x".repeat(100_000);
    assert.equal(renderPayload(big, 0), big);
  });

  test("renderPayload() throws RangeError for a negative or fractional maxBytes (a caller bug)", () => {
    assert.throws(() => renderPayload("x", -1), RangeError);
    assert.throws(() => renderPayload("x", 1.5), RangeError);
    assert.throws(() => renderPayload("x", Number.NaN), RangeError);
  });

  test("renderPayload() handles a 10 MB payload quickly, capped and uncapped", () => {
    const ascii = "x".repeat(10 * 1024 * 1024);
    const wide = "é€😀\u001b".repeat(1024 * 1024); // 10 MiB of UTF-8, with a control in every group
    const began = performance.now();
    assert.equal(renderPayload(ascii, 8192), `${"x".repeat(8192)}… [truncated ${10 * 1024 * 1024 - 8192} bytes]`);
    // 819 whole groups are 8190 bytes; the next é (2 bytes) still fits, the € after it does not.
    assert.ok(renderPayload(wide, 8192).endsWith(`\\u001bé… [truncated ${10 * 1024 * 1024 - 8192} bytes]`));
    assert.equal(renderPayload(ascii, 0).length, ascii.length);
    assert.equal(renderPayload(wide, 0).length, wide.length + 5 * 1024 * 1024);
    const elapsedMs = performance.now() - began;
    assert.ok(elapsedMs < 3000, `took ${elapsedMs} ms`);
  });
});
