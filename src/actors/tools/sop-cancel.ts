// `sop_cancel` (engine.md §9.6, Resolved detail 5): ends an active run as cancelled.
// Pure edge of the engine: the engine rewrites `sop_run_{id}`, records the run in the metrics and admits the queue.
import { fail, requiredString, succeed, type Tool, type ToolDeps, type ToolResult, type ToolSpec } from "./tool.ts";
import * as texts from "./tool-texts.ts";

// engine.md §9.6 suggests this description; the reference had no cancel tool.
const description = "Cancel an active SOP run. Use sop_status to see active runs.";

const parameters = {
  type: "object",
  properties: { run_id: { type: "string", description: "The run ID to cancel" } },
  required: ["run_id"],
};

/** The name, exact description and schema of `sop_cancel`, for clients that list tools without an engine. */
export const sopCancelSpec: ToolSpec = { name: "sop_cancel", description, parameters };

/** Creates the `sop_cancel` tool; a missing `run_id` throws `Missing 'run_id' parameter`. */
export function sopCancelTool(deps: ToolDeps): Tool {
  return {
    ...sopCancelSpec,
    call(args: unknown): ToolResult {
      const runId = requiredString(args, "run_id");
      const outcome = deps.engine.cancel(runId);
      return outcome.ok ? succeed(texts.cancelled(runId)) : fail(texts.cancelFailed(outcome.error));
    },
  };
}
