// Splits a serial byte stream into lines at `\n`, with a bound on how much one line may hold (fan-in.md §7).
// Pure: no IO, no clock.
//
// Why not `@serialport/parser-readline`: its DelimiterParser buffers without limit until a delimiter arrives, so a
// device (or a wrong baud rate) streaming bytes without `\n` grows memory for ever, and it cannot report an oversized
// line. This splitter keeps at most `maxBytes` per line and reports what it dropped.

/** What the splitter hands on: a complete line (without its `\n`), or the length of one it dropped. */
export type LinePiece =
  | { readonly kind: "line"; readonly bytes: Uint8Array }
  | { readonly kind: "oversized"; readonly length: number }
  | { readonly kind: "partial"; readonly length: number };

const NEWLINE = 0x0a;

/** A line splitter for one connection; `flush()` at disconnect reports an unfinished line. */
export class LineSplitter {
  readonly #maxBytes: number;
  #parts: Uint8Array[] = [];
  #length = 0;
  #overflowing = false;

  /** Lines longer than `maxBytes` (the `\n` not counted) are dropped and reported as `oversized`. */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Takes the next bytes; returns the lines they complete, in order. */
  push(chunk: Uint8Array): LinePiece[] {
    const pieces: LinePiece[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.#take(chunk.subarray(start, newline < 0 ? chunk.length : newline));
      if (newline < 0) return pieces;
      pieces.push(this.#finish());
      start = newline + 1;
    }
  }

  /** Ends the stream: an unfinished line is reported (as `partial`, or `oversized`) and forgotten. */
  flush(): LinePiece | undefined {
    if (this.#length === 0 && !this.#overflowing) return undefined;
    const piece: LinePiece = this.#overflowing
      ? { kind: "oversized", length: this.#length }
      : { kind: "partial", length: this.#length };
    this.#reset();
    return piece;
  }

  #take(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#length += bytes.length;
    if (this.#overflowing) return;
    if (this.#length > this.#maxBytes) {
      this.#overflowing = true; // from here on only the length is kept
      this.#parts = [];
      return;
    }
    this.#parts.push(bytes.slice()); // a copy: the caller may reuse its buffer
  }

  #finish(): LinePiece {
    const piece: LinePiece = this.#overflowing
      ? { kind: "oversized", length: this.#length }
      : { kind: "line", bytes: concat(this.#parts, this.#length) };
    this.#reset();
    return piece;
  }

  #reset(): void {
    this.#parts = [];
    this.#length = 0;
    this.#overflowing = false;
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
