// Test helper for the property suites (issue #8): one fixed seed, a case count from PROPERTY_RUNS, every call timed
// against a safety bound, outputs bounded by their input, and the text generators the suites share.
import assert from "node:assert/strict";
import process from "node:process";
import fc from "fast-check";

/** Cases per property: `PROPERTY_RUNS` (the full-size run in docs/reliability.md uses 10,000), else 1,000 for CI. */
export const propertyRuns: number = positiveInteger(process.env["PROPERTY_RUNS"]) ?? 1_000;
/** The seed every property starts from, so a failure reproduces; `PROPERTY_SEED` picks another. */
export const propertySeed: number = positiveInteger(process.env["PROPERTY_SEED"]) ?? 20_261_126;
/**
 * The most one call may take. A safety bound that catches catastrophic backtracking and quadratic blow-ups on
 * inputs of a few kilobytes, not a performance goal: typical calls take microseconds (bench/ holds the timings).
 */
export const callBoundMs = 250;

let slowestMs = 0;

/** Runs `property` on `runs` generated values with the fixed seed; prints the case count and the slowest call. */
export function checkProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, property: (value: T) => void,
  runs: number = propertyRuns): void {
  slowestMs = 0;
  let cases = 0;
  fc.assert(fc.property(arbitrary, (value) => {
    cases++;
    property(value);
  }), { seed: propertySeed, numRuns: runs, endOnFailure: true });
  process.stdout.write(`property ${name}: ${cases} cases, slowest call ${slowestMs.toFixed(1)} ms\n`);
}

/** Calls `fn` once, failing if it throws or takes longer than `callBoundMs`. */
export function timed<T>(label: string, fn: () => T): T {
  const started = performance.now();
  let result: T;
  try {
    result = fn();
  } catch (error) {
    assert.fail(`${label} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const elapsed = performance.now() - started;
  slowestMs = Math.max(slowestMs, elapsed);
  assert.ok(elapsed < callBoundMs, `${label} took ${elapsed.toFixed(1)} ms (bound ${callBoundMs} ms)`);
  return result;
}

/** Asserts that `output`, as JSON, is at most a fixed multiple of the input's size: no unbounded output. */
export function assertBounded(output: unknown, inputLength: number, label: string): void {
  const size = JSON.stringify(output, (_key, value: unknown) => typeof value === "bigint" ? value.toString() : value)
    ?.length ?? 0;
  const limit = 16 * inputLength + 16_384;
  assert.ok(size <= limit, `${label}: ${size} characters of output for ${inputLength} of input (limit ${limit})`);
}

/** Any string: arbitrary UTF-16 (lone surrogates too), printable ASCII, or a soup of the given fragments. */
export function anyText(fragments: readonly string[], maxLength = 300): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: "grapheme-ascii", maxLength }),
    soup(fragments, Math.max(1, Math.floor(maxLength / 4))),
    mutated([fragments.join("")], fragments),
  );
}

/** A concatenation of fragments chosen with repetition. */
export function soup(fragments: readonly string[], maxCount = 60): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...fragments), { maxLength: maxCount }).map((parts) => parts.join(""));
}

/** A valid sample with a few random edits: inserts (of fragments or random text), deletions, duplications. */
export function mutated(samples: readonly string[], fragments: readonly string[]): fc.Arbitrary<string> {
  const insert = fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: "binary", maxLength: 6 }));
  const edit = fc.record({
    kind: fc.constantFrom("insert", "delete", "duplicate"),
    at: fc.nat(),
    length: fc.nat({ max: 40 }),
    text: insert,
  });
  return fc.tuple(fc.constantFrom(...samples), fc.array(edit, { maxLength: 5 })).map(([sample, edits]) => {
    let text = sample;
    for (const { kind, at, length, text: inserted } of edits) {
      const i = text.length === 0 ? 0 : at % (text.length + 1);
      if (kind === "insert") text = text.slice(0, i) + inserted + text.slice(i);
      else if (kind === "delete") text = text.slice(0, i) + text.slice(i + length);
      else text = text.slice(0, i) + text.slice(i, i + length) + text.slice(i);
    }
    return text;
  });
}

/** Long runs of one fragment (up to `maxRepeat` times), optionally followed by a tail: the inputs that make a
 * backtracking or quadratic parser stall. */
export function pathological(fragments: readonly string[], tails: readonly string[], maxRepeat = 5_000)
  : fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...fragments), fc.integer({ min: 1, max: maxRepeat }), fc.constantFrom("", ...tails))
    .map(([fragment, count, tail]) => fragment.repeat(count) + tail);
}

function positiveInteger(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
