// Test helper for the load and fault tests (issue #8): each has a CI size and a full size (docs/reliability.md),
// chosen with ZEROCLAW_FULL_SIZE=1; a seeded random source so a failing round can be replayed with the same seed.
import process from "node:process";
import { prng } from "../seeded-random.ts";

/** True for the full-size run (`ZEROCLAW_FULL_SIZE=1`), whose figures docs/reliability.md records. */
export const fullSize: boolean = process.env["ZEROCLAW_FULL_SIZE"] === "1";

/** The CI size, or the full size when asked for. */
export function sized(ci: number, full: number): number {
  return fullSize ? full : ci;
}

/** The seed of this run: `LOAD_SEED`, else a fixed one; printed by each test so a failure can be rerun. */
export const loadSeed: number = Number(process.env["LOAD_SEED"] ?? 8) >>> 0;

/** A seeded random source in [0, 1). */
export function seededRandom(salt: number): () => number {
  return prng(loadSeed * 1_000_003 + salt);
}

/** Prints one figure line for docs/reliability.md. */
export function report(line: string): void {
  process.stdout.write(`${fullSize ? "[full size] " : "[CI size] "}${line}\n`);
}
