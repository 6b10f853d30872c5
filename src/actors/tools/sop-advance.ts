// `sop_advance` (engine.md §9.4): records the current step's result and moves the run on; a gate cannot be
// skipped (D14). Edge of the engine: the tool stamps the result with the injected clock; the engine audits it.
import type { Action } from "../engine-types.ts";
import type { StepStatus } from "../run-record.ts";
import { formatTimestamp } from "../timestamp.ts";
import {
  fail, requiredString, succeed, ToolError, type Tool, type ToolDeps, type ToolResult, type ToolSpec,
} from "./tool.ts";
import * as texts from "./tool-texts.ts";

const description = "Report the result of the current SOP step and advance to the next step. Provide the run_id, " +
  "whether the step succeeded or failed, and a brief output summary.";

const parameters = {
  type: "object",
  properties: {
    run_id: { type: "string", description: "The run ID to advance" },
    status: {
      type: "string",
      enum: ["completed", "failed", "skipped"],
      description: "Result status of the current step",
    },
    output: { type: "string", description: "Brief summary of what happened in this step" },
  },
  required: ["run_id", "status", "output"],
};

/** The name, exact description and schema of `sop_advance`, for clients that list tools without an engine. */
export const sopAdvanceSpec: ToolSpec = { name: "sop_advance", description, parameters };

const stepStatuses: readonly string[] = ["completed", "failed", "skipped"];

/** Creates the `sop_advance` tool; checks run in the order of engine.md §9.4. */
export function sopAdvanceTool(deps: ToolDeps): Tool {
  return {
    ...sopAdvanceSpec,
    call(args: unknown): ToolResult {
      const runId = requiredString(args, "run_id");
      const status = requiredString(args, "status");
      const output = requiredString(args, "output");
      if (!isStepStatus(status)) return fail(texts.invalidStatus(status));
      // Active or finished: a finished run gets past this check and is refused by the engine (§9.4 steps 5, 7).
      const stored = deps.engine.run(runId);
      if (stored === undefined) throw new ToolError(texts.runNotFound(runId));
      const now = formatTimestamp(deps.clock.now());
      const result = { step_number: stored.run.current_step, status, output, started_at: now, completed_at: now };
      const advanced = deps.engine.advance(runId, result);
      return advanced.ok ? succeed(advanceOutput(advanced.value)) : fail(texts.advanceFailed(advanced.error));
    },
  };
}

function isStepStatus(status: string): status is StepStatus {
  return stepStatuses.includes(status); // case-sensitive: `Completed` is invalid
}

function advanceOutput(action: Action): string {
  switch (action.kind) {
    case "execute_step":
      return texts.stepRecorded(action.runId, action.context);
    case "wait_approval":
      return texts.stepRecordedWaiting(action.runId, action.context);
    case "completed":
      return texts.sopCompleted(action.sopName, action.runId);
    case "failed":
      return texts.sopFailed(action.sopName, action.runId, action.reason);
  }
}
