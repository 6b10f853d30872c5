// Metric values and how `sop_status` prints them (engine.md §9.2 "Value formatting", §10 item 1).
// Pure: no IO, no clock. Rounding works on the exact binary value of the double, never on `toFixed`.

/** A resolved metric: counters are integers, rates are floats (engine.md §7.3 "type"). */
export type MetricValue =
  | { readonly kind: "integer"; readonly value: number }
  | { readonly kind: "float"; readonly value: number };

const DECIMALS = 4;
const SCALE = 10n ** BigInt(DECIMALS);

/**
 * Formats a metric value as `sop_status` prints it: integers in decimal, integral floats without decimals (`1.0` →
 * `1`), any other float with exactly 4 decimals rounded half to even on the exact binary value (`0.03125` → `0.0312`).
 *
 * @example formatMetricValue({ kind: "float", value: 2 / 3 }) // "0.6667"
 */
export function formatMetricValue(value: MetricValue): string {
  const v = value.value;
  // NaN and infinities cannot come out of the formulas; they print as the reference's Rust `{:.4}` would.
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (Number.isInteger(v)) return BigInt(v).toString(); // BigInt: no exponent form for large values, `-0` → `0`
  return formatFixed4(v);
}

/** `v` with exactly 4 decimals, ties to even on the exact value `m·2^e` (engine.md §10 item 1). */
function formatFixed4(v: number): string {
  const { negative, mantissa, exponent } = decompose(v);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * SCALE;
  } else {
    const numerator = mantissa * SCALE;
    const denominator = 1n << BigInt(-exponent);
    const quotient = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    const roundUp = twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n);
    scaled = roundUp ? quotient + 1n : quotient;
  }
  const whole = (scaled / SCALE).toString();
  const fraction = (scaled % SCALE).toString().padStart(DECIMALS, "0");
  // The sign follows the value, as Rust prints it: -0.00001 → "-0.0000".
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Splits a finite double into sign and `mantissa · 2^exponent`, exactly (IEEE 754 binary64). */
function decompose(v: number): { negative: boolean; mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const negative = bits >> 63n === 1n;
  if (biased === 0) return { negative, mantissa: fraction, exponent: -1074 }; // subnormal
  return { negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
