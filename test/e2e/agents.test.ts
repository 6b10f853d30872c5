// The daemon's agent and inspection surfaces in the compiled binary (issue #7): MCP over streamable HTTP at `/mcp`
// behind the bearer token when `[gateway] mcp = true`, and `--inspect PORT` streaming the supervisor's and a run's
// inspection events to a WebSocket client.
import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp" (Deno finds no types for the SDK's ".js" subpaths)
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { binaryWorkspace, lineMatching, pair, startDaemon } from "./daemon-process.ts";

const root = join(import.meta.dirname, "..", "..");

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("agents and eyes on dist/zeroclaw daemon", () => {
  test("/mcp serves the tools behind the token, and the inspector streams the run it drives", { timeout: 20_000 }, async () => {
    const { dir, binary } = binaryWorkspace({ "config.toml": "[gateway]\nmcp = true\n" });
    cpSync(join(root, "sops"), join(dir, "sops"), { recursive: true });
    const inspectPort = await freePort();
    const daemon = await startDaemon(dir, binary, ["--inspect", String(inspectPort)]);
    try {
      const token = await pair(daemon);
      const [, inspectorUrl] = await lineMatching(daemon, /^inspector on (http:\/\/\S+)$/);
      assert.equal(inspectorUrl, `http://127.0.0.1:${inspectPort}/`);
      const socket = new WebSocket(`ws://127.0.0.1:${inspectPort}`);
      const events: { type: string; name?: string; sessionId: string; parentId?: string;
        snapshot?: { value?: unknown } }[] = [];
      socket.onmessage = (message) => events.push(JSON.parse(String(message.data)));
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });

      const refused = await fetch(`${daemon.url}/mcp`, { method: "POST", body: "{}",
        headers: { "Content-Type": "application/json" } });
      assert.equal(refused.status, 401);

      const client = new Client({ name: "zeroclaw-e2e-http", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${daemon.url}/mcp`),
        { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((tool) => tool.name),
        ["sop_execute", "sop_status", "sop_approve", "sop_advance", "sop_list", "sop_cancel"]);
      const started = await client.callTool({ name: "sop_execute", arguments: { name: "daily-summary" } });
      const text = (started.content as { text: string }[])[0]?.text ?? "";
      const runId = /^SOP run started: (run-\d+-\d{4,})/.exec(text)?.[1] ?? "";
      assert.notEqual(runId, "", text);
      const cancelled = await client.callTool({ name: "sop_cancel", arguments: { run_id: runId } });
      assert.equal(cancelled.isError, undefined);
      await client.close();

      // The run actor appears as a child of the supervisor, and its last snapshot is the cancelled final state.
      const deadline = Date.now() + 5_000;
      const cancelledSnapshot = () => {
        const actor = events.find((event) => event.type === "@xstate.actor" && event.name === runId);
        return events.find((event) => event.type === "@xstate.snapshot" && event.sessionId === actor?.sessionId
          && event.snapshot?.value === "cancelled");
      };
      while (cancelledSnapshot() === undefined) {
        if (Date.now() > deadline) throw new Error(`no inspection events of ${runId}: ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const supervisor = events.find((event) => event.type === "@xstate.actor" && event.name === "supervisor");
      const run = events.find((event) => event.type === "@xstate.actor" && event.name === runId);
      assert.equal(run?.parentId, supervisor?.sessionId, "the run is the supervisor's child in one tree");
      socket.close();
    } finally {
      assert.equal(await daemon.stop(), 0);
    }
  });
});
