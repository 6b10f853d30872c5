// `zeroclaw mcp` on the compiled binary (issue #7): the SDK's own client spawns `dist/zeroclaw mcp` over stdio
// against a daemon this test starts, lists the tools (exactly the Tool objects' names, descriptions and schemas) and
// drives every SOP in sops/ to completion, gates and errors included.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio" (Deno finds no types for the SDK's ".js" subpaths)
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { toolSpecs } from "../../src/actors/tools/tools.ts";
import { harness } from "../actors/tools/tool-fixture.ts";
import { binaryWorkspace, lineMatching, startDaemon, type RunningDaemon } from "./daemon-process.ts";

const root = join(import.meta.dirname, "..", "..");

/** A connected SDK client of `zeroclaw mcp --url … [--token …]`, and the server's stderr so far. */
async function connect(dir: string, binary: string, args: string[]): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: binary, args: ["mcp", ...args], cwd: dir, env: {},
    stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const client = new Client({ name: "zeroclaw-e2e", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** The text of a tool call's one text content, and whether it is a tool error. */
async function call(client: Client, name: string, args: Record<string, unknown> = {})
  : Promise<{ text: string; isError: boolean }> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  assert.equal(content.length, 1);
  assert.equal(content[0]?.type, "text");
  return { text: content[0]?.text ?? "", isError: result.isError === true };
}

/**
 * Pairs as daemon-process.ts's pair() does, on a connection that is closed after the answer: a stopping daemon
 * waits for idle keep-alive connections (up to 30 s), longer than a test hook may take.
 */
async function pairClosing(daemon: RunningDaemon): Promise<string> {
  const [, code] = await lineMatching(daemon, /^pairing code: (\d{6})$/);
  const response = await fetch(`${daemon.url}/pair`, { method: "POST",
    headers: { "X-Pairing-Code": code ?? "", "Connection": "close" } });
  assert.equal(response.status, 200);
  return (await response.json() as { token: string }).token;
}

function runIdOf(text: string): string {
  const id = /^SOP run started: (run-\d+-\d{4,})/.exec(text)?.[1];
  assert.ok(id !== undefined, text);
  return id;
}

describe("zeroclaw mcp (compiled binary, SDK client over stdio)", () => {
  let dir = "";
  let binary = "";
  let daemon: RunningDaemon;
  let token = "";
  let client: Client;
  let serverStderr: () => string;

  before(async () => {
    // A short scheduler tick: a stopping daemon waits out the tick in progress.
    ({ dir, binary } = binaryWorkspace({ "config.toml": "[sop]\nscheduler_poll_secs = 1\n" }));
    cpSync(join(root, "sops"), join(dir, "sops"), { recursive: true });
    daemon = await startDaemon(dir, binary);
    token = await pairClosing(daemon);
    ({ client, stderr: serverStderr } = await connect(dir, binary, ["--url", daemon.url, "--token", token]));
  });

  after(async () => {
    await client.close();
    assert.equal(await daemon.stop(), 0);
  });

  test("tools/list: the six tools with exactly the Tool objects' names, descriptions and schemas", async () => {
    const { tools } = await client.listTools();
    const engineTools = harness([]).tools;
    assert.deepEqual(tools.map((t) => t.name),
      ["sop_execute", "sop_status", "sop_approve", "sop_advance", "sop_list", "sop_cancel"]);
    assert.equal(tools.length, engineTools.length);
    for (const [i, tool] of tools.entries()) {
      const expected = engineTools[i];
      assert.equal(tool.name, expected?.name);
      assert.equal(tool.description, expected?.description);
      // Byte for byte, key order included (engine.md §9).
      assert.equal(JSON.stringify(tool.inputSchema), JSON.stringify(expected?.parameters));
      assert.equal(JSON.stringify(toolSpecs[i]), JSON.stringify({ name: expected?.name,
        description: expected?.description, parameters: expected?.parameters }));
    }
    assert.equal(serverStderr(), `zeroclaw mcp: serving the SOP tools on stdio for the daemon at ${daemon.url}\n`);
  });

  test("deploy-prod: list, execute, read the step, approve both gates, advance to completion; errors", async () => {
    const listed = await call(client, "sop_list", { filter: "deploy" });
    assert.deepEqual(listed, { isError: false, text: "Loaded SOPs (3 total, 1 shown):\n\n" +
      "- **deploy-prod** [high] — 3 steps, 3 trigger(s): webhook:/sop/deploy, manual, mqtt:ops/deploy\n" });

    const started = await call(client, "sop_execute", { name: "deploy-prod" });
    const runId = runIdOf(started.text);
    assert.deepEqual(started, { isError: false, text: `SOP run started: ${runId} (waiting for approval)\n\n` +
      `[SOP: deploy-prod (run ${runId}) — Step 1 of 3]\n\nTrigger: manual (no topic)\n\n` +
      "Current step: **Preflight**\nCheck service health and release window.\n\nSuggested tools: http_request\n\n" +
      "When done, report your result.\n" });

    // A gate cannot be skipped (D14): a returned failure becomes an MCP tool error with the reference text.
    assert.deepEqual(await call(client, "sop_advance", { run_id: runId, status: "completed", output: "x" }),
      { isError: true, text: `Failed to advance step: Run ${runId} is waiting for approval (step 1)` });

    const approved = await call(client, "sop_approve", { run_id: runId });
    assert.equal(approved.isError, false);
    assert.ok(approved.text.startsWith(`Approved. Proceeding with run ${runId}.\n\n[SOP: deploy-prod (run ${runId})` +
      " — Step 1 of 3]"), approved.text);

    // Approving a run that is not waiting: the reference text, as an MCP tool error.
    assert.deepEqual(await call(client, "sop_approve", { run_id: runId }),
      { isError: true, text: `Approval failed: Run ${runId} is not waiting for approval (status: running)` });
    // A thrown ToolError (HTTP 400 from the daemon) is a tool error too.
    assert.deepEqual(await call(client, "sop_approve", {}), { isError: true, text: "Missing 'run_id' parameter" });

    const second = await call(client, "sop_advance", { run_id: runId, status: "completed", output: "healthy" });
    assert.equal(second.isError, false);
    assert.ok(second.text.startsWith(`Step recorded. Next step for run ${runId} (waiting for approval):\n\n`),
      second.text);
    assert.match(second.text, /Previous: Step 1 completed — healthy\n\nCurrent step: \*\*Deploy\*\*\n/);
    assert.equal((await call(client, "sop_approve", { run_id: runId })).isError, false);
    const third = await call(client, "sop_advance", { run_id: runId, status: "completed", output: "deployed" });
    assert.ok(third.text.startsWith(`Step recorded. Next step for run ${runId}:\n\n`), third.text);
    assert.deepEqual(await call(client, "sop_advance", { run_id: runId, status: "completed", output: "flat" }),
      { isError: false, text: `SOP 'deploy-prod' run ${runId} completed successfully.` });

    const status = await call(client, "sop_status", { run_id: runId });
    assert.match(status.text, new RegExp(`^Run: ${runId}\nSOP: deploy-prod\nStatus: completed\nStep: 3 of 3\n`));
    assert.ok(status.text.endsWith("\nStep results:\n  Step 1: completed — healthy\n  Step 2: completed — deployed\n" +
      "  Step 3: completed — flat\n"), status.text);
    // Cooldown (300 s) refuses a new start: a returned failure.
    assert.deepEqual(await call(client, "sop_execute", { name: "deploy-prod" }), { isError: true,
      text: "Failed to start SOP: Cannot start SOP 'deploy-prod': cooldown or concurrency limit reached" });
  });

  test("every SOP in sops/ runs to completion, approving whenever a step waits, as an agent would", async () => {
    for (const name of ["high-temp-alert", "daily-summary"]) {
      let reply = await call(client, "sop_execute", { name, payload: '{"value": 90}' });
      const runId = runIdOf(reply.text);
      assert.match(reply.text, /\nPayload: \{"value": 90\}\n/);
      for (let turns = 0; turns < 10 && !reply.text.endsWith("completed successfully."); turns++) {
        assert.equal(reply.isError, false, reply.text);
        reply = reply.text.includes("(waiting for approval)")
          ? await call(client, "sop_approve", { run_id: runId })
          : await call(client, "sop_advance", { run_id: runId, status: "completed", output: "done" });
      }
      assert.equal(reply.text, `SOP '${name}' run ${runId} completed successfully.`);
    }
  });

  test("sop_cancel ends an active run; an unknown tool is a protocol error", async () => {
    const runId = runIdOf((await call(client, "sop_execute", { name: "daily-summary" })).text);
    assert.deepEqual(await call(client, "sop_cancel", { run_id: runId }),
      { isError: false, text: `SOP run ${runId} cancelled.` });
    assert.deepEqual(await call(client, "sop_cancel", { run_id: runId }),
      { isError: true, text: `Cancel failed: Active run not found: ${runId}` });
    const status = await call(client, "sop_status", {});
    assert.match(status.text, new RegExp(`^No active runs\\.\n\nFinished runs \\(4\\):\n  ${runId} — daily-summary ` +
      "\\[cancelled\\] \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\n"));
    await assert.rejects(client.callTool({ name: "sop_delete", arguments: {} }), /Unknown tool: sop_delete/);
  });

  test("a refused token and an unreachable daemon are tool errors with a clear text", async () => {
    const wrong = await connect(dir, binary, ["--url", daemon.url, "--token", "zc_wrong"]);
    assert.deepEqual(await call(wrong.client, "sop_list"), { isError: true,
      text: `the daemon at ${daemon.url} refused the token: check --token or ZEROCLAW_TOKEN` });
    await wrong.client.close();
    const none = await connect(dir, binary, ["--url", daemon.url]);
    assert.deepEqual(await call(none.client, "sop_list"), { isError: true, text: `the daemon at ${daemon.url} ` +
      "requires a token: pass --token T or set ZEROCLAW_TOKEN (pair first: POST /pair)" });
    await none.client.close();
    const gone = await connect(dir, binary, ["--url", "http://127.0.0.1:1"]);
    assert.deepEqual(await call(gone.client, "sop_list"), { isError: true, text: "cannot reach the daemon at " +
      'http://127.0.0.1:1 (connection refused); is "zeroclaw daemon" running? ' +
      "Set its address with --url or ZEROCLAW_URL" });
    await gone.client.close();
  });

  test("stdin closed after a burst of requests: every request is answered, then exit 0", () => {
    const lines = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {},
        clientInfo: { name: "pipe", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "sop_list", arguments: {} } },
      { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "sop_status", arguments: { run_id: "x" } } },
    ];
    const result = spawnSync(binary, ["mcp", "--url", daemon.url, "--token", token], { cwd: dir, env: {},
      encoding: "utf8", input: lines.map((line) => JSON.stringify(line)).join("\n") + "\n", timeout: 10_000 });
    assert.equal(result.status, 0, result.stderr);
    const answers = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as
      { id: number; result: { content?: { text: string }[] } });
    assert.deepEqual(answers.map((a) => a.id).sort(), [1, 2, 3]);
    const status = answers.find((a) => a.id === 3);
    assert.equal(status?.result.content?.[0]?.text, "No run found with ID 'x'.");
  });
});
