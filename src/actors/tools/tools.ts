// The six SOP agent tools over one engine, in the order they are listed over HTTP and MCP (engine.md §9).
// Pure wiring: no IO.
import { sopAdvanceSpec, sopAdvanceTool } from "./sop-advance.ts";
import { sopApproveSpec, sopApproveTool } from "./sop-approve.ts";
import { sopCancelSpec, sopCancelTool } from "./sop-cancel.ts";
import { sopExecuteSpec, sopExecuteTool } from "./sop-execute.ts";
import { sopListSpec, sopListTool } from "./sop-list.ts";
import { sopStatusSpec, sopStatusTool } from "./sop-status.ts";
import type { Tool, ToolDeps, ToolSpec } from "./tool.ts";

/** Creates the tools: sop_execute, sop_status, sop_approve, sop_advance, sop_list, sop_cancel. */
export function createTools(deps: ToolDeps): readonly Tool[] {
  return [
    sopExecuteTool(deps),
    sopStatusTool(deps),
    sopApproveTool(deps),
    sopAdvanceTool(deps),
    sopListTool(deps),
    sopCancelTool(deps),
  ];
}

/** The tools' names, descriptions and schemas in the same order, without an engine (`zeroclaw mcp` lists these). */
export const toolSpecs: readonly ToolSpec[] = [
  sopExecuteSpec, sopStatusSpec, sopApproveSpec, sopAdvanceSpec, sopListSpec, sopCancelSpec,
];
