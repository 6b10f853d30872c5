// The edge's tables in the state database (fan-in.md §4.1, §4.5, §6.3): idempotency keys with TTL and capacity,
// paired token digests, cron checkpoints; each survives a restart.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { StateStore } from "../../../src/io/store/state-store.ts";
import { openStateStore } from "../../../src/io/store/state.ts";

const root = mkdtempSync(join(tmpdir(), "zeroclaw-edge-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** A store and a way to reopen it after its pending batch is durable. */
function fresh(): { store: StateStore; reopen(): Promise<StateStore> } {
  const stateDir = join(root, `state-${(folders += 1)}`);
  let store = openStateStore(stateDir);
  return {
    store,
    async reopen() {
      await store.durable();
      store.close();
      return (store = openStateStore(stateDir));
    },
  };
}

const ttl = 300_000;

describe("idempotency keys", () => {
  test("a key seen within the TTL is a duplicate, after a restart too; its time is not refreshed", async () => {
    const made = fresh();
    assert.equal(made.store.idempotency.record("sop:a", 0, ttl, 10), "new");
    assert.equal(made.store.idempotency.record("sop:a", 100_000, ttl, 10), "duplicate");
    const again = await made.reopen();
    assert.equal(again.idempotency.record("sop:a", 299_999, ttl, 10), "duplicate");
    assert.equal(again.idempotency.record("sop:a", 300_000, ttl, 10), "new", "aged TTL from its first sighting");
    again.close();
  });

  test("keys are not scoped by prefix beyond their text: webhook: and sop: keys are distinct", () => {
    const { store } = fresh();
    assert.equal(store.idempotency.record("sop:k", 0, ttl, 10), "new");
    assert.equal(store.idempotency.record("webhook:k", 0, ttl, 10), "new");
    store.close();
  });

  test("a full store evicts the key with the oldest first-seen time", () => {
    const { store } = fresh();
    for (const [key, at] of [["a", 10], ["b", 20], ["c", 30]] as const) store.idempotency.record(key, at, ttl, 3);
    assert.equal(store.idempotency.record("d", 40, ttl, 3), "new");
    assert.equal(store.idempotency.record("b", 50, ttl, 3), "duplicate");
    assert.equal(store.idempotency.record("a", 60, ttl, 3), "new", "a was evicted to make room for d");
    store.close();
  });
});

describe("paired tokens, cron checkpoints and MQTT deliveries", () => {
  test("token digests are kept once each, in pairing order, across a restart", async () => {
    const made = fresh();
    made.store.tokens.add("aa".repeat(32));
    made.store.tokens.add("bb".repeat(32));
    made.store.tokens.add("aa".repeat(32));
    const again = await made.reopen();
    assert.deepEqual(again.tokens.digests(), ["aa".repeat(32), "bb".repeat(32)]);
    again.close();
  });

  test("a cron checkpoint is absent until set, then holds the last value across a restart", async () => {
    const made = fresh();
    assert.equal(made.store.cron.get("daily\u00000 9 * * *"), undefined);
    made.store.cron.set("daily\u00000 9 * * *", 1_000);
    made.store.cron.set("daily\u00000 9 * * *", 2_000);
    const again = await made.reopen();
    assert.equal(again.cron.get("daily\u00000 9 * * *"), 2_000);
    again.close();
  });

  test("an MQTT packet id carries the last recorded digest, across a restart; a reused id replaces it", async () => {
    const made = fresh();
    assert.equal(made.store.mqttDeliveries.carried(7, "aa"), false);
    made.store.mqttDeliveries.record(7, "aa");
    const again = await made.reopen();
    assert.equal(again.mqttDeliveries.carried(7, "aa"), true);
    assert.equal(again.mqttDeliveries.carried(7, "bb"), false);
    again.mqttDeliveries.record(7, "bb");
    assert.equal(again.mqttDeliveries.carried(7, "aa"), false);
    again.mqttDeliveries.forget(7);
    assert.equal(again.mqttDeliveries.carried(7, "bb"), false);
    again.close();
  });
});
