// The six SOP agent tools over one engine, in the order they are listed over HTTP and MCP (engine.md §9).
// Pure wiring: no IO.
import { sopAdvanceTool } from "./sop-advance.ts";
import { sopApproveTool } from "./sop-approve.ts";
import { sopCancelTool } from "./sop-cancel.ts";
import { sopExecuteTool } from "./sop-execute.ts";
import { sopListTool } from "./sop-list.ts";
import { sopStatusTool } from "./sop-status.ts";
import type { Tool, ToolDeps } from "./tool.ts";

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
