// The HTTP gateway of `zeroclaw daemon`: one web-standard `Request → Response` handler for every endpoint of
// INTERFACES.md, with the size limit, request timeout and error answer that hold for all of them (fan-in.md §3–§4).
// Edge: the daemon serves `handle` through src/io/runtime.ts.
import type { Clock } from "../../actors/clock.ts";
import type { Dispatcher } from "../../actors/dispatcher.ts";
import type { Engine } from "../../actors/engine.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import type { Logger } from "../../actors/logger.ts";
import type { Metrics } from "../../actors/metrics.ts";
import type { Tool } from "../../actors/tools/tool.ts";
import type { Config } from "../config.ts";
import { writeAll } from "../stdio.ts";
import type { StateStore } from "../store/state-store.ts";
import { URL } from "node:url";
import { listRuns, runCommand, showRun, type RunFilters } from "./api-runs.ts";
import { listSops, showSop } from "./api-sops.ts";
import { handleToolCall } from "./api-tools.ts";
import { createTokens } from "./bearer.ts";
import { declaredTooLarge } from "./body.ts";
import { clientKey } from "./client-key.ts";
import { sha256Hex } from "./constant-time.ts";
import { createDurability } from "./durability.ts";
import * as texts from "./gateway-texts.ts";
import { healthz, type SourcesHealth } from "./healthz.ts";
import { createPairing } from "./pairing.ts";
import { createPrometheus, type PrometheusMetrics } from "./prometheus.ts";
import { createRateLimiter } from "./rate-limit.ts";
import type { RequestContext } from "./request-context.ts";
import { empty, error, internal, text, tooMany } from "./responses.ts";
import { matchRoute, rawPath, type ApiRoute } from "./router.ts";
import { handleWebhook, type WebhookDeps } from "./webhook.ts";
import { createMcpHttpHandler } from "../mcp/mcp-http.ts";

/** fan-in.md §3.1: a request not answered within 30 s gets 408 with an empty body. */
export const requestTimeoutMs = 30_000;

/** What the gateway is built from; the daemon owns each of these and their lifetimes. */
export interface GatewayDeps {
  readonly engine: Engine;
  readonly dispatcher: Dispatcher;
  readonly tools: readonly Tool[];
  readonly store: StateStore;
  /** Wall clock: idempotency times and the request timeout. */
  readonly clock: Clock;
  /** The decoded config; only `[gateway]` and `[channels_config.webhook]` are read. */
  readonly config: Pick<Config, "gateway" | "webhook">;
  /** The sources' state for `/healthz` and `/metrics`. */
  readonly health: () => SourcesHealth;
  /** Told once when the state database could not commit: the daemon must stop (issue #4). */
  readonly onFatal: (error: Error) => void;
  /** The metrics collector; the engine's by default. */
  readonly metrics?: Metrics;
  /** The `/metrics` registry, when the daemon shares it with the event sources; a new one by default. */
  readonly prometheus?: PrometheusMetrics;
  /** Told of each webhook dispatch once it is durable, for headless processing (fan-in.md §1.8). */
  readonly onDispatched?: (results: readonly DispatchResult[]) => void;
  /** Monotonic milliseconds for rate limits and lockouts (fan-in.md §9.1); `performance.now()` by default. */
  readonly monotonic?: () => number;
  /** Reported by MCP clients' `initialize` (`/mcp`, when `[gateway] mcp = true`). */
  readonly version?: string;
  /** Where unexpected errors go; stderr by default. */
  readonly log?: Pick<Logger, "error">;
}

/** The gateway of one daemon. */
export interface Gateway {
  /** The one-time pairing code to print, until it is used (fan-in.md §4.1). */
  readonly pairingCode: string | undefined;
  /** The `/metrics` registry; the daemon counts the other sources' dispatches into it. */
  readonly prometheus: PrometheusMetrics;
  /** Answers one request; never rejects. `peer` is the remote IP address. */
  handle(request: Request, peer: string): Promise<Response>;
}

/** Creates the gateway. */
export function createGateway(deps: GatewayDeps): Gateway {
  const gateway = deps.config.gateway;
  const log = deps.log ?? { error: (message: string) => writeAll(2, `${message}\n`) };
  const monotonic = deps.monotonic ?? (() => performance.now());
  const durability = createDurability(deps.store, deps.onFatal, log);
  const tokens = createTokens(gateway.require_pairing, gateway.paired_tokens, deps.store.tokens.digests());
  const limiter = (perMinute: number) => createRateLimiter(perMinute, gateway.rate_limit_max_keys);
  const pairing = createPairing({ requirePairing: gateway.require_pairing, tokens, stored: deps.store.tokens,
    limiter: limiter(gateway.pair_rate_limit_per_minute), durability });
  const prometheus = deps.prometheus ?? createPrometheus(deps.engine, deps.metrics ?? deps.engine.metrics, deps.health);
  const webhook: WebhookDeps = {
    settings: webhookSettings(deps.config), dispatcher: deps.dispatcher, tokens,
    limiter: limiter(gateway.webhook_rate_limit_per_minute), idempotency: deps.store.idempotency, durability,
    clock: deps.clock,
    onDispatched(results) {
      prometheus.countDispatch("webhook", results);
      deps.onDispatched?.(results);
    },
  };
  const apiLimiter = limiter(gateway.api_rate_limit_per_minute);
  const tools = new Map(deps.tools.map((tool) => [tool.name, tool]));
  const maxBytes = gateway.max_body_bytes;
  const withTimeout = createTimeouts(deps.clock);
  const mcp = gateway.mcp ? createMcpHttpHandler({ tools: deps.tools, version: deps.version ?? "0.0.0",
    settle: durability.settle, maxBodyBytes: maxBytes, log: (line) => log.error(line) }) : undefined;

  /** `/mcp` (INTERFACES.md "Agent tools"): the API's rate limit and bearer check, then the MCP transport. */
  async function mcpRoute(context: RequestContext): Promise<Response> {
    if (mcp === undefined) return error(404, texts.notFound);
    if (!apiLimiter.allow(context.client, context.now)) return tooMany(texts.tooManyRequests);
    if (gateway.require_pairing && !tokens.authorized(context.request.headers)) return error(401, texts.unauthorized);
    if (durability.failed) return error(503, texts.engineNotAvailable);
    return mcp(context.request);
  }

  async function api(route: ApiRoute | undefined, context: RequestContext): Promise<Response> {
    if (!apiLimiter.allow(context.client, context.now)) return tooMany(texts.tooManyRequests);
    const { request } = context;
    if (gateway.require_pairing && !tokens.authorized(request.headers)) return error(401, texts.unauthorized);
    if (route === undefined) return error(404, texts.notFound);
    if (request.method !== route.method) return notAllowed(route.method);
    switch (route.kind) {
      case "tool":
        return handleToolCall(tools, durability, route.tool, request, maxBytes);
      case "sops":
        return listSops(deps.engine);
      case "sop":
        return showSop(deps.engine, route.name, route.part);
      case "runs":
        return listRuns(deps.engine, runFilters(request.url));
      case "run":
        return showRun(deps.engine, route.runId);
      case "run-command":
        return runCommand(tools, durability, route.command, route.runId, request, maxBytes);
    }
  }

  async function serve(request: Request, peer: string): Promise<Response> {
    const path = rawPath(request.url);
    const route = matchRoute(path);
    if (route === undefined) return error(404, texts.notFound);
    const client = clientKey(request.headers, peer, gateway.trust_forwarded_headers);
    const context: RequestContext = { request, path, client, now: monotonic() };
    if (route.kind === "api") return api(route.api, context);
    if (route.kind === "mcp") return mcpRoute(context);
    if (request.method !== route.method) return notAllowed(route.method);
    switch (route.kind) {
      case "pair":
        return pairing.handle(context);
      case "webhook":
        return handleWebhook(webhook, "webhook", context);
      case "sop-webhook":
        return handleWebhook(webhook, "sop", context);
      case "metrics":
        return prometheus.respond();
      case "healthz":
        return healthz(deps.health());
    }
  }

  return {
    get pairingCode() {
      return pairing.code;
    },
    prometheus,
    async handle(request, peer) {
      try {
        // Before any other check, on every route (fan-in.md §3.1).
        if (declaredTooLarge(request.headers, maxBytes)) return text(413, texts.bodyTooLarge);
        return await withTimeout(serve(request, peer));
      } catch (thrown) {
        log.error(`gateway: ${request.method} ${rawPath(request.url)}: ${String(thrown)}`);
        return internal();
      }
    },
  };
}

/** The webhook settings from config, normalised as fan-in.md §4.3–§4.5 and §8 say. */
function webhookSettings(config: GatewayDeps["config"]): WebhookDeps["settings"] {
  const { gateway } = config;
  const secret = config.webhook.secret?.trim() ?? "";
  return {
    requirePairing: gateway.require_pairing,
    secretDigest: secret === "" ? undefined : sha256Hex(secret), // only the digest is kept (§4.3)
    hmacSecret: gateway.hmac_secret === undefined || gateway.hmac_secret === "" ? undefined : gateway.hmac_secret,
    maxBodyBytes: gateway.max_body_bytes,
    idempotencyTtlMs: Math.max(1, gateway.idempotency_ttl_secs) * 1000,
    idempotencyMaxKeys: gateway.idempotency_max_keys === 0 ? 10_000 : gateway.idempotency_max_keys,
  };
}

/**
 * Gives each request `requestTimeoutMs` on `clock`, then answers 408 with an empty body. One timer serves every
 * request in flight, armed for the oldest one's deadline: a timer and a race per request cost a fifth of the rate of
 * small webhooks.
 */
function createTimeouts(clock: Clock): (response: Promise<Response>) => Promise<Response> {
  const pending = new Set<{ readonly deadline: number; readonly answer: (response: Response) => void }>();
  let timer: unknown;
  const expire = (): void => {
    timer = undefined;
    const now = clock.now();
    for (const entry of pending) { // arrival order, so deadline order
      if (entry.deadline > now) {
        timer = clock.setTimeout(expire, entry.deadline - now);
        return;
      }
      pending.delete(entry);
      entry.answer(empty(408));
    }
  };
  return (response) => new Promise<Response>((resolve, reject) => {
    const entry = { deadline: clock.now() + requestTimeoutMs, answer: resolve };
    pending.add(entry);
    timer ??= clock.setTimeout(expire, requestTimeoutMs);
    response.then(resolve, reject).finally(() => {
      pending.delete(entry);
      if (pending.size === 0 && timer !== undefined) { // an idle gateway holds no timer, so a stopped daemon can exit
        clock.clearTimeout(timer);
        timer = undefined;
      }
    });
  });
}

/** The `status` and `sop` query parameters; an empty one filters nothing. */
function runFilters(url: string): RunFilters {
  const query = new URL(url).searchParams;
  const status = query.get("status") ?? "";
  const sop = query.get("sop") ?? "";
  return { ...(status === "" ? {} : { status }), ...(sop === "" ? {} : { sop }) };
}

function notAllowed(allowed: string): Response {
  const response = error(405, texts.methodNotAllowed);
  response.headers.set("allow", allowed);
  return response;
}
