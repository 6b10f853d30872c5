import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fixture, makeWorkspace, zeroclaw } from "./zeroclaw.ts";

describe("zeroclaw sop list", () => {
  test("sop list prints the worked example of definitions.md §5.4 exactly", async () => {
    const result = await zeroclaw(["sop", "list", "--workspace", fixture("worked-example")]);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      "SOPs (1):\n\n  test-sop v1.0.0 [high] — A test SOP\n" +
        "    Mode: auto  Steps: 2  Triggers: manual, webhook:/sop/test\n    Cooldown: 60s\n\n",
    );
    assert.equal(result.stderr, "");
  });

  test("sop list styles name, version and priority only on a colour terminal", async () => {
    const ws = fixture("worked-example");
    const styled = await zeroclaw(["sop", "list", "--workspace", ws], { tty: true, env: { TERM: "xterm" } });
    assert.match(styled.stdout, /\x1b\[37m\x1b\[1mtest-sop\x1b\[0m \x1b\[2mv1\.0\.0\x1b\[0m \[\x1b\[36mhigh\x1b\[0m\]/);
    const noColor = await zeroclaw(["sop", "list", "--workspace", ws], { tty: true, env: { NO_COLOR: "1" } });
    assert.doesNotMatch(noColor.stdout, /\x1b/);
    const forced = await zeroclaw(["sop", "list", "--workspace", ws], { env: { CLICOLOR_FORCE: "1" } });
    assert.match(forced.stdout, /\x1b\[37m/);
    const dumb = await zeroclaw(["sop", "list", "--workspace", ws], { tty: true, env: { TERM: "dumb" } });
    assert.doesNotMatch(dumb.stdout, /\x1b/);
  });

  test("sop list with no SOPs prints the reference hint and the resolved folder", async () => {
    const ws = makeWorkspace({ "sops/.keep": "" });
    const result = await zeroclaw(["sop", "list", "--workspace", ws]);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      "No SOPs found.\n\n  Create one: mkdir -p ~/.zeroclaw/workspace/sops/my-sop\n" +
        `              # Add SOP.toml and SOP.md\n\n  SOPs directory: ${ws}/sops\n\n`,
    );
  });

  test("sop list ends the trigger line with a space when there are no triggers, and omits a zero cooldown", async () => {
    const ws = makeWorkspace({ "sops/a/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\n' });
    const result = await zeroclaw(["sop", "list", "--workspace", ws]);
    assert.equal(result.stdout, "SOPs (1):\n\n  a v0.1.0 [normal] — d\n    Mode: supervised  Steps: 0  Triggers: \n\n");
  });

  test("sop list sorts by code point and prints load errors on stderr with exit 0 (D1)", async () => {
    const ws = makeWorkspace({
      "sops/1/SOP.toml": '[sop]\nname = "b"\ndescription = "d"\n',
      "sops/2/SOP.toml": '[sop]\nname = "B"\ndescription = "d"\n',
      "sops/3/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\n',
      "sops/deploy/SOP.toml": '[sop]\nname = "x"\ndescription = "d"\n\n[[triggers]]\ntype = "email"\n',
    });
    const result = await zeroclaw(["sop", "list", "--workspace", ws], { cwd: ws });
    assert.equal(result.code, 0);
    assert.deepEqual([...result.stdout.matchAll(/^ {2}(\S+) v/gm)].map((m) => m[1]), ["B", "a", "b"]);
    assert.equal(
      result.stderr,
      'sops/deploy/SOP.toml:6:8: unknown trigger type "email" (expected manual, webhook, mqtt, cron, peripheral)\n',
    );
  });

  test("sop list --json prints reference JSON, extension keys only when set", async () => {
    const ws = makeWorkspace({
      "sops/a/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\nqueue = 2\n\n[[triggers]]\ntype = "mqtt"\ntopic = "t"\n\n' +
        '[[triggers]]\ntype = "cron"\nexpression = "* * * * *"\ntimezone = "UTC"\n\n[[triggers]]\ntype = "webhook"\npath = "/sop/a"\n',
    });
    const result = await zeroclaw(["sop", "list", "--json", "--workspace", ws]);
    assert.equal(result.code, 0);
    const [sop] = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(sop ?? {}), [
      "name", "description", "version", "priority", "execution_mode", "triggers", "steps", "cooldown_secs",
      "max_concurrent", "queue",
    ]);
    assert.deepEqual(sop?.["triggers"], [
      { type: "mqtt", topic: "t", condition: null },
      { type: "cron", expression: "* * * * *", timezone: "UTC" },
      { type: "webhook", path: "/sop/a" },
    ]);
  });

  test("sop list uses the config's sops_dir relative to the workspace, and default_execution_mode", async () => {
    const ws = makeWorkspace({
      "config.toml": '[sop]\nsops_dir = "procedures"\ndefault_execution_mode = "step_by_step"\n',
      "procedures/a/SOP.toml": '[sop]\nname = "a"\ndescription = "d"\n',
    });
    const result = await zeroclaw(["sop", "list", "--workspace", ws, "--config", `${ws}/config.toml`]);
    assert.match(result.stdout, /Mode: step_by_step/);
  });
});
