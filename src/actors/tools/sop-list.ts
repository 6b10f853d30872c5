// `sop_list` (engine.md §9.5): the loaded SOPs with triggers, priority, step count and active runs, filtered by a
// name substring or an exact priority word. Pure edge of the engine: reads only.
import { renderTrigger, type Sop } from "../../compiler/sop.ts";
import { stringArg, succeed, type Tool, type ToolDeps, type ToolResult, type ToolSpec } from "./tool.ts";
import * as texts from "./tool-texts.ts";

const description = "List all loaded Standard Operating Procedures (SOPs) with their triggers, priority, step count, " +
  "and active run count. Optionally filter by name or priority.";

const parameters = {
  type: "object",
  properties: {
    filter: { type: "string", description: "Filter SOPs by name substring or priority (low/normal/high/critical)" },
  },
};

/** The name, exact description and schema of `sop_list`, for clients that list tools without an engine. */
export const sopListSpec: ToolSpec = { name: "sop_list", description, parameters };

/** Creates the `sop_list` tool; it always succeeds. */
export function sopListTool(deps: ToolDeps): Tool {
  return {
    ...sopListSpec,
    call(args: unknown): ToolResult {
      const filter = stringArg(args, "filter") ?? "";
      const sops = deps.engine.sops();
      if (sops.length === 0) return succeed(texts.noSopsLoaded);
      const kept = sops.filter((sop) => keeps(sop, filter.toLowerCase()));
      if (kept.length === 0) return succeed(texts.noSopsMatch(filter));
      let output = texts.sopListHeader(sops.length, kept.length);
      for (const sop of kept) {
        output += texts.sopListLine({
          name: sop.name, priority: sop.priority, stepCount: sop.steps.length,
          triggers: sop.triggers.map(renderTrigger), activeRuns: deps.engine.activeCount(sop.name),
        });
      }
      return succeed(output);
    },
  };
}

/** A name containing the filter, or a priority word equal to it: `crit` matches names only (engine.md §9.5). */
function keeps(sop: Sop, lowered: string): boolean {
  return lowered === "" || sop.name.toLowerCase().includes(lowered) || sop.priority === lowered;
}
