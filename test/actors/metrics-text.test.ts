import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createMetrics } from "../../src/actors/metrics.ts";
import { renderMetricsSection } from "../../src/actors/metrics-text.ts";
import { manualClock, threeRuns } from "./metric-runs.ts";

function deployMetrics(): ReturnType<typeof createMetrics> {
  const metrics = createMetrics(manualClock());
  threeRuns(metrics);
  return metrics;
}

const deployLines = [
  "  runs_completed: 1",
  "  runs_failed: 1",
  "  runs_cancelled: 1",
  "  completion_rate: 0.3333",
  "  deviation_rate: 0.4000",
  "  protocol_adherence_rate: 0.3333",
  "  human_intervention_count: 2",
  "  human_intervention_rate: 2",
  "  timeout_auto_approvals: 1",
  "  timeout_approval_rate: 1",
  "  completion_rate_7d: 0.3333",
  "  deviation_rate_7d: 0.4000",
  "  completion_rate_30d: 0.3333",
  "  deviation_rate_30d: 0.4000",
];

describe("renderMetricsSection()", () => {
  test("renderMetricsSection() prints the 14 global metrics in the order of engine.md §9.2", () => {
    assert.equal(renderMetricsSection(deployMetrics()), `\nMetrics (sop):\n${deployLines.join("\n")}\n`);
  });

  test("renderMetricsSection() prints a SOP's metrics under the prefix sop.{name}", () => {
    const expected = `\nMetrics (sop.deploy):\n${deployLines.join("\n")}\n`;
    assert.equal(renderMetricsSection(deployMetrics(), "deploy"), expected);
  });

  test("renderMetricsSection() prints only the header for a SOP the collector does not know", () => {
    assert.equal(renderMetricsSection(deployMetrics(), "ghost"), "\nMetrics (sop.ghost):\n");
  });

  test("renderMetricsSection() prints integral rates without decimals on an empty collector", () => {
    const text = renderMetricsSection(createMetrics(manualClock()));
    assert.equal(text.split("\n").length, 17); // "", header, 14 lines, ""
    assert.match(text, /\n {2}completion_rate: 0\n/);
    assert.match(text, /\n {2}deviation_rate_30d: 0\n$/);
  });

  test("renderMetricsSection() prints only the lines that resolve", () => {
    const tie = { kind: "float" as const, value: 0.03125 };
    const partial = { lookup: (name: string) => (name.endsWith("_7d") ? tie : undefined) };
    const expected = "\nMetrics (sop):\n  completion_rate_7d: 0.0312\n  deviation_rate_7d: 0.0312\n";
    assert.equal(renderMetricsSection(partial), expected);
  });

  test("renderMetricsSection() says the collector is not configured when there is none", () => {
    assert.equal(renderMetricsSection(undefined), "\nMetrics: not available (collector not configured)\n");
    assert.equal(renderMetricsSection(undefined, "deploy"), "\nMetrics: not available (collector not configured)\n");
  });
});
