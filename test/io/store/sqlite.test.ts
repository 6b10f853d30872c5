// The SQLite store against the Store conformance suite, on real files; plus what only a database file has: the
// schema version check, a refused garbage file, durability across connections, and a large state.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, test } from "node:test";
import type { StoredRun } from "../../../src/actors/store.ts";
import { openSqliteStore } from "../../../src/io/store/sqlite.ts";
import { schemaVersion } from "../../../src/io/store/sqlite-schema.ts";
import { runStoreCases } from "../../actors/store.case.ts";

const dir = mkdtempSync(join(tmpdir(), "zeroclaw-store-"));
const closers: (() => void)[] = [];
let files = 0;

function freshFile(): string {
  files += 1;
  return join(dir, `sop-${files}.db`);
}

after(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

runStoreCases("sqlite", () => {
  const file = freshFile();
  let store = openSqliteStore(file);
  closers.push(() => store.close());
  return {
    store,
    reopen() {
      store.close();
      store = openSqliteStore(file);
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

describe("openSqliteStore", () => {
  test("a new file is created with the current schema version, in WAL mode", () => {
    const file = freshFile();
    openSqliteStore(file).close();
    const db = new DatabaseSync(file);
    assert.deepEqual({ ...db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() },
      { value: schemaVersion });
    assert.deepEqual({ ...db.prepare("PRAGMA journal_mode").get() }, { journal_mode: "wal" });
    db.close();
  });

  test("a database with a newer schema version is refused, naming both versions", () => {
    const file = freshFile();
    openSqliteStore(file).close();
    const db = new DatabaseSync(file);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(schemaVersion + 1);
    db.close();
    assert.throws(() => openSqliteStore(file), { message:
      `state database ${file} has schema version ${schemaVersion + 1}, newer than this zeroclaw (${schemaVersion})` });
  });

  test("a file that is not a SQLite database is refused", () => {
    const file = freshFile();
    writeFileSync(file, "zeroclaw state? no, just text.\n".repeat(100));
    assert.throws(() => openSqliteStore(file), { message: `state database ${file} is not a SQLite database` });
  });

  test("a commit that cannot be serialised throws and is rolled back", () => {
    const store = openSqliteStore(freshFile());
    const bad = { ...run(2), run: { ...run(2).run, current_step: 1n as unknown as number } };
    assert.throws(() => store.commit({ runs: [run(1), bad], runCounter: 2 }), TypeError);
    assert.deepEqual(store.load(), { active: [], finished: [], queue: [], runCounter: 0, audit: [] });
    store.close();
  });

  test("a commit is seen by another connection before any checkpoint, and survives closing", () => {
    const file = freshFile();
    const first = openSqliteStore(file);
    first.commit({ runs: [run(1)], audit: [{ key: "sop_run_run-1-0001", content: "{}" }], runCounter: 1 });
    assert.ok(existsSync(`${file}-wal`), "the change is in the write-ahead log");
    const second = openSqliteStore(file);
    assert.deepEqual(second.load(), first.load());
    first.close();
    second.close();
    const third = openSqliteStore(file);
    assert.deepEqual(third.load().active, [run(1)]);
    assert.equal(third.load().runCounter, 1);
    third.close();
  });

  test("10,000 runs are committed and loaded back in start and finish order", () => {
    const file = freshFile();
    const store = openSqliteStore(file);
    const runs = Array.from({ length: 10_000 }, (_, i) => run(i + 1));
    store.commit({ runs, runCounter: runs.length });
    // Finish every other run, newest first: the finished list follows finish order, not start order.
    const finishing = Array.from({ length: 5_000 }, (_, i) => run(10_000 - 2 * i, "completed"));
    store.commit({ runs: finishing });
    store.close();
    const again = openSqliteStore(file);
    const state = again.load();
    assert.deepEqual(state.active, runs.filter((_, i) => i % 2 === 0));
    assert.deepEqual(state.finished, finishing);
    assert.equal(state.runCounter, 10_000);
    again.close();
  });
});
