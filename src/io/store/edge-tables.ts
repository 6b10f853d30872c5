// The edge's tables in the state database: idempotency keys, paired token digests, cron checkpoints and MQTT
// deliveries (fan-in.md §4.1, §4.5, §5.3, §6.3). Writes go through `write`, so they join the open group-commit batch.
import type { DatabaseSync } from "node:sqlite";
import type { CronCheckpoints, IdempotencyKeys, MqttDeliveries, PairedTokens } from "./state-store.ts";

/** Runs a write atomically inside the current batch (state.ts). */
export type Write = <T>(body: () => T) => T;

export function idempotencyTable(db: DatabaseSync, write: Write): IdempotencyKeys {
  const expire = db.prepare("DELETE FROM idempotency WHERE seen_at <= ?");
  const has = db.prepare("SELECT 1 FROM idempotency WHERE key = ?");
  const count = db.prepare("SELECT COUNT(*) AS n FROM idempotency");
  const evictOldest = db.prepare(
    "DELETE FROM idempotency WHERE key IN (SELECT key FROM idempotency ORDER BY seen_at, rowid LIMIT ?)");
  const insert = db.prepare("INSERT INTO idempotency (key, seen_at) VALUES (?, ?)");
  return {
    record: (key, now, ttlMs, maxKeys) => write(() => {
      expire.run(now - ttlMs);
      if (has.get(key) !== undefined) return "duplicate";
      const held = Number(count.get()?.["n"] ?? 0);
      if (held >= maxKeys) evictOldest.run(held - maxKeys + 1);
      insert.run(key, now);
      return "new";
    }),
  };
}

export function pairedTokensTable(db: DatabaseSync, write: Write): PairedTokens {
  const list = db.prepare("SELECT digest FROM paired_tokens ORDER BY rowid");
  const add = db.prepare("INSERT INTO paired_tokens (digest) VALUES (?) ON CONFLICT DO NOTHING");
  return {
    digests: () => list.all().map((row) => String(row["digest"])),
    add: (digest) => write(() => void add.run(digest)),
  };
}

export function cronCheckpointsTable(db: DatabaseSync, write: Write): CronCheckpoints {
  const get = db.prepare("SELECT checked_at FROM cron_checkpoints WHERE key = ?");
  const set = db.prepare(`INSERT INTO cron_checkpoints (key, checked_at) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET checked_at = excluded.checked_at`);
  return {
    get(key) {
      const row = get.get(key);
      return row === undefined ? undefined : Number(row["checked_at"]);
    },
    set: (key, at) => write(() => void set.run(key, at)),
  };
}

export function mqttDeliveriesTable(db: DatabaseSync, write: Write): MqttDeliveries {
  const get = db.prepare("SELECT digest FROM mqtt_deliveries WHERE packet_id = ?");
  const set = db.prepare(`INSERT INTO mqtt_deliveries (packet_id, digest) VALUES (?, ?)
    ON CONFLICT (packet_id) DO UPDATE SET digest = excluded.digest`);
  const remove = db.prepare("DELETE FROM mqtt_deliveries WHERE packet_id = ?");
  return {
    carried: (packetId, digest) => get.get(packetId)?.["digest"] === digest,
    record: (packetId, digest) => write(() => void set.run(packetId, digest)),
    forget: (packetId) => write(() => void remove.run(packetId)),
  };
}
