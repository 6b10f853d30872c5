// The Store conformance suite (STYLE.md §19): every Store implementation runs these cases, so the memory store and
// the SQLite store keep one contract (src/actors/store.ts, engine.md §0.5, §8).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RunStatus } from "../../src/actors/run-record.ts";
import type { QueuedStart, Store, StoreState, StoredRun } from "../../src/actors/store.ts";

/** A store under test and a way to restart it: `reopen()` returns a new store over the same durable state. */
export interface MadeStore {
  readonly store: Store;
  reopen(): Store;
}

const at = "2026-02-19T12:00:00Z";
const event = { source: "manual", topic: null, payload: null, timestamp: at } as const;

/** A stored run with id `run-1-{id}`; a terminal status makes it finished. */
function storedRun(id: string, status: RunStatus = "running", extra: Partial<StoredRun> = {}): StoredRun {
  const finished = status === "completed" || status === "failed" || status === "cancelled";
  return {
    run: { run_id: `run-1-${id}`, sop_name: "s", trigger_event: event, status, current_step: 1, total_steps: 2,
      started_at: at, completed_at: finished ? at : null, step_results: [], waiting_since: null },
    machineState: finished ? status : "step_1", deadlineAt: null, gate: null, escalatedAt: null, ...extra,
  };
}

function queued(seq: number, sopName = "s"): QueuedStart {
  return { seq, sopName, event, queuedAt: 1_000 + seq };
}

function ids(runs: readonly StoredRun[]): string[] {
  return runs.map((stored) => stored.run.run_id);
}

/** Asserts `check` on the store's state, then on the state a reopened store loads; returns the reopened store. */
function bothWays(made: MadeStore, check: (state: StoreState) => void): Store {
  check(made.store.load());
  const again = made.reopen();
  check(again.load());
  return again;
}

/** Registers the Store contract cases for the implementation `make` builds, each on a fresh empty store. */
export function runStoreCases(name: string, make: () => MadeStore): void {
  describe(`Store contract: ${name}`, () => {
    test("load() of a new store is empty, with run counter 0", () => {
      const empty = { active: [], finished: [], queue: [], runCounter: 0, audit: [] };
      bothWays(make(), (state) => assert.deepEqual(state, empty));
    });

    test("active runs keep start order when updated; finished runs are listed in finish order", () => {
      const made = make();
      made.store.commit({ runs: [storedRun("0001")] });
      made.store.commit({ runs: [storedRun("0002"), storedRun("0003")] });
      const waiting = storedRun("0001", "waiting_approval",
        { machineState: "step_1_approval", deadlineAt: 1_771_502_700_000, gate: "mode", escalatedAt: at });
      made.store.commit({ runs: [storedRun("0003", "completed"), waiting] });
      made.store.commit({ runs: [storedRun("0002", "cancelled")] });
      bothWays(made, (state) => {
        assert.deepEqual(state.active, [waiting]);
        assert.deepEqual(ids(state.finished), ["run-1-0003", "run-1-0002"]);
        assert.deepEqual(state.finished[1], storedRun("0002", "cancelled"));
      });
    });

    test("a finished run written again moves to the end of the finished list", () => {
      const made = make();
      made.store.commit({ runs: [storedRun("0001", "completed"), storedRun("0002", "failed")] });
      const again = storedRun("0001", "completed", { machineState: "done" });
      made.store.commit({ runs: [again] });
      bothWays(made, (state) => {
        assert.deepEqual(ids(state.finished), ["run-1-0002", "run-1-0001"]);
        assert.deepEqual(state.finished[1], again);
      });
    });

    test("forget drops finished runs and leaves active ones", () => {
      const made = make();
      made.store.commit({ runs: [storedRun("0001", "completed"), storedRun("0002"), storedRun("0003", "failed")] });
      made.store.commit({ forget: ["run-1-0001", "run-1-0002", "run-1-9999"] });
      bothWays(made, (state) => {
        assert.deepEqual(ids(state.active), ["run-1-0002"]);
        assert.deepEqual(ids(state.finished), ["run-1-0003"]);
      });
    });

    test("queued starts are added and removed, and listed by seq", () => {
      const made = make();
      made.store.commit({ enqueue: [queued(1), queued(2, "t"), queued(3)] });
      made.store.commit({ dequeue: [2], enqueue: [queued(4, "t")] });
      made.store.commit({ dequeue: [1, 99] });
      bothWays(made, (state) => assert.deepEqual(state.queue, [queued(3), queued(4, "t")]));
    });

    test("audit records are upserted by key and listed in first-insert order", () => {
      const made = make();
      const [first, second] = [JSON.stringify({ v: 1 }, null, 2), JSON.stringify({ v: 2 }, null, 2)];
      made.store.commit({ audit: [{ key: "sop_run_a", content: first }, { key: "sop_step_a_1", content: "1" }] });
      made.store.commit({ audit: [{ key: "sop_run_a", content: second }, { key: "sop_approval_a_1", content: "2" }] });
      bothWays(made, (state) => assert.deepEqual(state.audit, [{ key: "sop_run_a", content: second },
        { key: "sop_step_a_1", content: "1" }, { key: "sop_approval_a_1", content: "2" }]));
    });

    test("the run counter is kept, and only changed by a change set that sets it", () => {
      const made = make();
      made.store.commit({ runCounter: 41 });
      made.store.commit({ runs: [storedRun("0042")] });
      assert.equal(made.store.load().runCounter, 41);
      made.store.commit({ runCounter: 10_000 });
      bothWays(made, (state) => assert.equal(state.runCounter, 10_000));
    });

    test("a commit applies all of its change set or, throwing, none of it; the store stays usable", () => {
      const made = make();
      made.store.commit({ runs: [storedRun("0001")], audit: [{ key: "k", content: "1" }], runCounter: 1 });
      const before = made.store.load();
      // A BigInt cannot be written as JSON: a store that serialises must refuse the change set as a whole.
      const bigint = storedRun("0003");
      const unserialisable = { ...bigint, run: { ...bigint.run, total_steps: 2n as unknown as number } };
      const changes = { runs: [storedRun("0001", "completed"), storedRun("0002"), unserialisable],
        enqueue: [queued(1)], audit: [{ key: "k", content: "2" }], runCounter: 3 };
      let threw = false;
      try {
        made.store.commit(changes);
      } catch {
        threw = true;
      }
      const store = bothWays(made, (state) => {
        if (threw) assert.deepEqual(state, before);
        else assert.deepEqual({ ...state, active: ids(state.active) }, { active: ["run-1-0002", "run-1-0003"],
          finished: [changes.runs[0]], queue: [queued(1)], audit: [{ key: "k", content: "2" }], runCounter: 3 });
      });
      store.commit({ forget: ["run-1-0003"], runs: [storedRun("0004")], runCounter: 4 });
      assert.equal(store.load().runCounter, 4);
      assert.ok(ids(store.load().active).includes("run-1-0004"));
    });

    test("reopen() gives back the same state, and the reopened store keeps the orders going", () => {
      const made = make();
      made.store.commit({ runs: [storedRun("0001"), storedRun("0002", "completed")], enqueue: [queued(1)],
        audit: [{ key: "a", content: "1" }], runCounter: 2 });
      const before = made.store.load();
      const store = made.reopen();
      assert.deepEqual(store.load(), before);
      store.commit({ runs: [storedRun("0003"), storedRun("0004", "completed")], enqueue: [queued(2)],
        audit: [{ key: "b", content: "2" }, { key: "a", content: "3" }] });
      const after = store.load();
      assert.deepEqual(ids(after.active), ["run-1-0001", "run-1-0003"]);
      assert.deepEqual(ids(after.finished), ["run-1-0002", "run-1-0004"]);
      assert.deepEqual(after.queue, [queued(1), queued(2)]);
      assert.deepEqual(after.audit, [{ key: "a", content: "3" }, { key: "b", content: "2" }]);
    });
  });
}
