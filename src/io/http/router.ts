// Which endpoint a path names (INTERFACES.md "Gateway HTTP endpoints"). Pure: paths in, route descriptions out; the
// gateway runs them.
import { runCommands, type RunCommand } from "./api-runs.ts";

/** An `/api/*` endpoint. */
export type ApiRoute =
  | { readonly kind: "tool"; readonly method: "POST"; readonly tool: string }
  | { readonly kind: "sops"; readonly method: "GET" }
  | { readonly kind: "sop"; readonly method: "GET"; readonly name: string; readonly part: "definition" | "machine" }
  | { readonly kind: "runs"; readonly method: "GET" }
  | { readonly kind: "run"; readonly method: "GET"; readonly runId: string }
  | { readonly kind: "run-command"; readonly method: "POST"; readonly runId: string; readonly command: RunCommand };

/** An endpoint; `api` is undefined for an `/api/*` path that names none (404 after the api checks). */
export type Route =
  | { readonly kind: "pair" | "webhook" | "sop-webhook"; readonly method: "POST" }
  | { readonly kind: "metrics" | "healthz"; readonly method: "GET" }
  | { readonly kind: "mcp" }
  | { readonly kind: "api"; readonly api: ApiRoute | undefined };

/** The route of a raw path, or undefined for a path the gateway does not serve (`/sop` and `/sop/` included). */
export function matchRoute(path: string): Route | undefined {
  switch (path) {
    case "/pair":
      return { kind: "pair", method: "POST" };
    case "/webhook":
      return { kind: "webhook", method: "POST" };
    case "/metrics":
      return { kind: "metrics", method: "GET" };
    case "/healthz":
      return { kind: "healthz", method: "GET" };
    case "/mcp":
      return { kind: "mcp" };
  }
  if (path.startsWith("/sop/") && path.length > "/sop/".length) return { kind: "sop-webhook", method: "POST" };
  if (path === "/api" || path.startsWith("/api/")) return { kind: "api", api: matchApi(path.split("/").slice(2)) };
  return undefined;
}

/** Segments after `/api/`, percent-decoded; a segment that does not decode names nothing. */
function matchApi(raw: string[]): ApiRoute | undefined {
  const segments = raw.map(decode);
  if (segments.some((segment) => segment === undefined || segment === "")) return undefined;
  const [area, id, action, ...rest] = segments as string[];
  if (rest.length > 0) return undefined;
  if (area === "tools") {
    return id !== undefined && action === undefined ? { kind: "tool", method: "POST", tool: id } : undefined;
  }
  if (area === "sops") {
    if (id === undefined) return { kind: "sops", method: "GET" };
    if (action === undefined || action === "machine") {
      return { kind: "sop", method: "GET", name: id, part: action === undefined ? "definition" : "machine" };
    }
    return undefined;
  }
  if (area !== "runs") return undefined;
  if (id === undefined) return { kind: "runs", method: "GET" };
  if (action === undefined) return { kind: "run", method: "GET", runId: id };
  return Object.hasOwn(runCommands, action)
    ? { kind: "run-command", method: "POST", runId: id, command: action as RunCommand }
    : undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The raw path of a request URL: percent-encoding kept, query string and fragment cut (fan-in.md §1.2). */
export function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  let end = url.length;
  for (const mark of ["?", "#"]) {
    const at = url.indexOf(mark, start);
    if (at >= 0 && at < end) end = at;
  }
  return url.slice(start, end);
}
