// The state database against the Store conformance suite, on real files; plus what only a database file has: the
// schema version check, refused garbage, locked, corrupt and read-only files, group commit, a large state.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, test } from "node:test";
import type { StoredRun } from "../../../src/actors/store.ts";
import { openStateStore, stateFileName } from "../../../src/io/store/state.ts";
import { migrations, schemaVersion } from "../../../src/io/store/sqlite-schema.ts";
import { runStoreCases } from "../../actors/store.case.ts";

const dir = mkdtempSync(join(tmpdir(), "zeroclaw-store-"));
const closers: (() => void)[] = [];
let files = 0;

/** A new state folder that does not exist yet. */
function freshDir(): string {
  files += 1;
  return join(dir, `state-${files}`);
}

after(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

runStoreCases("sqlite", () => {
  const stateDir = freshDir();
  let store = openStateStore(stateDir);
  closers.push(() => store.close());
  return {
    store,
    reopen() {
      store.close();
      store = openStateStore(stateDir);
      return store;
    },
  };
});

function run(n: number, status: "running" | "completed" = "running"): StoredRun {
  const id = `run-1-${String(n).padStart(4, "0")}`;
  return {
    run: { run_id: id, sop_name: "s", trigger_event: { source: "manual", topic: null, payload: null, timestamp: "t" },
      status, current_step: 1, total_steps: 1, started_at: "t", completed_at: status === "running" ? null : "t",
      step_results: [], waiting_since: null },
    machineState: status === "running" ? "step_1" : "completed", deadlineAt: null, gate: null, escalatedAt: null,
  };
}

describe("openStateStore", () => {
  test("a missing state folder is created, with sop.db in WAL mode at the current schema version", () => {
    const stateDir = join(freshDir(), "nested");
    openStateStore(stateDir).close();
    const db = new DatabaseSync(join(stateDir, stateFileName));
    assert.deepEqual({ ...db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() },
      { value: schemaVersion });
    assert.deepEqual({ ...db.prepare("PRAGMA journal_mode").get() }, { journal_mode: "wal" });
    db.close();
  });

  test("a database with a newer schema version is refused, naming both versions", () => {
    const stateDir = freshDir();
    const file = join(stateDir, stateFileName);
    openStateStore(stateDir).close();
    const db = new DatabaseSync(file);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(schemaVersion + 1);
    db.close();
    assert.throws(() => openStateStore(stateDir), { message:
      `state database ${file} has schema version ${schemaVersion + 1}, newer than this zeroclaw (${schemaVersion})` });
  });

  test("a version 1 database is migrated with its start, finish and audit orders kept", () => {
    const stateDir = freshDir();
    mkdirSync(stateDir);
    const db = new DatabaseSync(join(stateDir, stateFileName));
    for (const step of migrations.slice(0, 1)) for (const sql of step) db.exec(sql);
    db.exec("INSERT INTO meta (key, value) VALUES ('schema_version', 1)");
    const insert = db.prepare(`INSERT INTO runs (run_id, seq, finished_seq, status, sop_name, record, machine_state,
      deadline_at, gate, escalated_at) VALUES (?, ?, ?, ?, 's', ?, ?, NULL, NULL, NULL)`);
    // Inserted out of start order: version 1 ordered by the seq column, version 2 by rowid.
    for (const [n, seq, finishedSeq] of [[3, 3, null], [1, 1, 2], [2, 2, 1], [4, 4, null]] as const) {
      const stored = run(n, finishedSeq === null ? "running" : "completed");
      insert.run(stored.run.run_id, seq, finishedSeq, stored.run.status, JSON.stringify(stored.run),
        stored.machineState);
    }
    db.exec("INSERT INTO audit (key, seq, content) VALUES ('b', 2, 'B'), ('a', 1, 'A')");
    db.close();
    const store = openStateStore(stateDir);
    const state = store.load();
    assert.deepEqual(state.active, [run(3), run(4)]);
    assert.deepEqual(state.finished, [run(2, "completed"), run(1, "completed")]);
    assert.deepEqual(state.audit, [{ key: "a", content: "A" }, { key: "b", content: "B" }]);
    store.commit({ runs: [run(5)], audit: [{ key: "c", content: "C" }, { key: "a", content: "A2" }] });
    assert.deepEqual(store.load().active, [run(3), run(4), run(5)]);
    assert.deepEqual(store.load().audit.map((record) => record.key), ["a", "b", "c"]);
    store.close();
  });

  test("a file that is not a SQLite database is refused and left as it was", () => {
    const stateDir = freshDir();
    const file = join(stateDir, stateFileName);
    mkdirSync(stateDir);
    writeFileSync(file, "zeroclaw state? no, just text.\n".repeat(100));
    assert.throws(() => openStateStore(stateDir), { message: `state database ${file} is not a SQLite database` });
    assert.throws(() => openStateStore(stateDir), { message: `state database ${file} is not a SQLite database` });
  });

  test("a database whose pages are damaged is refused as corrupt, never started fresh", () => {
    const stateDir = freshDir();
    const file = join(stateDir, stateFileName);
    const store = openStateStore(stateDir);
    store.commit({ runs: Array.from({ length: 2_000 }, (_, i) => run(i + 1)), runCounter: 2_000 });
    store.close();
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 2, bytes.length - 4096); // keep the header and the schema page, wreck the rest
    writeFileSync(file, bytes);
    assert.throws(() => openStateStore(stateDir).load(), { message: `state database ${file} is corrupt` });
  });

  test("a second store on the same state folder is refused while the first is open, and allowed after", () => {
    const stateDir = freshDir();
    const file = join(stateDir, stateFileName);
    const first = openStateStore(stateDir);
    assert.throws(() => openStateStore(stateDir),
      { message: `state folder ${stateDir} is in use by another zeroclaw daemon (${file} is locked)` });
    first.close();
    openStateStore(stateDir).close();
  });

  test("a read-only database is refused", (context) => {
    const stateDir = freshDir();
    const file = join(stateDir, stateFileName);
    openStateStore(stateDir).close();
    if (!makeReadOnly(file)) return context.skip("this file system cannot make a file read-only for root");
    try {
      assert.throws(() => openStateStore(stateDir), { message: `state database ${file} is read-only` });
    } finally {
      undoReadOnly(file);
    }
  });

  test("a state folder that cannot be created is refused, naming it", () => {
    const blocker = join(freshDir());
    writeFileSync(blocker, "a file where the folder should be");
    const stateDir = join(blocker, "state");
    assert.throws(() => openStateStore(stateDir), (error: Error) =>
      error.message.startsWith(`cannot create state folder ${stateDir}: `));
  });

  test("a change set that cannot be serialised throws and leaves no trace, while the batch goes on", async () => {
    const store = openStateStore(freshDir());
    store.commit({ runs: [run(1)], runCounter: 1 });
    const bad = { ...run(3), run: { ...run(3).run, current_step: 1n as unknown as number } };
    assert.throws(() => store.commit({ runs: [run(2), bad], runCounter: 3 }), TypeError);
    await store.durable();
    assert.deepEqual(store.load().active, [run(1)]);
    assert.equal(store.load().runCounter, 1);
    store.close();
  });

  test("changes are committed together at the next turn of the event loop; durable() resolves after it", async () => {
    const stateDir = freshDir();
    const file = join(stateDir, stateFileName);
    const store = openStateStore(stateDir);
    store.commit({ runs: [run(1)], runCounter: 1 });
    store.commit({ runs: [run(2)], runCounter: 2 });
    assert.equal(store.idempotency.record("sop:k", 1_000, 300_000, 10), "new");
    assert.equal(committedRuns(file), "locked", "the batch is still open: the database is held exclusively");
    await store.durable();
    store.close();
    assert.equal(committedRuns(file), 2);
    const again = openStateStore(stateDir);
    assert.equal(again.idempotency.record("sop:k", 2_000, 300_000, 10), "duplicate");
    again.close();
  });

  test("close() commits what is pending", () => {
    const stateDir = freshDir();
    const store = openStateStore(stateDir);
    store.commit({ runs: [run(1)], runCounter: 1 });
    store.close();
    const again = openStateStore(stateDir);
    assert.deepEqual(again.load().active, [run(1)]);
    again.close();
  });

  test("10,000 runs are committed and loaded back in start and finish order", () => {
    const stateDir = freshDir();
    const store = openStateStore(stateDir);
    const runs = Array.from({ length: 10_000 }, (_, i) => run(i + 1));
    store.commit({ runs, runCounter: runs.length });
    // Finish every other run, newest first: the finished list follows finish order, not start order.
    const finishing = Array.from({ length: 5_000 }, (_, i) => run(10_000 - 2 * i, "completed"));
    store.commit({ runs: finishing });
    store.close();
    const again = openStateStore(stateDir);
    const state = again.load();
    assert.deepEqual(state.active, runs.filter((_, i) => i % 2 === 0));
    assert.deepEqual(state.finished, finishing);
    assert.equal(state.runCounter, 10_000);
    again.close();
  });
});

/** How many runs another connection sees committed, or "locked" while the store holds the database. */
function committedRuns(file: string): number | "locked" {
  const db = new DatabaseSync(file);
  try {
    db.exec("PRAGMA busy_timeout = 0");
    return Number(db.prepare("SELECT COUNT(*) AS n FROM runs").get()?.["n"]);
  } catch {
    return "locked";
  } finally {
    db.close();
  }
}

/** Makes `file` unwritable, for root too (file modes do not bind root; the immutable attribute does). */
function makeReadOnly(file: string): boolean {
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o444);
    return true;
  }
  return spawnSync("chattr", ["+i", file]).status === 0;
}

function undoReadOnly(file: string): void {
  if (process.getuid?.() === 0) spawnSync("chattr", ["-i", file]);
  else chmodSync(file, 0o644);
}
