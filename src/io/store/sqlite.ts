// The engine's tables in the SQLite state database (node:sqlite, both Bun and Deno): runs, queue, audit, run counter,
// and the schema migrations (engine.md §0.5, issue #4). The connection, its lock and its transactions are state.ts's.
import { DatabaseSync, type SQLOutputValue, type StatementSync } from "node:sqlite";
import type { Run, RunEvent } from "../../actors/run-record.ts";
import {
  isFinished, type AuditRecord, type QueuedStart, type StoreChanges, type StoreState, type StoredRun,
} from "../../actors/store.ts";
import { migrations, schemaVersion } from "./sqlite-schema.ts";

type Row = Record<string, SQLOutputValue>;

const runColumns = "record, machine_state, deadline_at, gate, escalated_at";

/** The engine's tables on an open connection: reading the whole state back and applying one change set. */
export interface EngineTables {
  load(): StoreState;
  apply(changes: StoreChanges): void;
}

/** Prepares the engine's statements once per connection (after migration). */
export function engineTables(db: DatabaseSync): EngineTables {
  const statements = prepare(db);
  return { load: () => load(db), apply: (changes) => apply(statements, changes) };
}

/** Brings the schema up to `schemaVersion`, or refuses a database written by a newer zeroclaw. Runs inside the
 * caller's transaction, so a half-applied migration never persists. */
export function migrate(db: DatabaseSync, file: string): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  const stored = hasMeta === undefined ? 0 : Number(readMeta(db, "schema_version") ?? 0);
  if (stored > schemaVersion) {
    throw new Error(`state database ${file} has schema version ${stored}, newer than this zeroclaw (${schemaVersion})`);
  }
  if (stored === schemaVersion) return;
  for (const step of migrations.slice(stored)) for (const sql of step) db.exec(sql);
  db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(schemaVersion);
}

/** A value of the meta table, or undefined when the key is absent. */
function readMeta(db: DatabaseSync, key: string): SQLOutputValue | undefined {
  return db.prepare("SELECT value FROM meta WHERE key = ?").get(key)?.["value"];
}

/** The write statements, prepared once per connection. */
interface Statements {
  readonly upsertRun: StatementSync;
  readonly forget: StatementSync;
  readonly enqueue: StatementSync;
  readonly dequeue: StatementSync;
  readonly upsertAudit: StatementSync;
  readonly setCounter: StatementSync;
}

function prepare(db: DatabaseSync): Statements {
  return {
    // A new run takes the next rowid (start order) and keeps it; finishing (again) takes the next finish seq.
    upsertRun: db.prepare(`INSERT INTO runs (run_id, finished_seq, status, sop_name, ${runColumns})
      VALUES (?, CASE WHEN ? THEN (SELECT COALESCE(MAX(finished_seq), 0) + 1 FROM runs WHERE finished_seq IS NOT NULL)
        END, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id) DO UPDATE SET finished_seq = excluded.finished_seq, status = excluded.status,
        sop_name = excluded.sop_name, record = excluded.record, machine_state = excluded.machine_state,
        deadline_at = excluded.deadline_at, gate = excluded.gate, escalated_at = excluded.escalated_at`),
    forget: db.prepare("DELETE FROM runs WHERE run_id = ? AND finished_seq IS NOT NULL"),
    enqueue: db.prepare(`INSERT INTO queue (seq, sop_name, event, queued_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (seq) DO UPDATE SET sop_name = excluded.sop_name, event = excluded.event,
        queued_at = excluded.queued_at`),
    dequeue: db.prepare("DELETE FROM queue WHERE seq = ?"),
    upsertAudit: db.prepare(`INSERT INTO audit (key, content) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET content = excluded.content`),
    setCounter: db.prepare("UPDATE meta SET value = ? WHERE key = 'run_counter'"),
  };
}

/** Applies one change set in the memory store's order: runs, forget, enqueue, dequeue, audit, counter. */
function apply(statements: Statements, changes: StoreChanges): void {
  for (const stored of changes.runs ?? []) {
    const { run } = stored;
    statements.upsertRun.run(run.run_id, isFinished(stored) ? 1 : 0, run.status, run.sop_name, JSON.stringify(run),
      stored.machineState, stored.deadlineAt, stored.gate, stored.escalatedAt);
  }
  for (const runId of changes.forget ?? []) statements.forget.run(runId);
  for (const entry of changes.enqueue ?? []) {
    statements.enqueue.run(entry.seq, entry.sopName, JSON.stringify(entry.event), entry.queuedAt);
  }
  for (const seq of changes.dequeue ?? []) statements.dequeue.run(seq);
  for (const record of changes.audit ?? []) statements.upsertAudit.run(record.key, record.content);
  if (changes.runCounter !== undefined) statements.setCounter.run(changes.runCounter);
}

/** Reads the whole state back: active runs by start, finished by finish, queue by seq, audit by first insert. */
function load(db: DatabaseSync): StoreState {
  const runs = (where: string, order: string): StoredRun[] =>
    db.prepare(`SELECT ${runColumns} FROM runs WHERE ${where} ORDER BY ${order}`).all().map(toStoredRun);
  return {
    active: runs("finished_seq IS NULL", "rowid"),
    finished: runs("finished_seq IS NOT NULL", "finished_seq"),
    queue: db.prepare("SELECT seq, sop_name, event, queued_at FROM queue ORDER BY seq").all().map(toQueuedStart),
    runCounter: Number(readMeta(db, "run_counter")),
    audit: db.prepare("SELECT key, content FROM audit ORDER BY rowid").all().map(toAuditRecord),
  };
}

function toStoredRun(row: Row): StoredRun {
  return {
    run: JSON.parse(String(row["record"])) as Run,
    machineState: String(row["machine_state"]),
    deadlineAt: row["deadline_at"] === null ? null : Number(row["deadline_at"]),
    gate: row["gate"] as StoredRun["gate"],
    escalatedAt: row["escalated_at"] === null ? null : String(row["escalated_at"]),
  };
}

function toQueuedStart(row: Row): QueuedStart {
  return { seq: Number(row["seq"]), sopName: String(row["sop_name"]),
    event: JSON.parse(String(row["event"])) as RunEvent, queuedAt: Number(row["queued_at"]) };
}

function toAuditRecord(row: Row): AuditRecord {
  return { key: String(row["key"]), content: String(row["content"]) };
}
