import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fixture, makeWorkspace, zeroclaw } from "./zeroclaw.ts";

describe("zeroclaw sop show", () => {
  test("sop show prints the worked example of definitions.md §5.4 exactly", async () => {
    const result = await zeroclaw(["sop", "show", "test-sop", "--workspace", fixture("worked-example")]);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      [
        "test-sop v1.0.0", "A test SOP", "", "Priority:       high", "Execution mode: auto", "Cooldown:       60s",
        "Max concurrent: 1", "", "Triggers:", "  - manual", "  - webhook:/sop/test", "", "Steps:", "  1. Step one",
        "     Do something.", "     Tools: shell", "  2. Step two [requires confirmation]", "     Do something else.", "", "",
      ].join("\n"),
    );
  });

  test("sop show without triggers and steps ends with two blank lines after Max concurrent", async () => {
    const ws = makeWorkspace({ "sops/a/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\n' });
    const result = await zeroclaw(["sop", "show", "a", "--workspace", ws]);
    assert.equal(
      result.stdout,
      "a v0.1.0\nd\n\nPriority:       normal\nExecution mode: supervised\nCooldown:       0s\nMax concurrent: 1\n\n\n",
    );
  });

  test("sop show of an unknown name fails with SOP not found and exit 1", async () => {
    const result = await zeroclaw(["sop", "show", "nope", "--workspace", fixture("worked-example")]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr, "Error: SOP not found: nope\n");
  });

  test("sop show without a name is a usage error (exit 2)", async () => {
    const result = await zeroclaw(["sop", "show"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^Error: missing argument NAME/);
  });

  test("sop show --json prints the SOP object with steps in reference keys", async () => {
    const result = await zeroclaw(["sop", "show", "test-sop", "--json", "--workspace", fixture("worked-example")]);
    const sop = JSON.parse(result.stdout) as { steps: unknown[] };
    assert.deepEqual(sop.steps[1], {
      number: 2, title: "Step two", body: "Do something else.", suggested_tools: [], requires_confirmation: true,
    });
  });

  test("sop show takes the first of duplicate names in folder order", async () => {
    const ws = makeWorkspace({
      "sops/b/SOP.toml": '[sop]\nname = "dup"\ndescription = "second"\n',
      "sops/a/SOP.toml": '[sop]\nname = "dup"\ndescription = "first"\n',
    });
    const result = await zeroclaw(["sop", "show", "dup", "--workspace", ws]);
    assert.match(result.stdout, /^dup v0\.1\.0\nfirst\n/);
  });

  test("sop show prints every body line indented by five spaces, blank code lines as five spaces", async () => {
    const md = "## Steps\n\n1. **A** — first\n\n   ```sh\n   echo 1\n\n   echo 2\n   ```\n";
    const ws = makeWorkspace({ "sops/a/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\n', "sops/a/SOP.md": md });
    const result = await zeroclaw(["sop", "show", "a", "--workspace", ws]);
    assert.match(result.stdout, /Steps:\n {2}1\. A\n {5}first\n {5}```sh\n {5}echo 1\n {5}\n {5}echo 2\n {5}```\n\n$/);
  });
});
