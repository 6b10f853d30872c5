import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { join } from "node:path";
import { zeroclaw } from "./zeroclaw.ts";

const examples = join(import.meta.dirname, "..", "..");

describe("zeroclaw sop match", () => {
  test("sop match mqtt prints the SOPs whose filter and condition match", async () => {
    const hot = await zeroclaw(["sop", "match", "mqtt", "sensors/boiler/temperature", "--payload", '{"value": 90}',
      "--workspace", examples]);
    assert.equal(hot.stdout, "high-temp-alert\n");
    assert.equal(hot.code, 0);
    const cold = await zeroclaw(["sop", "match", "mqtt", "sensors/boiler/temperature", "--payload", '{"value": 20}',
      "--workspace", examples]);
    assert.equal(cold.stdout, "");
    assert.equal(cold.code, 0);
  });

  test("sop match manual matches every SOP with a manual trigger, in name order", async () => {
    const result = await zeroclaw(["sop", "match", "manual", "-", "--json", "--workspace", examples]);
    assert.deepEqual(JSON.parse(result.stdout), { matched: ["daily-summary", "deploy-prod"] });
  });

  test("sop match webhook compares the path exactly", async () => {
    const exact = await zeroclaw(["sop", "match", "webhook", "/sop/deploy", "--workspace", examples]);
    assert.equal(exact.stdout, "deploy-prod\n");
    const slash = await zeroclaw(["sop", "match", "webhook", "/sop/deploy/", "--workspace", examples]);
    assert.equal(slash.stdout, "");
  });

  test("sop match peripheral uses board/signal and a direct-mode condition", async () => {
    const on = await zeroclaw(["sop", "match", "peripheral", "boiler/temp", "--payload", "90", "--workspace", examples]);
    assert.equal(on.stdout, "high-temp-alert\n");
    const none = await zeroclaw(["sop", "match", "peripheral", "boiler/temp", "--workspace", examples]);
    assert.equal(none.stdout, "");
  });

  test("sop match cron matches the raw expression text", async () => {
    const result = await zeroclaw(["sop", "match", "cron", "0 8 * * 1-5", "--workspace", examples]);
    assert.equal(result.stdout, "daily-summary\n");
  });

  test("sop match with a topic of - never matches topic triggers", async () => {
    const result = await zeroclaw(["sop", "match", "mqtt", "-", "--workspace", examples]);
    assert.equal(result.stdout, "");
  });

  test("sop match rejects an unknown source as a usage error", async () => {
    const result = await zeroclaw(["sop", "match", "email", "x", "--workspace", examples]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown source "email"/);
  });
});
