import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { commands } from "../../src/cli/run-cli.ts";
import { zeroclaw } from "./zeroclaw.ts";

describe("zeroclaw command line", () => {
  test("every command answers --help with its usage and exit 0", async () => {
    for (const command of commands) {
      const result = await zeroclaw([...command.words, "--help"]);
      assert.equal(result.code, 0, command.words.join(" "));
      assert.match(result.stdout, new RegExp(`Usage: ${command.usage.replace(/[[\]|.()]/g, "\\$&")}`));
    }
  });

  test("the help texts keep the reference wording", async () => {
    assert.match((await zeroclaw(["sop", "--help"])).stdout, /^Manage standard operating procedures \(SOPs\)/);
    assert.match((await zeroclaw(["sop", "list", "--help"])).stdout, /^List loaded SOPs/);
    const validate = (await zeroclaw(["sop", "validate", "--help"])).stdout;
    assert.match(validate, /^Validate SOP definitions/);
    assert.match(validate, /SOP name to validate \(all if omitted\)/);
    const show = (await zeroclaw(["sop", "show", "--help"])).stdout;
    assert.match(show, /^Show details of an SOP/);
    assert.match(show, /Name of the SOP to show/);
  });

  test("unknown commands and flags are usage errors with exit 2", async () => {
    assert.equal((await zeroclaw(["nope"])).code, 2);
    assert.equal((await zeroclaw(["sop", "nope"])).code, 2);
    const flag = await zeroclaw(["sop", "list", "--bogus"]);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /^Error: unknown flag --bogus/);
    assert.equal((await zeroclaw(["sop", "list", "extra"])).code, 2);
  });

  test("--flag=value works like --flag value", async () => {
    const result = await zeroclaw(["sop", "list", "--workspace=/nonexistent/ws"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /SOPs directory: \/nonexistent\/ws\/sops/);
  });

  test("a config file named with --config must exist; the default one may be absent", async () => {
    const missing = await zeroclaw(["sop", "list", "--config", "/nonexistent/config.toml"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: \/nonexistent\/config\.toml: cannot read file/);
  });

  test("sop schema prints a JSON Schema that lists every trigger type", async () => {
    const result = await zeroclaw(["sop", "schema"]);
    const schema = JSON.parse(result.stdout) as { properties: { triggers: { items: { oneOf: { properties: { type: { const: string } } }[] } } } };
    assert.deepEqual(schema.properties.triggers.items.oneOf.map((t) => t.properties.type.const),
      ["manual", "webhook", "mqtt", "cron", "peripheral"]);
  });
});
