// `sop_execute` (engine.md §9.1): starts any loaded SOP by name with a manual event; never queues (Resolved detail 4).
// Pure edge of the engine: the engine stamps the event, writes the start audit record and commits.
import type { Action } from "../engine-types.ts";
import {
  fail, requiredString, stringArg, succeed, type Tool, type ToolDeps, type ToolResult, type ToolSpec,
} from "./tool.ts";
import * as texts from "./tool-texts.ts";

const description = "Manually trigger a Standard Operating Procedure (SOP) by name. Returns the run ID and first " +
  "step instruction. Use sop_list to see available SOPs.";

const parameters = {
  type: "object",
  properties: {
    name: { type: "string", description: "Name of the SOP to execute" },
    payload: { type: "string", description: "Optional trigger payload (JSON string)" },
  },
  required: ["name"],
};

/** The name, exact description and schema of `sop_execute`, for clients that list tools without an engine. */
export const sopExecuteSpec: ToolSpec = { name: "sop_execute", description, parameters };

/** Creates the `sop_execute` tool; a missing `name` throws `Missing 'name' parameter`. */
export function sopExecuteTool(deps: ToolDeps): Tool {
  return {
    ...sopExecuteSpec,
    call(args: unknown): ToolResult {
      const name = requiredString(args, "name");
      // A payload that is not a string (a JSON object, say) is ignored: no `Payload:` line (engine.md §9.1 step 2).
      const payload = stringArg(args, "payload") ?? null;
      // Trigger matching is bypassed: any loaded SOP starts, with or without a manual trigger (engine.md §2.5).
      const started = deps.engine.startRun(name, { source: "manual", topic: null, payload });
      return started.ok ? succeed(startOutput(started.value)) : fail(texts.startFailed(started.error));
    },
  };
}

function startOutput(action: Action): string {
  switch (action.kind) {
    case "execute_step":
      return texts.runStarted(action.runId, action.context);
    case "wait_approval":
      return texts.runStartedWaiting(action.runId, action.context);
    case "completed":
      return texts.completedImmediately(action.sopName, action.runId);
    case "failed":
      return texts.runFailed(action.runId, action.reason);
  }
}
