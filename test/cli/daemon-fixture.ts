// Test helper: a stand-in daemon on a loopback port, serving the routes the run commands use with the real tools
// over a real Engine (INTERFACES.md "Agent tools", "Gateway HTTP endpoints").
// TODO(#5): serve through createGateway once src/io/http/ lands, so these suites pin the real routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StoredRun } from "../../src/actors/store.ts";
import { ToolError } from "../../src/actors/tools/tool.ts";
import { runNotFound } from "../../src/actors/tools/tool-texts.ts";
import type { Sop } from "../../src/compiler/sop.ts";
import { harness, type Harness, type HarnessOptions } from "../actors/tools/tool-fixture.ts";

/** A request as the stand-in saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** A listening HTTP server and what it was asked. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** A stand-in daemon: a server plus the engine harness behind it. */
export interface TestDaemon extends TestServer {
  readonly harness: Harness;
}

/** Answers one request: status and JSON body (a string body is sent as text). */
export type Handler = (request: SeenRequest) => { status: number; body?: unknown };

/** Starts a server on 127.0.0.1, port 0, answering with `handler`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => void serve(req, res, handler, requests));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests, close: () => close(server) };
}

/** Starts a stand-in daemon over these SOPs; with `token`, every route needs `Authorization: Bearer {token}`. */
export async function startDaemon(sops: readonly Sop[], options: HarnessOptions & { token?: string } = {})
  : Promise<TestDaemon> {
  const h = harness(sops, options);
  const server = await startServer((request) => {
    if (options.token !== undefined && request.authorization !== `Bearer ${options.token}`) {
      return { status: 401, body: { error: "Unauthorized" } };
    }
    return route(h, request);
  });
  return { ...server, harness: h };
}

/** The address of a port nobody listens on: a server started and closed again. */
export async function closedUrl(): Promise<string> {
  const server = await startServer(() => ({ status: 200 }));
  await server.close();
  return server.url;
}

/** The run JSON of the HTTP API: the reference keys, then `machine_state` and `escalated_at` (engine.md §1.1). */
export function runJson(stored: StoredRun): Record<string, unknown> {
  return { ...stored.run, machine_state: stored.machineState, escalated_at: stored.escalatedAt };
}

function route(h: Harness, request: SeenRequest): { status: number; body?: unknown } {
  const url = new URL(request.path, "http://x");
  const tool = /^\/api\/tools\/([^/]+)$/.exec(url.pathname)?.[1];
  if (request.method === "POST" && tool !== undefined) return callTool(h, decodeURIComponent(tool), request.body);
  if (request.method === "GET" && url.pathname === "/api/runs") {
    const status = url.searchParams.get("status");
    const sop = url.searchParams.get("sop");
    const runs = [...h.engine.activeRuns(), ...h.engine.finishedRuns()]
      .filter((s) => (status === null || s.run.status === status) && (sop === null || s.run.sop_name === sop));
    return { status: 200, body: runs.map(runJson) };
  }
  const runId = /^\/api\/runs\/([^/]+)$/.exec(url.pathname)?.[1];
  if (request.method === "GET" && runId !== undefined) {
    const stored = h.engine.run(decodeURIComponent(runId));
    return stored === undefined
      ? { status: 404, body: { error: runNotFound(decodeURIComponent(runId)) } }
      : { status: 200, body: runJson(stored) };
  }
  return { status: 404, body: { error: "Not found" } };
}

function callTool(h: Harness, name: string, body: string): { status: number; body: unknown } {
  const tool = h.tools.find((t) => t.name === name);
  if (tool === undefined) return { status: 404, body: { error: `Unknown tool: ${name}` } };
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return { status: 400, body: { error: "Invalid JSON body" } };
  }
  try {
    return { status: 200, body: tool.call(args) };
  } catch (e) {
    if (e instanceof ToolError) return { status: 400, body: { error: e.message } };
    throw e;
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: Handler, requests: SeenRequest[])
  : Promise<void> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  const request = { method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body };
  requests.push(request);
  const answer = handler(request);
  // Connection: close, so no kept-alive socket outlives a test.
  const text = answer.body === undefined ? "" : typeof answer.body === "string"
    ? answer.body
    : JSON.stringify(answer.body);
  const type = typeof answer.body === "string" ? "text/html" : "application/json";
  res.writeHead(answer.status, { "content-type": type, connection: "close" });
  res.end(text);
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
