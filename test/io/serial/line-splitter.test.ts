import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LineSplitter, type LinePiece } from "../../../src/io/serial/line-splitter.ts";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (pieces: LinePiece[]): string[] =>
  pieces.map((p) => (p.kind === "line" ? new TextDecoder().decode(p.bytes) : `<${p.kind} ${p.length}>`));

describe("LineSplitter", () => {
  test("push() splits at \\n, keeps \\r, and holds an unfinished line for the next chunk", () => {
    const splitter = new LineSplitter(100);
    assert.deepEqual(text(splitter.push(bytes("a 1\r\nb 2\nc"))), ["a 1\r", "b 2"]);
    assert.deepEqual(text(splitter.push(bytes(" 3"))), []);
    assert.deepEqual(text(splitter.push(bytes("\n\n"))), ["c 3", ""]);
    assert.equal(splitter.flush(), undefined);
  });

  test("push() joins a line split byte by byte, a multi-byte character included", () => {
    const splitter = new LineSplitter(100);
    const out = [...bytes("t 21°\n")].flatMap((byte) => splitter.push(new Uint8Array([byte])));
    assert.deepEqual(text(out), ["t 21°"]);
  });

  test("push() copies what it keeps, so the caller may reuse its buffer", () => {
    const splitter = new LineSplitter(100);
    const buffer = bytes("ab");
    splitter.push(buffer);
    buffer.set(bytes("xy"));
    assert.deepEqual(text(splitter.push(bytes("\n"))), ["ab"]);
  });

  test("push() drops a line over the limit, keeping only its length, and goes on with the next", () => {
    const splitter = new LineSplitter(4);
    assert.deepEqual(text(splitter.push(bytes("1234\n12345"))), ["1234"]);
    assert.deepEqual(text(splitter.push(bytes("6789"))), []);
    assert.deepEqual(text(splitter.push(bytes("0\nok\n"))), ["<oversized 10>", "ok"]);
  });

  test("push() holds at most the limit however long a line without \\n grows", () => {
    const splitter = new LineSplitter(8);
    for (let i = 0; i < 1_000; i++) splitter.push(new Uint8Array(1_024));
    assert.deepEqual(text(splitter.push(bytes("\n"))), ["<oversized 1024000>"]);
  });

  test("flush() reports an unfinished line as partial, or oversized, then starts afresh", () => {
    const splitter = new LineSplitter(4);
    splitter.push(bytes("a 1"));
    assert.deepEqual(splitter.flush(), { kind: "partial", length: 3 });
    splitter.push(bytes("123456"));
    assert.deepEqual(splitter.flush(), { kind: "oversized", length: 6 });
    assert.equal(splitter.flush(), undefined);
    assert.deepEqual(text(splitter.push(bytes("b\n"))), ["b"]);
  });
});
