import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { harness } from "./tool-fixture.ts";

// engine.md §9.1–§9.6: descriptions and schemas byte for byte, key order included.
const expected = [
  {
    name: "sop_execute",
    description: "Manually trigger a Standard Operating Procedure (SOP) by name. Returns the run ID and first step " +
      "instruction. Use sop_list to see available SOPs.",
    schema: `{"type":"object","properties":{"name":{"type":"string","description":"Name of the SOP to execute"},` +
      `"payload":{"type":"string","description":"Optional trigger payload (JSON string)"}},"required":["name"]}`,
  },
  {
    name: "sop_status",
    description: "Query SOP execution status. Provide run_id for a specific run, or sop_name to list runs for that " +
      "SOP. With no arguments, shows all active runs.",
    schema: `{"type":"object","properties":{"run_id":{"type":"string","description":"Specific run ID to query"},` +
      `"sop_name":{"type":"string","description":"SOP name to list runs for"},"include_metrics":{"type":"boolean",` +
      `"description":"Include aggregated SOP metrics (completion rate, deviation rate, intervention counts, ` +
      `windowed variants)"},"include_gate_status":{"type":"boolean","description":"Include trust phase and gate ` +
      `evaluation status"}}}`,
  },
  {
    name: "sop_approve",
    description: "Approve a pending SOP step that is waiting for operator approval. Returns the step instruction to " +
      "execute. Use sop_status to see which runs are waiting.",
    schema: `{"type":"object","properties":{"run_id":{"type":"string","description":"The run ID to approve"}},` +
      `"required":["run_id"]}`,
  },
  {
    name: "sop_advance",
    description: "Report the result of the current SOP step and advance to the next step. Provide the run_id, " +
      "whether the step succeeded or failed, and a brief output summary.",
    schema: `{"type":"object","properties":{"run_id":{"type":"string","description":"The run ID to advance"},` +
      `"status":{"type":"string","enum":["completed","failed","skipped"],"description":"Result status of the ` +
      `current step"},"output":{"type":"string","description":"Brief summary of what happened in this step"}},` +
      `"required":["run_id","status","output"]}`,
  },
  {
    name: "sop_list",
    description: "List all loaded Standard Operating Procedures (SOPs) with their triggers, priority, step count, " +
      "and active run count. Optionally filter by name or priority.",
    schema: `{"type":"object","properties":{"filter":{"type":"string","description":"Filter SOPs by name ` +
      `substring or priority (low/normal/high/critical)"}}}`,
  },
  {
    name: "sop_cancel",
    description: "Cancel an active SOP run. Use sop_status to see active runs.",
    schema: `{"type":"object","properties":{"run_id":{"type":"string","description":"The run ID to cancel"}},` +
      `"required":["run_id"]}`,
  },
];

describe("createTools()", () => {
  test("createTools() lists sop_execute, sop_status, sop_approve, sop_advance, sop_list, sop_cancel", () => {
    assert.deepEqual(harness([]).tools.map((t) => t.name), expected.map((e) => e.name));
  });

  for (const { name, description, schema } of expected) {
    test(`${name} has the exact description of engine.md §9`, () => {
      assert.equal(harness([]).tools.find((t) => t.name === name)?.description, description);
    });

    test(`${name} has the exact JSON schema of engine.md §9, key order included`, () => {
      assert.equal(JSON.stringify(harness([]).tools.find((t) => t.name === name)?.parameters), schema);
    });
  }

  test("sop_status and sop_list schemas have no required key", () => {
    const tools = harness([]).tools;
    for (const name of ["sop_status", "sop_list"]) {
      assert.equal(Object.hasOwn(tools.find((t) => t.name === name)?.parameters ?? {}, "required"), false);
    }
  });
});
