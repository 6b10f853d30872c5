// MCP over streamable HTTP for the daemon's `/mcp` route (INTERFACES.md "Agent tools", `[gateway] mcp = true`): the
// SDK's web-standard transport, stateless, answering JSON. Edge: calls the Tool objects in-process; the gateway puts
// it behind the bearer token and the rate limit, as every `/api/*` route.
// @ts-types="@modelcontextprotocol/sdk/server/webStandardStreamableHttp" (Deno finds no types for ".js" subpaths)
import {
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
// @ts-types="@modelcontextprotocol/sdk/types" (Deno finds no types for the SDK's ".js" subpaths)
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { ToolError, type Tool } from "../../actors/tools/tool.ts";
import { writeAll } from "../stdio.ts";
import { createMcpServer, type ToolCaller, type ToolOutcome } from "./mcp-server.ts";

/** What the `/mcp` handler is built from. */
export interface McpHttpOptions {
  /** The daemon's tools (`createTools`), called in-process. */
  readonly tools: readonly Tool[];
  /** The version reported to clients at initialization. */
  readonly version: string;
  /**
   * Awaited after every tool call, before it is answered: resolves false when the changes could not be made durable
   * (the gateway's `Durability.settle`, issue #4). The call then answers a JSON-RPC internal error.
   */
  readonly settle?: () => Promise<boolean>;
  /** The largest request body read; larger ones are answered 413 (the SDK's default is 4 MiB). */
  readonly maxBodyBytes?: number;
  /** Where an unexpected exception of a tool (not a ToolError) is reported; stderr by default. */
  readonly log?: (line: string) => void;
}

/** Answers one `/mcp` request; never rejects. */
export type McpHttpHandler = (request: Request) => Promise<Response>;

/**
 * Creates the handler. Stateless (no `Mcp-Session-Id`): every POST gets a fresh server and transport, as the SDK
 * requires, and a JSON answer. GET (a server-to-client event stream) and DELETE (ending a session) have nothing to
 * serve without sessions: 405.
 */
export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const log = options.log ?? ((line: string) => writeAll(2, `${line}\n`));
  const call = inProcessCaller(options.tools, options.settle, log);
  const specs = options.tools;
  return async (request) => {
    if (request.method !== "POST") return methodNotAllowed();
    const server = createMcpServer({ tools: specs, call, version: options.version });
    // No sessionIdGenerator: stateless.
    const transport = new WebStandardStreamableHTTPServerTransport({
      enableJsonResponse: true,
      ...(options.maxBodyBytes === undefined ? {} : { maxRequestBodySize: options.maxBodyBytes }),
    });
    try {
      await server.connect(transport);
      return await transport.handleRequest(request);
    } catch {
      return jsonRpcError(500, ErrorCode.InternalError, "Internal error");
    } finally {
      await server.close(); // the JSON answer is complete: nothing is left to stream
    }
  };
}

/**
 * Calls a Tool object: a thrown ToolError is a failure outcome (the 400 of `POST /api/tools`); any other exception
 * (a failed commit) and a failed `settle` are internal errors, without their text.
 */
function inProcessCaller(tools: readonly Tool[], settle: (() => Promise<boolean>) | undefined,
  log: (line: string) => void): ToolCaller {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return async (name, args) => {
    const tool = byName.get(name);
    if (tool === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    let outcome: ToolOutcome | undefined;
    try {
      outcome = { kind: "result", result: tool.call(args) };
    } catch (thrown) {
      if (thrown instanceof ToolError) outcome = { kind: "failure", message: thrown.message };
      else log(`mcp: ${name}: ${String(thrown)}`);
    }
    // Awaited after an exception too: part of the change may be pending, and a failed commit must stop the daemon.
    const durable = settle === undefined ? true : await settle();
    if (outcome === undefined || !durable) throw new McpError(ErrorCode.InternalError, "Internal error");
    return outcome;
  };
}

function methodNotAllowed(): Response {
  const response = jsonRpcError(405, -32000, "Method not allowed.");
  response.headers.set("allow", "POST");
  return response;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }),
    { status, headers: { "content-type": "application/json" } });
}
