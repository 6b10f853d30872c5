// `zeroclaw mcp`'s transport: the MCP server on this process's stdin and stdout (newline-delimited JSON-RPC).
// Edge: owns stdin and stdout for the life of the command; anything else goes to stderr.
import process from "node:process";
// @ts-types="@modelcontextprotocol/sdk/server/stdio" (Deno finds no types for the SDK's ".js" subpaths)
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types" (Deno finds no types for the SDK's ".js" subpaths)
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { createMcpServer, type McpServerOptions } from "./mcp-server.ts";

/** What the stdio server is built from, beyond the server's own options. */
export interface McpStdioOptions extends McpServerOptions {
  /** Resolves when the command should stop (SIGINT/SIGTERM); stdin reaching its end stops it too. */
  readonly stopRequested: Promise<void>;
  /** Where transport and protocol errors are reported (one line each). */
  readonly log: (line: string) => void;
}

/**
 * Serves the tools on stdio until a stop is requested, or stdin ends and every request read so far is answered
 * (`printf '…' | zeroclaw mcp` gets all its answers); resolves once closed.
 */
export async function serveMcpStdio(options: McpStdioOptions): Promise<void> {
  const server = createMcpServer(options);
  server.onerror = (error) => options.log(`mcp: ${error.message}`);
  const transport = new StdioServerTransport();
  const stdinEnded = new Promise<void>((resolve) => {
    process.stdin.once("end", resolve);
    process.stdin.once("close", resolve);
  });
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(transport);
  const answered = trackRequests(transport);
  const drained = stdinEnded.then(answered);
  await Promise.race([drained, options.stopRequested, closed]);
  await server.close(); // pauses stdin, so nothing keeps the process alive
}

/** Counts requests read and answers written; the function resolves once every request read has its answer. */
function trackRequests(transport: StdioServerTransport): () => Promise<void> {
  const open = new Set<string | number>();
  let idle: (() => void) | undefined;
  const receive = transport.onmessage;
  transport.onmessage = (message) => {
    if ("method" in message && "id" in message) open.add(message.id);
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message); // the stdio transport has no send options
    if (!("method" in message) && "id" in message && message.id !== undefined && open.delete(message.id)) {
      if (open.size === 0) idle?.();
    }
  };
  return () => open.size === 0 ? Promise.resolve() : new Promise((resolve) => (idle = resolve));
}
