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
    // The MQTT message each unacknowledged packet id carries (fan-in.md §5.3): a redelivery (DUP) of a message whose
    // run was committed before its acknowledgement was lost is recognised and not dispatched again. Rows go once the
    // broker has the acknowledgement; at most 65,535.
    "CREATE TABLE mqtt_deliveries (packet_id INTEGER PRIMARY KEY, digest TEXT NOT NULL)",
    // Start order and first-insert order become the rowid (an upsert keeps a row's rowid), and only finished runs are
    // in the finish-order index: an active run's write maintains one index fewer and looks up no MAX(), which was
    // a third of the store's time per run.
    `CREATE TABLE runs_v2 (run_id TEXT PRIMARY KEY, finished_seq INTEGER, status TEXT NOT NULL,
      sop_name TEXT NOT NULL, record TEXT NOT NULL, machine_state TEXT NOT NULL, deadline_at INTEGER, gate TEXT,
      escalated_at TEXT)`,
    `INSERT INTO runs_v2 (run_id, finished_seq, status, sop_name, record, machine_state, deadline_at, gate,
      escalated_at) SELECT run_id, finished_seq, status, sop_name, record, machine_state, deadline_at, gate,
      escalated_at FROM runs ORDER BY seq`,
    "DROP TABLE runs",
    "ALTER TABLE runs_v2 RENAME TO runs",
    "CREATE INDEX runs_finished_seq ON runs (finished_seq) WHERE finished_seq IS NOT NULL",
    "CREATE TABLE audit_v2 (key TEXT PRIMARY KEY, content TEXT NOT NULL)",
    "INSERT INTO audit_v2 (key, content) SELECT key, content FROM audit ORDER BY seq",
    "DROP TABLE audit",
    "ALTER TABLE audit_v2 RENAME TO audit",
  ],
];

/** The schema version this zeroclaw writes, one per migration; a database with a newer one is refused. */
export const schemaVersion: number = migrations.length;
