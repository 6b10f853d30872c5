import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { validSignature } from "../../../src/io/http/hmac.ts";

const body = new TextEncoder().encode('{"action":"opened"}');
const hex = createHmac("sha256", "s3cret").update(body).digest("hex");

test("validSignature() accepts sha256=<hex> of the raw body, hex letters in any case", () => {
  assert.equal(validSignature("s3cret", `sha256=${hex}`, body), true);
  assert.equal(validSignature("s3cret", `sha256=${hex.toUpperCase()}`, body), true);
});

test("validSignature() refuses a missing header, a missing prefix, another key or body", () => {
  assert.equal(validSignature("s3cret", null, body), false);
  assert.equal(validSignature("s3cret", hex, body), false);
  assert.equal(validSignature("s3cret", `SHA256=${hex}`, body), false);
  assert.equal(validSignature("other", `sha256=${hex}`, body), false);
  assert.equal(validSignature("s3cret", `sha256=${hex}`, new TextEncoder().encode("{}")), false);
  assert.equal(validSignature("s3cret", `sha256=${hex}00`, body), false);
});
