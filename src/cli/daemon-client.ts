// The run commands' client of a running daemon (INTERFACES.md "Run commands"): its address, the bearer token, one
// request, and every failure turned into one line of text. Edge: global `fetch` only (Bun, Deno and the binary agree).
// No daemon modules here: run-cli.ts imports this eagerly, and `sop validate`'s cold start matters (DESIGN.md).
import type { ToolResult } from "../actors/tools/tool.ts";
import { loadConfig } from "../io/config.ts";
import { resolveLocations } from "../io/paths.ts";
import { flagValue, type Args } from "./args.ts";
import { renderDiagnostic } from "./render-diagnostic.ts";
import type { Terminal } from "./terminal.ts";

/** The flags every run command takes to find and authenticate to the daemon. */
export const daemonFlags = { url: "value", token: "value", config: "value" } as const;

/** Help lines for the daemon flags. */
export const daemonDetails: readonly string[] = [
  "  --url URL           daemon address (env ZEROCLAW_URL, default http://127.0.0.1:<[gateway] port, 42617>)",
  "  --token T           bearer token from pairing (env ZEROCLAW_TOKEN)",
  "  --config FILE       config file read for the gateway port when no URL is given (env ZEROCLAW_CONFIG)",
];

/** How long one request may take, answer included, before the command gives up. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** A decoded answer, or the one-line reason there is none. */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A daemon at a known address, with the token (if any) to present. */
export interface DaemonClient {
  /** The base address, without a trailing slash. */
  readonly url: string;
  /** `POST /api/tools/{name}` with the arguments as JSON (INTERFACES.md "Agent tools"). */
  tool(name: string, args: Readonly<Record<string, unknown>>): Promise<Reply<ToolResult>>;
  /** `GET {path}` for a JSON answer; `notFound` is the message for a 404 that carries no error text of its own. */
  get(path: string, notFound?: string): Promise<Reply<unknown>>;
}

/** The client, or the exit code after the reason was printed (2 for a bad URL, 1 for an unusable config). */
export function openDaemon(args: Args, terminal: Terminal)
  : { ok: true; client: DaemonClient } | { ok: false; code: 1 | 2 } {
  const token = nonEmpty(flagValue(args, "token")) ?? nonEmpty(terminal.env["ZEROCLAW_TOKEN"]);
  const given = nonEmpty(flagValue(args, "url")) ?? nonEmpty(terminal.env["ZEROCLAW_URL"]);
  const url = given ?? defaultUrl(args, terminal);
  if (url === undefined) return { ok: false, code: 1 };
  const base = parseBase(url);
  if (base === undefined) {
    terminal.stderr(`Error: invalid daemon URL "${url}" (expected http://HOST:PORT or https://HOST:PORT)\n`);
    return { ok: false, code: 2 };
  }
  return { ok: true, client: new HttpDaemonClient(base, token) };
}

/** Runs one tool and prints it: `output` on stdout (exit 0), or `Error: {error}` on stderr (exit 1). */
export async function runTool(args: Args, terminal: Terminal, name: string, toolArgs: Readonly<Record<string, unknown>>)
  : Promise<number> {
  const opened = openDaemon(args, terminal);
  if (!opened.ok) return opened.code;
  const reply = await opened.client.tool(name, toolArgs);
  if (!reply.ok) return printFailure(terminal, reply.message);
  const { success, output, error } = reply.value;
  if (!success) return printFailure(terminal, error ?? "the tool failed without an error text");
  terminal.stdout(output.endsWith("\n") ? output : `${output}\n`);
  return 0;
}

/** Prints `Error: {message}` and answers exit code 1. */
export function printFailure(terminal: Terminal, message: string): 1 {
  terminal.stderr(`Error: ${message}\n`);
  return 1;
}

class HttpDaemonClient implements DaemonClient {
  constructor(
    readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async tool(name: string, args: Readonly<Record<string, unknown>>): Promise<Reply<ToolResult>> {
    const answer = await this.request("POST", `/api/tools/${encodeURIComponent(name)}`, JSON.stringify(args));
    if (!answer.ok) return answer;
    const { status, body } = answer.value;
    if (status !== 200) return { ok: false, message: this.refusal(status, body,
      `the daemon at ${this.url} has no tool "${name}"; is it a zeroclaw daemon?`) };
    if (isToolResult(body)) return { ok: true, value: body };
    return { ok: false, message: `the answer from ${this.url} is not a tool result; is it a zeroclaw daemon?` };
  }

  async get(path: string, notFound?: string): Promise<Reply<unknown>> {
    const answer = await this.request("GET", path);
    if (!answer.ok) return answer;
    const { status, body } = answer.value;
    if (status !== 200) return { ok: false, message: this.refusal(status, body, notFound) };
    if (body !== undefined) return { ok: true, value: body };
    return { ok: false, message: `the answer from ${this.url} is not JSON; is it a zeroclaw daemon?` };
  }

  /** One exchange; the body is undefined when it is not JSON. Only transport failures are failures here. */
  private async request(method: string, path: string, body?: string)
    : Promise<Reply<{ status: number; body: unknown }>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token !== undefined) headers["authorization"] = `Bearer ${this.token}`;
    // A timer of our own rather than AbortSignal.timeout(): it is cleared at once, so no timer outlives the command.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(`${this.url}${path}`, { method, headers, signal: abort.signal,
        ...(body === undefined ? {} : { body }) });
      return { ok: true, value: { status: response.status, body: parseJson(await response.text()) } };
    } catch (e) {
      return { ok: false, message: this.unreachable(e) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The text for a non-200 answer: 401 names the token settings; otherwise the daemon's own `{"error"}` text. */
  private refusal(status: number, body: unknown, notFound: string | undefined): string {
    if (status === 401) {
      return this.token === undefined
        ? `the daemon at ${this.url} requires a token: pass --token T or set ZEROCLAW_TOKEN (pair first: POST /pair)`
        : `the daemon at ${this.url} refused the token: check --token or ZEROCLAW_TOKEN`;
    }
    const text = errorText(body);
    if (text !== undefined) return text;
    if (status === 404 && notFound !== undefined) return notFound;
    return `the daemon at ${this.url} answered HTTP ${status}`;
  }

  /** The one place a fetch exception becomes text; Bun, Deno and Node word the same failure differently. */
  private unreachable(e: unknown): string {
    if (e instanceof Error && e.name === "AbortError") {
      return `the daemon at ${this.url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
    }
    return `cannot reach the daemon at ${this.url} (${fetchFailureReason(e)}); is "zeroclaw daemon" running? ` +
      "Set its address with --url or ZEROCLAW_URL";
  }
}

function defaultUrl(args: Args, terminal: Terminal): string | undefined {
  const locations = resolveLocations({ ...optional("configFlag", flagValue(args, "config")), env: terminal.env });
  const decoded = loadConfig(locations.configFile, locations.configExplicit);
  // Only errors: warnings are about keys this client never reads; the daemon and `sop validate` report them.
  for (const d of decoded.diagnostics) {
    if (d.severity === "error") terminal.stderr(`Error: ${renderDiagnostic(d, terminal.cwd)}\n`);
  }
  if (decoded.config === undefined) return undefined;
  const port = decoded.config.gateway.port;
  if (port >= 1 && port <= 65535) return `http://127.0.0.1:${port}`;
  terminal.stderr(`Error: the config's [gateway] port is ${port}, so the daemon's address is unknown: pass --url\n`);
  return undefined;
}

function parseBase(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") return undefined;
  return url.href.replace(/\/+$/, ""); // a path prefix (behind a reverse proxy) is kept
}

function fetchFailureReason(e: unknown): string {
  const error = e instanceof Error ? e : new Error(String(e));
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const all = [error.message, String((error as { code?: unknown }).code), cause?.message ?? "",
    String((cause as { code?: unknown } | undefined)?.code)].join(" ");
  if (/ECONNREFUSED|ConnectionRefused|connection refused/i.test(all)) return "connection refused";
  if (/ENOTFOUND|EAI_AGAIN|dns error/i.test(all)) return "host not found";
  return cause?.message ?? error.message;
}

function isToolResult(body: unknown): body is ToolResult {
  if (typeof body !== "object" || body === null) return false;
  const { success, output, error } = body as Record<string, unknown>;
  return typeof success === "boolean" && typeof output === "string" && (error === null || typeof error === "string");
}

function errorText(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as Record<string, unknown>)["error"];
  return typeof error === "string" && error !== "" ? error : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
