import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fixture, makeWorkspace, zeroclaw } from "./zeroclaw.ts";

const minimal = (name: string, extra = ""): string =>
  `[sop]\nname = "${name}"\ndescription = "d"\n${extra}\n[[triggers]]\ntype = "manual"\n`;
const steps = "## Steps\n\n1. **One** — x\n";

describe("zeroclaw sop validate", () => {
  test("validate prints ✓ and a blank line and exits 0 for a valid SOP", async () => {
    const result = await zeroclaw(["sop", "validate", "--workspace", fixture("worked-example")]);
    assert.equal(result.stdout, "  ✓ test-sop — valid\n\n");
    assert.equal(result.stderr, "");
    assert.equal(result.code, 0);
  });

  test("validate prints the reference warnings in order and exits 1 with the exact text", async () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": '[sop]\nname = ""\ndescription = ""\n',
      "sops/b/SOP.toml": minimal("b"),
      "sops/b/SOP.md": "## Steps\n\n1. **One**\n1. **Two**\n4.\n",
    });
    const result = await zeroclaw(["sop", "validate", "--workspace", ws]);
    assert.equal(
      result.stdout,
      "  !  — 4 warning(s):\n      SOP name is empty\n      SOP description is empty\n" +
        "      SOP has no triggers defined\n      SOP has no steps (missing or empty SOP.md)\n" +
        "  ! b — 3 warning(s):\n      Step numbering gap: expected 2, got 1\n" +
        "      Step numbering gap: expected 3, got 4\n      Step 4 has an empty title\n\n",
    );
    assert.equal(result.stderr, "Error: Validation completed with warnings\n");
    assert.equal(result.code, 1);
  });

  test("validate reports load failures as errors with file, line and column (D1)", async () => {
    const ws = makeWorkspace({
      "sops/deploy/SOP.toml": '[sop]\nname = "deploy"\ndescription = "d"\n\n[[triggers]]\ntype = "manual"\n\n' +
        '[[triggers]]\ntype = "email"\n',
      "sops/ok/SOP.toml": minimal("ok"),
      "sops/ok/SOP.md": steps,
    });
    const result = await zeroclaw(["sop", "validate", "--workspace", ws], { cwd: ws });
    assert.equal(
      result.stdout,
      "  ✗ deploy — 1 error(s), 0 warning(s):\n" +
        '      error: sops/deploy/SOP.toml:9:8: unknown trigger type "email" (expected manual, webhook, mqtt, cron, peripheral)\n' +
        "  ✓ ok — valid\n\n",
    );
    assert.equal(result.stderr, "Error: Validation failed with errors\n");
    assert.equal(result.code, 1);
  });

  test("validate reports a TOML syntax error whose name is unknown as a one-line ✗ diagnostic", async () => {
    const ws = makeWorkspace({ "sops/broken/SOP.toml": "[sop\nname = 1\n" });
    const result = await zeroclaw(["sop", "validate", "--workspace", ws], { cwd: ws });
    assert.match(result.stdout, /^ {2}✗ sops\/broken\/SOP\.toml:1:\d+: TOML syntax error: .+\n\n$/);
    assert.equal(result.code, 1);
  });

  test("validate never prints No SOPs to validate. when every SOP failed to load (D1)", async () => {
    const ws = makeWorkspace({ "sops/a/SOP.toml": "not toml at all" });
    const result = await zeroclaw(["sop", "validate", "--workspace", ws]);
    assert.doesNotMatch(result.stdout, /No SOPs to validate/);
    assert.equal(result.code, 1);
  });

  test("validate on an empty workspace prints No SOPs to validate. without a blank line, exit 0", async () => {
    const result = await zeroclaw(["sop", "validate", "--workspace", makeWorkspace({})]);
    assert.equal(result.stdout, "No SOPs to validate.\n");
    assert.equal(result.code, 0);
  });

  test("validate NAME selects by exact name and fails with SOP not found otherwise", async () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": minimal("a"), "sops/a/SOP.md": steps, "sops/b/SOP.toml": minimal("b"),
    });
    const a = await zeroclaw(["sop", "validate", "a", "--workspace", ws]);
    assert.equal(a.stdout, "  ✓ a — valid\n\n");
    assert.equal(a.code, 0);
    const missing = await zeroclaw(["sop", "validate", "A", "--workspace", ws]);
    assert.equal(missing.stderr, "Error: SOP not found: A\n");
    assert.equal(missing.stdout, "");
    assert.equal(missing.code, 1);
  });

  test("validate checks cron, conditions, webhook paths, topic filters and max_concurrent (D1)", async () => {
    const toml = '[sop]\nname = "x"\ndescription = "d"\nmax_concurrent = 0\n\n' +
      '[[triggers]]\ntype = "cron"\nexpression = "* * *"\n\n' +
      '[[triggers]]\ntype = "cron"\nexpression = "0 9 * * *"\ntimezone = "Mars/Olympus"\n\n' +
      '[[triggers]]\ntype = "mqtt"\ntopic = "a/#/b"\ncondition = "$.v => 5"\n\n' +
      '[[triggers]]\ntype = "webhook"\npath = "sop/x"\n\n' +
      '[[triggers]]\ntype = "peripheral"\nboard = "b"\nsignal = "s"\ncondition = "$.on == \\"true\\""\n';
    const ws = makeWorkspace({ "sops/x/SOP.toml": toml, "sops/x/SOP.md": steps });
    const result = await zeroclaw(["sop", "validate", "--json", "--workspace", ws], { cwd: ws });
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      sops: { name: string; path: string; errors: { message: string; line?: number }[]; warnings: { message: string }[] }[];
    };
    assert.equal(report.ok, false);
    const [sop] = report.sops;
    assert.equal(sop?.path, "sops/x");
    const errors = sop?.errors.map((e) => e.message) ?? [];
    assert.deepEqual(errors.slice(0, 3), [
      "trigger 1: Invalid cron expression: * * * (expected 5, 6, or 7 fields, got 3)",
      'trigger 2: unknown time zone "Mars/Olympus"',
      'trigger 3: invalid MQTT topic filter "a/#/b": "#" must be the last level',
    ]);
    assert.match(errors[3] ?? "", /^trigger 3: invalid condition "\$\.v => 5": ./);
    assert.equal(errors[4], 'trigger 4: webhook path must start with "/" (got "sop/x")');
    assert.equal(errors.length, 5);
    assert.equal(sop?.errors[0]?.line, 8);
    assert.deepEqual(sop?.warnings.map((w) => w.message), [
      'trigger 5: condition compares with the string "true"; write true for the boolean',
      "max_concurrent is 0: the SOP can never start",
    ]);
    assert.equal(result.code, 1);
  });

  test("validate warns about unknown keys with a did-you-mean suggestion", async () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\nprioritty = "high"\n\n[[triggers]]\ntype = "manual"\ntopic = "x"\n',
      "sops/a/SOP.md": steps,
    });
    const result = await zeroclaw(["sop", "validate", "--workspace", ws]);
    assert.equal(
      result.stdout,
      '  ! a — 2 warning(s):\n      unknown key "prioritty" in [sop] (did you mean "priority"?)\n' +
        '      unknown key "topic" in trigger 1 (manual)\n\n',
    );
  });

  test("validate reports duplicate names as an error on the later folder", async () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": minimal("dup"), "sops/a/SOP.md": steps,
      "sops/b/SOP.toml": minimal("dup"), "sops/b/SOP.md": steps,
    });
    const result = await zeroclaw(["sop", "validate", "--workspace", ws], { cwd: ws });
    assert.match(result.stdout, /✗ dup — 1 error\(s\), 0 warning\(s\):\n {6}error: sops\/b\/SOP\.toml: duplicate SOP name "dup" \(also in .*sops\/a\)\n/);
    assert.match(result.stdout, /✓ dup — valid/);
    assert.equal(result.code, 1);
  });

  test("validate --format github prints one workflow command per diagnostic", async () => {
    const ws = makeWorkspace({
      "sops/deploy/SOP.toml": '[sop]\nname = "d"\ndescription = ""\n\n[[triggers]]\ntype = "webhook"\npath = "x,y"\n',
      "sops/deploy/SOP.md": steps,
    });
    const result = await zeroclaw(["sop", "validate", "--format", "github", "--workspace", ws], { cwd: ws });
    assert.equal(
      result.stdout,
      "::warning file=sops/deploy/SOP.toml::SOP description is empty\n" +
        '::error file=sops/deploy/SOP.toml,line=7,col=8::trigger 1: webhook path must start with "/" (got "x,y")\n',
    );
    assert.equal(result.code, 1);
  });

  test("validate --json lists load failures without a name under errors", async () => {
    const ws = makeWorkspace({ "sops/a/SOP.toml": "x = [" });
    const result = await zeroclaw(["sop", "validate", "--json", "--workspace", ws], { cwd: ws });
    const report = JSON.parse(result.stdout) as { ok: boolean; sops: unknown[]; errors: { file: string; line: number }[] };
    assert.equal(report.ok, false);
    assert.deepEqual(report.sops, []);
    assert.equal(report.errors[0]?.file, "sops/a/SOP.toml");
    assert.equal(report.errors[0]?.line, 1);
  });

  test("validate rejects an unknown --format as a usage error", async () => {
    const result = await zeroclaw(["sop", "validate", "--format", "xml"]);
    assert.equal(result.code, 2);
  });
});
