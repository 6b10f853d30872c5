// `sop_approve` (engine.md §9.3): clears a run's approval gate and hands back the step to execute.
// Pure edge of the engine: the engine writes `sop_approval_{run_id}_{n}` and records the approval in the metrics.
import { fail, requiredString, succeed, type Tool, type ToolDeps, type ToolResult, type ToolSpec } from "./tool.ts";
import * as texts from "./tool-texts.ts";

const description = "Approve a pending SOP step that is waiting for operator approval. Returns the step instruction " +
  "to execute. Use sop_status to see which runs are waiting.";

const parameters = {
  type: "object",
  properties: { run_id: { type: "string", description: "The run ID to approve" } },
  required: ["run_id"],
};

/** The name, exact description and schema of `sop_approve`, for clients that list tools without an engine. */
export const sopApproveSpec: ToolSpec = { name: "sop_approve", description, parameters };

/** Creates the `sop_approve` tool; a missing `run_id` throws `Missing 'run_id' parameter`. */
export function sopApproveTool(deps: ToolDeps): Tool {
  return {
    ...sopApproveSpec,
    call(args: unknown): ToolResult {
      const runId = requiredString(args, "run_id");
      const approved = deps.engine.approve(runId);
      if (!approved.ok) return fail(texts.approvalFailed(approved.error));
      // An approval always leads to ExecuteStep (engine.md §3); other kinds carry no context.
      const action = approved.value;
      const context = action.kind === "execute_step" || action.kind === "wait_approval" ? action.context : "";
      return succeed(texts.approved(runId, context));
    },
  };
}
