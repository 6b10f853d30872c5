// `POST /sop/{*rest}` and `POST /webhook` (fan-in.md §3.2, §3.3, D10): the checks in the reference's order, then one
// dispatch whose results are in the 202 body. Edge: reads the body, records idempotency keys, dispatches.
import type { Clock } from "../../actors/clock.ts";
import type { Dispatcher } from "../../actors/dispatcher.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import type { IdempotencyKeys } from "../store/state-store.ts";
import { visibleAscii, type Tokens } from "./bearer.ts";
import { acceptWebhookBody, readBody } from "./body.ts";
import { constantTimeEqual, sha256Hex } from "./constant-time.ts";
import type { Durability } from "./durability.ts";
import * as texts from "./gateway-texts.ts";
import { validSignature } from "./hmac.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { RequestContext } from "./request-context.ts";
import { error, json, tooMany } from "./responses.ts";

/** Which of the two webhook routes: they differ only in texts, the idempotency prefix and the 202 body. */
export type WebhookRoute = "sop" | "webhook";

/** The `[gateway]` and `[channels_config.webhook]` values the webhook routes use, already normalised. */
export interface WebhookSettings {
  readonly requirePairing: boolean;
  /** SHA-256 hex of the trimmed secret; undefined when no secret is configured (fan-in.md §4.3). */
  readonly secretDigest: string | undefined;
  readonly hmacSecret: string | undefined;
  readonly maxBodyBytes: number;
  readonly idempotencyTtlMs: number;
  readonly idempotencyMaxKeys: number;
}

/** What the webhook routes are built from. */
export interface WebhookDeps {
  readonly settings: WebhookSettings;
  readonly dispatcher: Dispatcher;
  readonly tokens: Tokens;
  readonly limiter: RateLimiter;
  readonly idempotency: IdempotencyKeys;
  readonly durability: Durability;
  /** Wall clock: idempotency keys are persisted, so their ages survive restarts (fan-in.md §9.1). */
  readonly clock: Clock;
  /** Told of every dispatch once it is durable, for headless processing (fan-in.md §1.8) and metrics. */
  readonly onDispatched: (results: readonly DispatchResult[]) => void;
}

const routes = {
  sop: { tooMany: texts.tooManyRequests, badSecret: texts.invalidWebhookSecret, prefix: "sop:", source: "sop_webhook" },
  webhook: { tooMany: texts.tooManyWebhookRequests, badSecret: texts.invalidWebhookSecretHeader, prefix: "webhook:",
    source: "webhook" },
} as const;

/** Handles one webhook request; the route's checks run in order and the first failure answers. */
export async function handleWebhook(deps: WebhookDeps, route: WebhookRoute, context: RequestContext)
  : Promise<Response> {
  const { settings } = deps;
  const { request, path } = context;
  const spec = routes[route];
  if (!deps.limiter.allow(context.client, context.now)) return tooMany(spec.tooMany);
  if (settings.requirePairing && !deps.tokens.authorized(request.headers)) return error(401, texts.unauthorized);
  if (settings.secretDigest !== undefined && !validSecret(settings.secretDigest, request.headers)) {
    return error(401, spec.badSecret);
  }
  const bytes = await readBody(request, settings.maxBodyBytes);
  if (bytes === undefined) return error(400, texts.invalidJsonBody);
  const signature = visibleAscii(request.headers.get("x-signature-256"));
  if (settings.hmacSecret !== undefined && !validSignature(settings.hmacSecret, signature, bytes)) {
    return error(401, texts.invalidSignature);
  }
  const payload = acceptWebhookBody(bytes, request.headers.get("content-type"));
  if (payload === undefined) return error(400, texts.invalidJsonBody);
  // A store that failed refuses the idempotency record as well: the engine is not available (rows 6–7).
  if (deps.durability.failed) return error(503, texts.engineNotAvailable);
  let results: DispatchResult[] | undefined;
  const response = await deps.durability.commit(() => {
    const key = visibleAscii(request.headers.get("x-idempotency-key")).trim();
    if (key !== "") {
      const seen = deps.idempotency.record(spec.prefix + key, deps.clock.now(), settings.idempotencyTtlMs,
        settings.idempotencyMaxKeys);
      if (seen === "duplicate") return duplicate();
    }
    results = deps.dispatcher.dispatch({ source: "webhook", topic: path, payload });
    return accepted(route, path, results);
  });
  if (results !== undefined && !deps.durability.failed) deps.onDispatched(results); // 202 and 404 alike
  return response;
}

/** 200, however the first delivery was answered (fan-in.md §4.5). */
function duplicate(): Response {
  return json(200, { status: "duplicate", idempotent: true, message: texts.duplicateRequest });
}

/** The trimmed `X-Webhook-Secret`, hashed, against the configured digest; empty or missing fails (§4.3). */
function validSecret(digest: string, headers: Headers): boolean {
  const presented = visibleAscii(headers.get("x-webhook-secret")).trim();
  return presented !== "" && constantTimeEqual(sha256Hex(presented), digest);
}

/** 202 with the matched SOPs and one `runs` entry each (D10), or 404 when nothing matched. */
function accepted(route: WebhookRoute, path: string, results: readonly DispatchResult[]): Response {
  const runs = results.flatMap(runEntry);
  if (runs.length === 0) return json(404, { error: texts.noSopMatched, path });
  const matched = runs.map((run) => run.sop);
  const where = route === "sop" ? { path } : {};
  return json(202, { status: "accepted", matched_sops: matched, source: routes[route].source, ...where, runs });
}

function runEntry(result: DispatchResult): { sop: string; status: string; run_id?: string; reason?: string }[] {
  switch (result.kind) {
    case "started":
      return [{ sop: result.sopName, status: "started", run_id: result.runId }];
    case "queued":
      return [{ sop: result.sopName, status: "queued" }];
    case "skipped":
      return [{ sop: result.sopName, status: "skipped", reason: result.reason }];
    case "no_match":
      return [];
  }
}
