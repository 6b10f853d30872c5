import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { harness, ok, runId, sop, step } from "./tool-fixture.ts";

const list = "sop_list";

const deploy = sop("Deploy-Prod", {
  priority: "high", steps: [step(1), step(2), step(3)],
  triggers: [
    { type: "manual" }, { type: "webhook", path: "/deploy", condition: "$.ok == true" },
    { type: "mqtt", topic: "ci/+/done" }, { type: "cron", expression: "0 9 * * 1", timezone: "UTC" },
    { type: "peripheral", board: "nucleo", signal: "btn", condition: "> 0" },
  ],
});
const critical = sop("critical-path", { priority: "low", steps: [step(1)], triggers: [] });
const alarm = sop("alarm", { priority: "critical", maxConcurrent: 2 });
const sops = [deploy, critical, alarm];

const lines = {
  deploy: "- **Deploy-Prod** [high] — 3 steps, 5 trigger(s): manual, webhook:/deploy, mqtt:ci/+/done, " +
    "cron:0 9 * * 1, peripheral:nucleo/btn\n",
  critical: "- **critical-path** [low] — 1 steps, 0 trigger(s): \n",
  alarm: "- **alarm** [critical] — 2 steps, 1 trigger(s): manual\n",
};

describe("sop_list", () => {
  test("sop_list prints every SOP in load order: display forms, no conditions, always `steps`", () => {
    const expected = `Loaded SOPs (3 total, 3 shown):\n\n${lines.deploy}${lines.critical}${lines.alarm}`;
    assert.deepEqual(harness(sops).call(list, {}), ok(expected));
  });

  test("sop_list says No SOPs loaded. whatever the filter", () => {
    assert.deepEqual(harness([]).call(list, {}), ok("No SOPs loaded."));
    assert.deepEqual(harness([]).call(list, { filter: "x" }), ok("No SOPs loaded."));
  });

  test("sop_list keeps names containing the lowercased filter", () => {
    const expected = `Loaded SOPs (3 total, 1 shown):\n\n${lines.deploy}`;
    assert.deepEqual(harness(sops).call(list, { filter: "DEPLOY" }), ok(expected));
    assert.deepEqual(harness(sops).call(list, { filter: "-prod" }), ok(expected));
  });

  test("sop_list keeps a priority word that equals the filter, or a name containing it", () => {
    const expected = `Loaded SOPs (3 total, 2 shown):\n\n${lines.critical}${lines.alarm}`;
    assert.deepEqual(harness(sops).call(list, { filter: "Critical" }), ok(expected));
    const low = ok(`Loaded SOPs (3 total, 1 shown):\n\n${lines.critical}`);
    assert.deepEqual(harness(sops).call(list, { filter: "low" }), low);
  });

  test("sop_list matches a partial priority word against names only", () => {
    const byName = ok(`Loaded SOPs (3 total, 1 shown):\n\n${lines.critical}`);
    assert.deepEqual(harness(sops).call(list, { filter: "crit" }), byName);
    assert.deepEqual(harness(sops).call(list, { filter: "hig" }), ok("No SOPs match filter 'hig'."));
  });

  test("sop_list keeps the filter's original case in the no-match text", () => {
    assert.deepEqual(harness(sops).call(list, { filter: "NoSuch SOP" }), ok("No SOPs match filter 'NoSuch SOP'."));
  });

  test("sop_list reads a non-string filter as empty", () => {
    const expected = `Loaded SOPs (3 total, 3 shown):\n\n${lines.deploy}${lines.critical}${lines.alarm}`;
    for (const args of [{ filter: 1 }, { filter: null }, { filter: ["alarm"] }, null, "alarm"]) {
      assert.deepEqual(harness(sops).call(list, args), ok(expected), JSON.stringify(args));
    }
  });

  test("sop_list appends (active runs: k) for running and waiting runs only", () => {
    const h = harness([deploy, critical, sop("alarm", { ...alarm, executionMode: "supervised" })]);
    h.call("sop_execute", { name: "alarm" });
    h.call("sop_execute", { name: "alarm" });
    h.call("sop_execute", { name: "critical-path" });
    h.call("sop_advance", { run_id: runId(3), status: "completed", output: "x" }); // critical-path finishes
    const expected = `Loaded SOPs (3 total, 3 shown):\n\n${lines.deploy}${lines.critical}` +
      "- **alarm** [critical] — 2 steps, 1 trigger(s): manual (active runs: 2)\n";
    assert.deepEqual(h.call(list, {}), ok(expected));
  });
});
