// The daemon's state database: `<state_dir>/sop.db`, held exclusively by one daemon, with group commit (issue #4).
// Every change joins one open transaction (each change set in its own savepoint, so a failed one leaves no trace);
// the transaction commits, with one fsync, at the next turn of the event loop. Callers await `durable()` before they
// acknowledge anything, so nothing a caller was told is lost, and a burst of requests shares one fsync.
import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { setImmediate } from "node:timers";
import { joinPath } from "../paths.ts";
import {
  cronCheckpointsTable, idempotencyTable, mqttDeliveriesTable, pairedTokensTable, type Write,
} from "./edge-tables.ts";
import { engineTables, migrate } from "./sqlite.ts";
import type { StateStore } from "./state-store.ts";

/** The state database's file name inside `state_dir` (INTERFACES.md "Files"). */
export const stateFileName = "sop.db";

export interface StateStoreOptions {
  /** Told when a batch could not be committed: the store then refuses changes, and the daemon must stop. */
  readonly onFailure?: (error: Error) => void;
}

/**
 * Opens `<stateDir>/sop.db`, creating the folder and the database when missing and migrating an older schema.
 * Throws an Error with a message for the user when the folder cannot be created, or the database is held by another
 * daemon, read-only, not a SQLite database, corrupt, or newer than this zeroclaw: never a silent fresh start.
 */
export function openStateStore(stateDir: string, options: StateStoreOptions = {}): StateStore {
  try {
    mkdirSync(stateDir, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create state folder ${stateDir}: ${reason(error)}`);
  }
  const file = joinPath(stateDir, stateFileName); // as text, so messages name the folder as the user wrote it
  refuseReadOnly(file);
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file);
    // EXCLUSIVE before WAL: the lock is held from the first write until close (a second daemon is refused, and the
    // OS drops the lock if this process dies), and WAL then needs no shared-memory file. NORMAL: SQLite does not
    // fsync the WAL at each COMMIT on the event loop; the store does it itself on the thread pool before a batch
    // counts as durable (groupCommitted), which is what FULL would do, without blocking. Checkpoints still sync.
    // A 64 MiB page cache keeps the indexes of a busy day in memory.
    db.exec("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL;"
      + " PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536");
    const opened = db;
    transaction(opened, () => migrate(opened, file));
    return groupCommitted(opened, file, options);
  } catch (error) {
    db?.close();
    throw userError(error, file, stateDir);
  }
}

function groupCommitted(db: DatabaseSync, file: string, options: StateStoreOptions): StateStore {
  let batch: Deferred | undefined;
  let failure: Error | undefined;
  let closed = false;
  /** Settles once everything committed so far is on disk. */
  let synced: Promise<void> = Promise.resolve();
  const wal = walSync(`${file}-wal`, () => closed);

  const fail = (current: Deferred, error: unknown): void => {
    failure ??= new Error(`state database ${file} could not commit: ${reason(error)}`);
    current.reject(failure);
    options.onFailure?.(failure);
  };

  const flush = (): void => {
    const current = batch;
    if (current === undefined) return;
    batch = undefined;
    try {
      db.exec("COMMIT");
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      fail(current, error);
      return;
    }
    // An fsync issued after this COMMIT covers it, whichever batch's fsync finishes first.
    synced = wal.sync();
    synced.then(() => current.resolve(), (error: unknown) => fail(current, error));
  };

  // Prepared once: a change set is small, and parsing these two statements each time cost as much as its writes.
  const savepoint = db.prepare("SAVEPOINT change");
  const release = db.prepare("RELEASE change");
  const write: Write = (body) => {
    if (failure !== undefined) throw failure;
    if (batch === undefined) {
      db.exec("BEGIN IMMEDIATE");
      batch = deferred();
      setImmediate(flush);
    }
    savepoint.run();
    try {
      const result = body();
      release.run();
      return result;
    } catch (error) {
      db.exec("ROLLBACK TO change");
      db.exec("RELEASE change");
      throw error;
    }
  };

  const engine = engineTables(db);
  return {
    load: () => {
      try {
        return engine.load();
      } catch (error) {
        throw userError(error, file, file);
      }
    },
    commit: (changes) => write(() => engine.apply(changes)),
    idempotency: idempotencyTable(db, write),
    tokens: pairedTokensTable(db, write),
    cron: cronCheckpointsTable(db, write),
    mqttDeliveries: mqttDeliveriesTable(db, write),
    durable: () => failure === undefined ? batch?.promise ?? synced : Promise.reject(failure),
    close() {
      flush();
      wal.syncNow();
      closed = true;
      wal.close();
      db.close();
    },
  };
}

/** fsync of the WAL file, asynchronous on the thread pool, through a descriptor of its own opened on first use. */
function walSync(path: string, isClosed: () => boolean): { sync(): Promise<void>; syncNow(): void; close(): void } {
  let fd: number | undefined;
  const descriptor = (): number => (fd ??= openSync(path, "r"));
  return {
    sync: () => new Promise<void>((resolve, reject) => {
      fsync(descriptor(), (error) => {
        // After close() the data was synced by syncNow and SQLite's own close; a late EBADF means nothing.
        if (error === null || isClosed()) resolve();
        else reject(error);
      });
    }),
    syncNow: () => {
      if (fd !== undefined) fsyncSync(fd);
    },
    close: () => {
      if (fd !== undefined) closeSync(fd);
    },
  };
}

/** SQLite would open an unwritable file read-only and fail only at the first write, with a vaguer error. */
function refuseReadOnly(file: string): void {
  if (!existsSync(file)) return;
  try {
    closeSync(openSync(file, "r+")); // opening for writing is the check that holds for root and immutable files too
  } catch {
    throw new Error(`state database ${file} is read-only`);
  }
}

/** Runs `body` between BEGIN IMMEDIATE and COMMIT; on any error rolls back and rethrows it. */
function transaction(db: DatabaseSync, body: () => void): void {
  db.exec("BEGIN IMMEDIATE");
  try {
    body();
    db.exec("COMMIT");
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK"); // a failed COMMIT may already have rolled back
    throw error;
  }
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => {}); // a batch nobody awaits (a timer's commit) reports through onFailure instead
  return { promise, resolve, reject };
}

// SQLite primary result codes (sqlite.org/rescode.html) that mean the user's file or folder, not a bug here, with
// SQLite's own text for each: Deno's node:sqlite errors carry only the text, Bun's also the code.
const busy = 5;
const readOnly = 8;
const corrupt = 11;
const cannotOpen = 14;
const notADatabase = 26;
const codeTexts: ReadonlyMap<string, number> = new Map([
  ["database is locked", busy],
  ["attempt to write a readonly database", readOnly],
  ["database disk image is malformed", corrupt],
  ["unable to open database file", cannotOpen],
  ["file is not a database", notADatabase],
]);

function primaryCode(error: unknown): number {
  if (typeof error !== "object" || error === null) return -1;
  if ("errcode" in error) return Number(error.errcode) & 0xff;
  return codeTexts.get(reason(error)) ?? -1;
}

/** A SQLite failure turned into the message the daemon prints before it exits 1. */
function userError(error: unknown, file: string, stateDir: string): Error {
  switch (primaryCode(error)) {
    case busy:
      return new Error(`state folder ${stateDir} is in use by another zeroclaw daemon (${file} is locked)`);
    case readOnly:
      return new Error(`state database ${file} is read-only`);
    case corrupt:
      return new Error(`state database ${file} is corrupt`);
    case notADatabase:
      return new Error(`state database ${file} is not a SQLite database`);
    case cannotOpen:
      return new Error(`cannot open state database ${file}: ${reason(error)}`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
