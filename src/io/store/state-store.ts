// The daemon's state database as the IO layer sees it: the engine's Store plus what only the edge keeps
// (idempotency keys, paired token hashes, cron checkpoints, MQTT deliveries), all in one file and one group-committed batch, so a
// webhook's idempotency key and the run it started become durable together (issue #4, fan-in.md §4.1, §4.5, §6.3).
import type { Store } from "../../actors/store.ts";

/** Idempotency keys with first-seen times (fan-in.md §4.5). */
export interface IdempotencyKeys {
  /**
   * Records `key` at `now` (epoch ms) after dropping keys aged `ttlMs` or more and, when `maxKeys` are held,
   * evicting the oldest; answers "duplicate" (time not refreshed) when the key is already held.
   */
  record(key: string, now: number, ttlMs: number, maxKeys: number): "new" | "duplicate";
}

/** SHA-256 digests (lowercase hex) of paired bearer tokens (fan-in.md §4.1). */
export interface PairedTokens {
  digests(): readonly string[];
  add(digest: string): void;
}

/** The last checked instant of each cron trigger (fan-in.md §6.3, D6), keyed by SOP name and expression. */
export interface CronCheckpoints {
  get(key: string): number | undefined;
  set(key: string, at: number): void;
}

/** The message each MQTT packet id last carried into a dispatch, for recognising redeliveries across restarts. */
export interface MqttDeliveries {
  /** Whether `packetId` last carried the message of this digest. */
  carried(packetId: number, digest: string): boolean;
  /** Records that `packetId` now carries the message of this digest (in the batch of its dispatch). */
  record(packetId: number, digest: string): void;
  /** The message's acknowledgement was written: the id may carry another message now. */
  forget(packetId: number): void;
}

/** The state store of one daemon. */
export interface StateStore extends Store {
  readonly idempotency: IdempotencyKeys;
  readonly tokens: PairedTokens;
  readonly cron: CronCheckpoints;
  readonly mqttDeliveries: MqttDeliveries;
  /**
   * Resolves once every change made so far (engine commits and the tables above) is on disk; rejects when that
   * batch could not be committed, after which the store refuses further changes and the daemon must stop.
   * Callers acknowledge (HTTP response, MQTT PUBACK) only after it resolves.
   */
  durable(): Promise<void>;
  /** Commits what is pending, then releases the database and the state-folder lock. */
  close(): void;
}
