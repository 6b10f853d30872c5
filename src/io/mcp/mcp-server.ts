// The SOP tools as a Model Context Protocol server (INTERFACES.md "Agent tools"): one low-level SDK `Server` that
// lists the tools with their exact names, descriptions and schemas and hands every call to a caller. Edge: no
// transport here; mcp-stdio.ts forwards calls to a daemon, mcp-http.ts calls the Tool objects in-process.
import { Server } from "@modelcontextprotocol/sdk/server";
// @ts-types="@modelcontextprotocol/sdk/types" (Deno finds no types for the SDK's ".js" subpaths)
import {
  CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool as McpTool,
} from "@modelcontextprotocol/sdk/types.js";
import type { ToolResult, ToolSpec } from "../../actors/tools/tool.ts";

/** How one tool call ended: the tool's result, or a failure text (a thrown ToolError, a refused request). */
export type ToolOutcome =
  | { readonly kind: "result"; readonly result: ToolResult }
  | { readonly kind: "failure"; readonly message: string };

/** Runs one tool by name; never rejects for a tool failure (those are outcomes), only for a broken server. */
export type ToolCaller = (name: string, args: Readonly<Record<string, unknown>>) => Promise<ToolOutcome>;

/** What an MCP server of the SOP tools is built from. */
export interface McpServerOptions {
  /** The tools to list, in order; only these names are called. */
  readonly tools: readonly ToolSpec[];
  readonly call: ToolCaller;
  /** The version reported to clients at initialization. */
  readonly version: string;
}

/** How an agent drives runs; sent to clients at initialization (MCP `instructions`). */
export const mcpInstructions = "zeroclaw runs Standard Operating Procedures (SOPs). sop_list shows the loaded " +
  "SOPs; sop_execute starts one and returns its run ID and the first step. Carry out each step as its text says, " +
  "then report it with sop_advance (completed, failed or skipped, with a short output). A run that says " +
  "\"waiting for approval\" needs sop_approve before the step is carried out. sop_status shows a run or all " +
  "active runs; sop_cancel ends a run.";

/** Creates the server: `tools/list` answers the specs, `tools/call` the caller's outcome as MCP content. */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { name: "zeroclaw", version: options.version },
    { capabilities: { tools: {} }, instructions: mcpInstructions },
  );
  const names = new Set(options.tools.map((tool) => tool.name));
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: options.tools.map(toMcpTool) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name } = request.params;
    // A protocol error, not a tool error: the client asked for something tools/list never offered.
    if (!names.has(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    return toCallToolResult(await options.call(name, request.params.arguments ?? {}));
  });
  return server;
}

/** A tool as `tools/list` shows it: the schema object itself, so its keys and their order stay the reference's. */
export function toMcpTool(spec: ToolSpec): McpTool {
  return { name: spec.name, description: spec.description, inputSchema: spec.parameters as McpTool["inputSchema"] };
}

/** A success is its output as text; `success: false` and failures are tool errors carrying the reference text. */
export function toCallToolResult(outcome: ToolOutcome): CallToolResult {
  if (outcome.kind === "failure") return toolError(outcome.message);
  const { success, output, error } = outcome.result;
  if (success) return { content: [{ type: "text", text: output }] };
  return toolError(error ?? "the tool failed without an error text");
}

function toolError(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}
