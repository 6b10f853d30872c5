import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { makeWorkspace, zeroclaw } from "./zeroclaw.ts";

const sop = (triggers: string): string => `[sop]\nname = "s"\ndescription = "d"\n${triggers}`;

describe("zeroclaw sop next", () => {
  test("sop next prints N fire times per cron trigger, prefixed by the expression", async () => {
    const ws = makeWorkspace({ "sops/s/SOP.toml": sop('[[triggers]]\ntype = "cron"\nexpression = "0 9 * * 1-5"\n') });
    const result = await zeroclaw(["sop", "next", "s", "--count", "3", "--from", "2026-11-27T12:00:00Z", "--workspace", ws]);
    assert.equal(result.code, 0);
    // 2026-11-27 is a Friday: next are Monday, Tuesday, Wednesday at 09:00 UTC (D5: 1-5 = Mon-Fri)
    assert.equal(
      result.stdout,
      "0 9 * * 1-5\t2026-11-30T09:00:00Z\n0 9 * * 1-5\t2026-12-01T09:00:00Z\n0 9 * * 1-5\t2026-12-02T09:00:00Z\n",
    );
  });

  test("sop next evaluates in the trigger's time zone", async () => {
    const ws = makeWorkspace({
      "sops/s/SOP.toml": sop('[[triggers]]\ntype = "cron"\nexpression = "0 8 * * *"\ntimezone = "Europe/Berlin"\n'),
    });
    const result = await zeroclaw(["sop", "next", "s", "--count", "1", "--from", "2026-07-01T00:00:00Z", "--workspace", ws]);
    assert.equal(result.stdout, "0 8 * * *\t2026-07-01T06:00:00Z\n");
  });

  test("sop next rejects a bad --count and a bad --from as usage errors", async () => {
    const ws = makeWorkspace({ "sops/s/SOP.toml": sop("") });
    assert.equal((await zeroclaw(["sop", "next", "s", "--count", "0", "--workspace", ws])).code, 2);
    assert.equal((await zeroclaw(["sop", "next", "s", "--count", "x", "--workspace", ws])).code, 2);
    assert.equal((await zeroclaw(["sop", "next", "s", "--from", "yesterday", "--workspace", ws])).code, 2);
  });

  test("sop next reports a trigger whose expression does not parse", async () => {
    const ws = makeWorkspace({ "sops/s/SOP.toml": sop('[[triggers]]\ntype = "cron"\nexpression = "nope"\n') });
    const result = await zeroclaw(["sop", "next", "s", "--workspace", ws]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Invalid cron expression: nope \(expected 5, 6, or 7 fields, got 1\)/);
  });
});
