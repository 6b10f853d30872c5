// The SQLite state database's schema (engine.md §0.5, INTERFACES.md "Files"): its version and the forward
// migrations that reach it. Pure data: src/io/store/sqlite.ts applies them.

/**
 * Forward migrations: `migrations[n]` takes a database from version `n` to `n + 1`. Only ever append; a released
 * step never changes. The caller applies the missing ones and the new `schema_version` in one transaction.
 */
export const migrations: readonly (readonly string[])[] = [
  [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value)",
    "INSERT INTO meta (key, value) VALUES ('run_counter', 0)",
    // seq is start order, finished_seq finish order (NULL while active); record is the run JSON.
    `CREATE TABLE runs (run_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, finished_seq INTEGER, status TEXT NOT NULL,
      sop_name TEXT NOT NULL, record TEXT NOT NULL, machine_state TEXT NOT NULL, deadline_at INTEGER, gate TEXT,
      escalated_at TEXT)`,
    "CREATE INDEX runs_seq ON runs (seq)",
    "CREATE INDEX runs_finished_seq ON runs (finished_seq)",
    `CREATE TABLE queue (seq INTEGER PRIMARY KEY, sop_name TEXT NOT NULL, event TEXT NOT NULL,
      queued_at INTEGER NOT NULL)`,
    // seq is first-insert order: an upsert by key keeps it (engine.md §8).
    "CREATE TABLE audit (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, content TEXT NOT NULL)",
    "CREATE INDEX audit_seq ON audit (seq)",
  ],
  [
    // The edge's tables (fan-in.md §4.1, §4.5, §6.3): first-seen times, token digests, last checked instants.
    "CREATE TABLE idempotency (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)",
    "CREATE INDEX idempotency_seen_at ON idempotency (seen_at)",
    "CREATE TABLE paired_tokens (digest TEXT PRIMARY KEY)",
    "CREATE TABLE cron_checkpoints (key TEXT PRIMARY KEY, checked_at INTEGER NOT NULL)",
  ],
];

/** The schema version this zeroclaw writes, one per migration; a database with a newer one is refused. */
export const schemaVersion: number = migrations.length;
