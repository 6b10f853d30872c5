// `zeroclaw mcp`: the SOP tools for MCP clients on stdio, each call forwarded to a running daemon's
// `POST /api/tools/{name}` (INTERFACES.md "Agent tools"). Edge: the MCP modules are imported only when it runs,
// so the definition commands never load the SDK; stdout belongs to the protocol, messages go to stderr.
import { version } from "./version.ts";
import { signalled } from "./signals.ts";
import type { ToolOutcome } from "../io/mcp/mcp-server.ts";
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, openDaemon } from "./daemon-client.ts";

/** `mcp`. */
export const mcp: Command = {
  words: ["mcp"],
  summary: "Serve the SOP tools to an MCP client on stdio, forwarded to a running daemon",
  usage: "zeroclaw mcp [--url URL] [--token T]",
  details: daemonDetails,
  spec: { flags: daemonFlags, positionals: [], required: 0 },
  async run(args, terminal) {
    const opened = openDaemon(args, terminal);
    if (!opened.ok) return opened.code;
    const { client } = opened;
    const [{ serveMcpStdio }, { toolSpecs }] = await Promise.all([
      import("../io/mcp/mcp-stdio.ts"), import("../actors/tools/tools.ts"),
    ]);
    terminal.stderr(`zeroclaw mcp: serving the SOP tools on stdio for the daemon at ${client.url}\n`);
    await serveMcpStdio({
      tools: toolSpecs, version, log: (line) => terminal.stderr(`${line}\n`),
      stopRequested: terminal.interrupted ?? signalled(),
      // Every refusal (a 400 with the tool's error text, a 401, an unreachable daemon) is already one line of text.
      async call(name, toolArgs): Promise<ToolOutcome> {
        const reply = await client.tool(name, toolArgs);
        return reply.ok ? { kind: "result", result: reply.value } : { kind: "failure", message: reply.message };
      },
    });
    return 0;
  },
};
