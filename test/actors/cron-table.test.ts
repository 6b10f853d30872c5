import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildCronTable, cronCheckpointKey } from "../../src/actors/cron-table.ts";
import { makeSop } from "./engine-fixture.ts";

describe("buildCronTable()", () => {
  test("buildCronTable() lists SOPs in code-point order of name and triggers in SOP.toml order", () => {
    const table = buildCronTable([
      makeSop("b", { triggers: [{ type: "cron", expression: "0 9 * * *" }, { type: "manual" },
        { type: "cron", expression: "*/5 * * * * *", timezone: "Asia/Tokyo" }] }),
      makeSop("B", { triggers: [{ type: "cron", expression: "@hourly" }] }),
      makeSop("a", { triggers: [{ type: "mqtt", topic: "x" }] }),
    ]);
    assert.deepEqual(table.entries.map((e) => [e.sopName, e.expression, e.schedule.normalized, e.schedule.timezone]), [
      ["B", "@hourly", "@hourly", "UTC"],
      ["b", "0 9 * * *", "0 0 9 * * *", "UTC"],
      ["b", "*/5 * * * * *", "*/5 * * * * *", "Asia/Tokyo"],
    ]);
    assert.equal(table.summary, "SopCronCache: cached 3 cron schedule(s)");
    assert.deepEqual([table.skipped, table.warnings], [0, []]);
  });

  test("buildCronTable() keys a checkpoint by SOP name, raw expression and zone", () => {
    const table = buildCronTable([makeSop("a", { triggers: [{ type: "cron", expression: " 0 9 * * * " }] })]);
    assert.equal(table.entries[0]?.key, cronCheckpointKey("a", " 0 9 * * * ", "UTC"));
    assert.equal(cronCheckpointKey("a", " 0 9 * * * ", "UTC"), "a\u0000 0 9 * * * \u0000UTC");
  });

  test("buildCronTable() keeps only the first SOP of a name, as the engine does", () => {
    const table = buildCronTable([makeSop("a", { triggers: [{ type: "cron", expression: "0 9 * * *" }] }),
      makeSop("a", { triggers: [{ type: "cron", expression: "0 10 * * *" }] })]);
    assert.deepEqual(table.entries.map((e) => e.expression), ["0 9 * * *"]);
  });

  test("buildCronTable() warns with the raw expression for a field count, the normalized one otherwise", () => {
    const table = buildCronTable([makeSop("a", { triggers: [{ type: "cron", expression: " 1 2 3 " },
      { type: "cron", expression: " 0  9 * * MON-FOO " }] })]);
    assert.equal(table.skipped, 2);
    assert.deepEqual(table.warnings.map((w) => w.split(": ")[1]), [
      "invalid cron expression ' 1 2 3 ' in SOP 'a'",
      "failed to parse cron schedule '0 0 9 * * MON-FOO' for SOP 'a'",
    ]);
  });
});
