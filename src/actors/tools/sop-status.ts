// `sop_status` (engine.md §9.2): one run in detail, or the active and recent finished runs, with optional metrics
// and gate-status parts. Pure edge of the engine: reads only; the metrics text comes from metrics-text.ts.
import type { Engine } from "../engine.ts";
import { renderMetricsSection } from "../metrics-text.ts";
import { booleanArg, stringArg, succeed, type Tool, type ToolDeps, type ToolResult, type ToolSpec } from "./tool.ts";
import * as texts from "./tool-texts.ts";

const description = "Query SOP execution status. Provide run_id for a specific run, or sop_name to list runs for " +
  "that SOP. With no arguments, shows all active runs.";

const parameters = {
  type: "object",
  properties: {
    run_id: { type: "string", description: "Specific run ID to query" },
    sop_name: { type: "string", description: "SOP name to list runs for" },
    include_metrics: {
      type: "boolean",
      description: "Include aggregated SOP metrics (completion rate, deviation rate, intervention counts, windowed " +
        "variants)",
    },
    include_gate_status: { type: "boolean", description: "Include trust phase and gate evaluation status" },
  },
};

/** The name, exact description and schema of `sop_status`, for clients that list tools without an engine. */
export const sopStatusSpec: ToolSpec = { name: "sop_status", description, parameters };

/** How many finished runs list mode shows, newest first (the header still counts them all). */
export const FINISHED_RUNS_SHOWN = 10;

/** Creates the `sop_status` tool; it always succeeds. */
export function sopStatusTool(deps: ToolDeps): Tool {
  return {
    ...sopStatusSpec,
    call(args: unknown): ToolResult {
      const runId = stringArg(args, "run_id");
      const gates = booleanArg(args, "include_gate_status") ?? false;
      // run_id takes precedence: sop_name and include_metrics are then ignored (engine.md §9.2).
      if (runId !== undefined) return succeed(runMode(deps.engine, runId, gates));
      const sopName = stringArg(args, "sop_name");
      let output = listMode(deps.engine, sopName);
      if (booleanArg(args, "include_metrics") ?? false) output += renderMetricsSection(deps.engine.metrics, sopName);
      return succeed(gates ? output + texts.gateStatus : output);
    },
  };
}

function runMode(engine: Engine, runId: string, gates: boolean): string {
  const stored = engine.run(runId);
  if (stored === undefined) return texts.noRunFound(runId); // nothing appended, not even the gate status
  const detail = texts.runDetail(stored.run, stored.escalatedAt);
  return gates ? detail + texts.gateStatus : detail;
}

function listMode(engine: Engine, sopName: string | undefined): string {
  const active = engine.activeRuns().filter((s) => sopName === undefined || s.run.sop_name === sopName);
  let output = active.length === 0 ? texts.noActiveRuns(sopName) : texts.activeRunsHeader(active.length);
  for (const { run } of active) output += texts.activeRunLine(run);
  const finished = engine.finishedRuns(sopName);
  if (finished.length === 0) return output;
  output += texts.finishedRunsHeader(finished.length);
  for (const { run } of finished.slice(-FINISHED_RUNS_SHOWN).reverse()) output += texts.finishedRunLine(run);
  return output;
}
