// `POST /pair` (fan-in.md §3.4, §4.1): a one-time 6-digit code printed by the daemon buys one bearer token.
// Edge: node:crypto randomness; keeps the code and the lockout table in memory.
import { randomBytes, randomInt } from "node:crypto";
import type { PairedTokens } from "../store/state-store.ts";
import type { Tokens } from "./bearer.ts";
import { visibleAscii } from "./bearer.ts";
import { constantTimeEqual, sha256Hex } from "./constant-time.ts";
import type { Durability } from "./durability.ts";
import * as texts from "./gateway-texts.ts";
import { createLockout } from "./lockout.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { RequestContext } from "./request-context.ts";
import { error, json, tooMany } from "./responses.ts";

/** The pairing endpoint and its one-time code. */
export interface Pairing {
  /** The code the daemon prints, until it is used; undefined when pairing is not required or a token exists. */
  readonly code: string | undefined;
  handle(context: RequestContext): Promise<Response>;
}

/** What pairing is built from. */
export interface PairingDeps {
  readonly requirePairing: boolean;
  readonly tokens: Tokens;
  readonly stored: PairedTokens;
  readonly limiter: RateLimiter;
  readonly durability: Durability;
}

/** Creates the pairing endpoint; a code is generated only when pairing is required and no token exists yet. */
export function createPairing(deps: PairingDeps): Pairing {
  let code = deps.requirePairing && !deps.tokens.any() ? newCode() : undefined;
  const lockout = createLockout();
  return {
    get code() {
      return code;
    },
    async handle({ request, client, now }) {
      if (!deps.limiter.allow(client, now)) return tooMany(texts.tooManyPairingRequests);
      const key = client.trim() === "" ? "unknown" : client.trim();
      const remaining = lockout.remainingSecs(key, now);
      if (remaining !== undefined) return tooMany(texts.tooManyFailedAttempts(remaining), remaining);
      const presented = visibleAscii(request.headers.get("x-pairing-code")).trim();
      if (code === undefined || !constantTimeEqual(presented, code.trim())) {
        lockout.fail(key, now);
        return error(403, texts.invalidPairingCode);
      }
      code = undefined; // consumed before any await, so two racing requests cannot both pair
      lockout.succeed(key);
      const token = `zc_${randomBytes(32).toString("hex")}`;
      const digest = sha256Hex(token);
      deps.tokens.add(digest);
      const persisted = persist(deps, digest) && await deps.durability.settle();
      const message = persisted ? texts.pairedMessage : texts.pairedNotPersisted;
      return json(200, { paired: true, persisted, token, message });
    },
  };
}

/** A uniform 6-digit code from a cryptographically secure generator, zero-padded. */
function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** Queues the digest for the next commit; false when the store refuses it (it has already failed). */
function persist(deps: PairingDeps, digest: string): boolean {
  try {
    deps.stored.add(digest);
    return true;
  } catch {
    return false;
  }
}
