// createMcpHttpHandler(): the SDK's own client over its StreamableHTTP transport against the handler served by
// serve() on loopback, with the real tools over a real engine (issue #7). Runs under Bun and Deno.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp" (Deno finds no types for the SDK's ".js" subpaths)
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Tool } from "../../../src/actors/tools/tool.ts";
import { createMcpHttpHandler, type McpHttpOptions } from "../../../src/io/mcp/mcp-http.ts";
import { serve, type Served } from "../../../src/io/runtime.ts";
import { harness, sop, startedId, step, type Harness } from "../../actors/tools/tool-fixture.ts";

/** Supervised: step 1 waits for approval, step 2 for confirmation. */
const gated = sop("gated", {
  executionMode: "supervised",
  steps: [step(1, { title: "Check", body: "Check it" }), step(2, { title: "Change", requiresConfirmation: true })],
});

/** A served handler and a connected SDK client. */
interface Connected {
  readonly url: string;
  readonly client: Client;
  close(): Promise<void>;
}

async function connect(options: McpHttpOptions): Promise<Connected> {
  const handle = createMcpHttpHandler(options);
  const served: Served = await serve((request) => handle(request), { host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${served.port}/mcp`;
  const client = new Client({ name: "mcp-http-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    url, client,
    async close() {
      await client.close();
      await served.stop();
    },
  };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {})
  : Promise<{ text: string; isError: boolean }> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  assert.equal(content.length, 1);
  return { text: content[0]?.text ?? "", isError: result.isError === true };
}

describe("createMcpHttpHandler()", () => {
  let h: Harness;
  let settled = 0;
  let mcp: Connected;

  before(async () => {
    h = harness([gated]);
    mcp = await connect({ tools: h.tools, version: "9.9.9", settle: () => Promise.resolve(++settled > 0) });
  });

  after(() => mcp.close());

  test("tools/list answers the Tool objects' names, descriptions and schemas byte for byte, in order", async () => {
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(tools.map((t) => [t.name, t.description, JSON.stringify(t.inputSchema)]),
      h.tools.map((t) => [t.name, t.description, JSON.stringify(t.parameters)]));
    assert.deepEqual(mcp.client.getServerVersion(), { name: "zeroclaw", version: "9.9.9" });
    assert.match(mcp.client.getInstructions() ?? "", /^zeroclaw runs Standard Operating Procedures/);
  });

  test("tools/call drives a run through both gates to completion; refusals are tool errors with the reference texts",
    async () => {
      const before = settled;
      const started = await call(mcp.client, "sop_execute", { name: "gated" });
      const runId = startedId({ success: true, output: started.text, error: null });
      assert.equal(started.isError, false);
      assert.ok(started.text.startsWith(`SOP run started: ${runId} (waiting for approval)\n\n`));
      assert.deepEqual(await call(mcp.client, "sop_advance", { run_id: runId, status: "completed", output: "x" }),
        { isError: true, text: `Failed to advance step: Run ${runId} is waiting for approval (step 1)` });
      const approved = await call(mcp.client, "sop_approve", { run_id: runId });
      assert.ok(approved.text.startsWith(`Approved. Proceeding with run ${runId}.\n\n`), approved.text);
      assert.deepEqual(await call(mcp.client, "sop_approve", { run_id: runId }),
        { isError: true, text: `Approval failed: Run ${runId} is not waiting for approval (status: running)` });
      assert.deepEqual(await call(mcp.client, "sop_approve", { run_id: 7 }),
        { isError: true, text: "Missing 'run_id' parameter" });
      const next = await call(mcp.client, "sop_advance", { run_id: runId, status: "completed", output: "ok" });
      assert.ok(next.text.startsWith(`Step recorded. Next step for run ${runId} (waiting for approval):\n\n`));
      await call(mcp.client, "sop_approve", { run_id: runId });
      assert.deepEqual(await call(mcp.client, "sop_advance", { run_id: runId, status: "completed", output: "done" }),
        { isError: false, text: `SOP 'gated' run ${runId} completed successfully.` });
      assert.equal(h.engine.run(runId)?.run.status, "completed", "the same engine, in-process");
      assert.equal(settled - before, 8, "settled after every call, refused ones included");
    });

  test("an unknown tool is a JSON-RPC error, not a tool error", async () => {
    await assert.rejects(mcp.client.callTool({ name: "sop_delete", arguments: {} }), /Unknown tool: sop_delete/);
  });

  test("GET and DELETE are 405: stateless, there is no event stream or session to serve", async () => {
    for (const method of ["GET", "DELETE"]) {
      const response = await fetch(mcp.url, { method, headers: { accept: "text/event-stream" } });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get("allow"), "POST");
      assert.deepEqual(await response.json(),
        { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null });
    }
  });
});

describe("createMcpHttpHandler() when things break", () => {
  test("a failed settle answers an internal error, the change is not reported as done", async () => {
    const h = harness([gated]);
    const mcp = await connect({ tools: h.tools, version: "1", settle: () => Promise.resolve(false) });
    await assert.rejects(mcp.client.callTool({ name: "sop_execute", arguments: { name: "gated" } }),
      /Internal error/);
    await mcp.close();
  });

  test("an exception that is not a ToolError is an internal error without its text, and is logged", async () => {
    const broken: Tool = { name: "sop_list", description: "d", parameters: { type: "object" }, call() {
      throw new Error("disk on fire");
    } };
    const lines: string[] = [];
    const mcp = await connect({ tools: [broken], version: "1", log: (line) => lines.push(line) });
    await assert.rejects(mcp.client.callTool({ name: "sop_list", arguments: {} }), (error: Error) => {
      assert.match(error.message, /Internal error/);
      assert.doesNotMatch(error.message, /disk on fire/);
      return true;
    });
    assert.deepEqual(lines, ["mcp: sop_list: Error: disk on fire"]);
    await mcp.close();
  });

  test("a body over maxBodyBytes is refused with 413 before it is parsed", async () => {
    const mcp = await connect({ tools: harness([gated]).tools, version: "1", maxBodyBytes: 2048 });
    await assert.rejects(mcp.client.callTool({ name: "sop_execute", arguments: { name: "x".repeat(4096) } }),
      (error: Error & { code?: number }) => {
        assert.equal(error.code, 413);
        assert.match(error.message, /Payload Too Large: Request body must not exceed 2048 bytes/);
        return true;
      });
    await mcp.close();
  });
});
