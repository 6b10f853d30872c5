// Property tests (issue #8): serial lines. The splitter cuts any byte stream, however chunked, into the same lines
// with memory bounded by its limit; every line parses to a signal, a blank or a reason, within the call bound.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { decodeLine, parseSignalLine } from "../../src/io/serial/signal-line.ts";
import { type LinePiece, LineSplitter } from "../../src/io/serial/line-splitter.ts";
import { anyText, assertBounded, checkProperty, mutated, pathological, timed } from "./property.ts";

const encoder = new TextEncoder();
const lineFragments = ["temp", " ", "21.5", "{", "}", '"signal"', '"value"', ":", ",", "\r", "\t", "\u00a0", "[",
  "null", "true", "\u0000", "\ud800", "é", "\\", '"', "1e400"];
const lineText = fc.oneof(anyText(lineFragments, 200), mutated(['{"signal":"temp","value":21.5}', "temp 21.5",
  '{"signal":"door","value":{"open":true}}', "  ", "alarm"], lineFragments),
pathological(["{", "[", '{"a":', " ", "\\"], ["}", "]"], 3_000));

function pieces(stream: Uint8Array, cuts: readonly number[], maxBytes: number): (LinePiece | undefined)[] {
  const splitter = new LineSplitter(maxBytes);
  const out: (LinePiece | undefined)[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(cut, stream.length);
    if (to < from) continue;
    out.push(...splitter.push(stream.subarray(from, to)));
    from = to;
  }
  out.push(...splitter.push(stream.subarray(from)), splitter.flush());
  return out;
}

describe("properties: serial lines", () => {
  test("parseSignalLine() gives a signal, a blank or a reason for any line; decodeLine() takes any bytes", () => {
    checkProperty("parseSignalLine", fc.tuple(lineText, fc.uint8Array({ maxLength: 120 })), ([line, bytes]) => {
      const parsed = timed("parseSignalLine", () => parseSignalLine(line));
      assert.ok(["signal", "blank", "invalid"].includes(parsed.kind));
      assertBounded(parsed, line.length, "parseSignalLine");
      if (parsed.kind === "invalid") assert.ok(parsed.reason.length < 200, "the reason quotes a bounded preview");
      const decoded = timed("decodeLine", () => decodeLine(bytes));
      assert.equal(typeof decoded.text, "string");
      assert.equal(typeof parseSignalLine(decoded.text).kind, "string");
    });
  });

  test("LineSplitter gives the same pieces however the stream is chunked, never a line over its limit", () => {
    const stream = fc.oneof(fc.uint8Array({ maxLength: 400 }),
      fc.array(fc.oneof(lineText, fc.constant("")), { maxLength: 8 }).map((lines) => encoder.encode(lines.join("\n"))),
      fc.constantFrom(new Uint8Array(5_000).fill(0x41), new Uint8Array(3_000).fill(0x0a)));
    checkProperty("LineSplitter", fc.tuple(stream, fc.array(fc.nat({ max: 5_000 }), { maxLength: 10 }),
      fc.integer({ min: 1, max: 256 })), ([bytes, cuts, maxBytes]) => {
      const chunked = timed("LineSplitter", () => pieces(bytes, cuts, maxBytes));
      assert.deepEqual(chunked, pieces(bytes, [], maxBytes), "chunking does not change the pieces");
      let length = 0;
      for (const piece of chunked) {
        if (piece === undefined) continue;
        if (piece.kind === "line") assert.ok(piece.bytes.length <= maxBytes);
        if (piece.kind === "oversized") assert.ok(piece.length > maxBytes);
        length += piece.kind === "line" ? piece.bytes.length : piece.length;
      }
      const newlines = bytes.filter((byte) => byte === 0x0a).length;
      assert.equal(length + newlines, bytes.length, "every byte is in a piece or is a newline");
    });
  });
});
