// The gateway's spec texts, byte for byte (fan-in.md §3–§4, marked exact there).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as texts from "../../../src/io/http/gateway-texts.ts";

test("gateway texts are the reference's, byte for byte", () => {
  assert.equal(texts.tooManyRequests, "Too many requests. Please retry later.");
  assert.equal(texts.tooManyWebhookRequests, "Too many webhook requests. Please retry later.");
  assert.equal(texts.tooManyPairingRequests, "Too many pairing requests. Please retry later.");
  assert.equal(texts.tooManyFailedAttempts(42), "Too many failed attempts. Try again in 42s.");
  assert.equal(texts.retryAfterSecs, 60);
  assert.equal(
    texts.unauthorized,
    "Unauthorized \u2014 pair first via POST /pair, then send Authorization: Bearer <token>",
  );
  assert.equal(texts.invalidWebhookSecret, "Invalid or missing X-Webhook-Secret");
  assert.equal(texts.invalidWebhookSecretHeader, "Unauthorized \u2014 invalid or missing X-Webhook-Secret header");
  assert.equal(texts.invalidSignature, "Invalid or missing X-Signature-256");
  assert.equal(texts.invalidJsonBody, 'Invalid JSON body. Expected: {"message": "..."}');
  assert.equal(texts.duplicateRequest, "Request already processed for this idempotency key");
  assert.equal(texts.engineNotAvailable, "SOP engine not available");
  assert.equal(texts.noSopMatched, "No SOP matched this path");
  assert.equal(texts.internalError, "Internal server error");
  assert.equal(texts.pairedMessage, "Save this token \u2014 use it as Authorization: Bearer <token>");
  assert.equal(
    texts.pairedNotPersisted,
    "Paired for this process, but failed to persist token to config.toml. " +
      "Check config path and write permissions.",
  );
  assert.equal(texts.invalidPairingCode, "Invalid pairing code");
});
