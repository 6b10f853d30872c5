import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cooldownEndsAt, inCooldown, pickQueued, startRefusal, type Occupancy } from "../../src/actors/admission.ts";
import type { QueuedStart } from "../../src/actors/store.ts";
import { makeSop } from "./engine-fixture.ts";

const at = Date.UTC(2026, 1, 19, 12, 0, 0);
const free: Occupancy = { activeOf: () => 0, total: 0, maxTotal: 5 };
const event = { source: "manual", topic: null, payload: null, timestamp: "2026-02-19T12:00:00Z" } as const;
const queued = (seq: number, sopName: string): QueuedStart => ({ seq, sopName, event, queuedAt: at });

describe("admission", () => {
  test("startRefusal() checks the per-SOP limit, then the global limit, then cooldown (engine.md §2.2)", () => {
    const sop = makeSop("a", { cooldownSecs: 60, maxConcurrent: 1 });
    assert.equal(startRefusal(sop, free, undefined, at), undefined);
    assert.equal(startRefusal(sop, { ...free, activeOf: () => 1 }, "2026-02-19T12:00:00Z", at), "capacity");
    assert.equal(startRefusal(sop, { ...free, total: 5 }, undefined, at), "capacity");
    assert.equal(startRefusal(sop, free, "2026-02-19T11:59:30Z", at), "cooldown");
    assert.equal(startRefusal(makeSop("z", { maxConcurrent: 0 }), free, undefined, at), "capacity");
  });

  test("inCooldown() counts whole seconds, treats a future finish as 0 s elapsed and an unreadable one as elapsed", () => {
    const sop = makeSop("a", { cooldownSecs: 60 });
    assert.equal(inCooldown(sop, "2026-02-19T11:59:00Z", at), false);
    assert.equal(inCooldown(sop, "2026-02-19T11:59:01Z", at), true);
    assert.equal(inCooldown(sop, "2027-01-01T00:00:00Z", at), true);
    assert.equal(inCooldown(sop, "2026-02-19T11:59:30.5Z", at), false);
    assert.equal(inCooldown(makeSop("b"), "2026-02-19T12:00:00Z", at), false);
    assert.equal(cooldownEndsAt(sop, "2026-02-19T11:59:30Z", at), at + 30_000);
  });

  test("pickQueued() takes the highest priority, then the earliest, skipping full and cooling SOPs (D8)", () => {
    const sops = new Map([
      ["low", makeSop("low", { priority: "low" })],
      ["crit", makeSop("crit", { priority: "critical" })],
      ["full", makeSop("full", { priority: "critical" })],
      ["cool", makeSop("cool", { priority: "critical", cooldownSecs: 60 })],
    ]);
    const occupancy: Occupancy = { activeOf: (name) => (name === "full" ? 1 : 0), total: 1, maxTotal: 5 };
    const lastFinished = (name: string) => (name === "cool" ? "2026-02-19T12:00:00Z" : undefined);
    const queue = [queued(1, "low"), queued(2, "full"), queued(3, "cool"), queued(4, "crit"), queued(5, "crit")];
    assert.equal(pickQueued(queue, (n) => sops.get(n), occupancy, lastFinished, at)?.seq, 4);
    assert.equal(pickQueued(queue.slice(0, 3), (n) => sops.get(n), occupancy, lastFinished, at)?.seq, 1);
    assert.equal(pickQueued(queue, (n) => sops.get(n), { ...occupancy, total: 5 }, lastFinished, at), undefined);
  });
});
