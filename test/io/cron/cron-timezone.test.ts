// Time zones (definitions.md §7.4, D5): a trigger's `timezone` moves its fire times with daylight-saving changes;
// without one it is UTC. Europe/Berlin changes on 2026-03-29 (01:00Z, to UTC+2) and 2026-10-25 (01:00Z, to UTC+1).
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { at, cron, CronDaemon, cronSop, removeStateFolders } from "./cron-fixture.ts";

after(removeStateFolders);

/** Ticks every `stepMs` from the daemon's clock up to `untilIso` inclusive. */
function tickUntil(daemon: CronDaemon, untilIso: string, stepMs: number): void {
  for (let ms = daemon.clock.now(); ms <= at(untilIso); ms += stepMs) {
    daemon.clock.set(ms);
    daemon.source.tick();
  }
}

describe("time zones", () => {
  test("0 9 * * * in Europe/Berlin fires at 09:00 local time on both sides of the spring change", async () => {
    const daemon = new CronDaemon([cronSop("berlin", [cron("0 9 * * *", "Europe/Berlin")]),
      cronSop("utc", [cron("0 9 * * *")])], "2026-03-27T00:00:00Z");
    tickUntil(daemon, "2026-03-30T23:45:00Z", 15 * 60_000);
    assert.deepEqual(daemon.starts(), [
      ["berlin", "2026-03-27T08:00:00Z"], ["utc", "2026-03-27T09:00:00Z"],
      ["berlin", "2026-03-28T08:00:00Z"], ["utc", "2026-03-28T09:00:00Z"],
      ["berlin", "2026-03-29T07:00:00Z"], ["utc", "2026-03-29T09:00:00Z"], // CEST from here on
      ["berlin", "2026-03-30T07:00:00Z"], ["utc", "2026-03-30T09:00:00Z"],
    ]);
    await daemon.close();
  });

  test("0 9 * * * in Europe/Berlin moves back an hour at the autumn change", async () => {
    const daemon = new CronDaemon([cronSop("berlin", [cron("0 9 * * *", "Europe/Berlin")])], "2026-10-24T00:00:00Z");
    tickUntil(daemon, "2026-10-26T23:45:00Z", 15 * 60_000);
    assert.deepEqual(daemon.starts(), [["berlin", "2026-10-24T07:00:00Z"], ["berlin", "2026-10-25T08:00:00Z"],
      ["berlin", "2026-10-26T08:00:00Z"]]);
    await daemon.close();
  });

  test("30 2 * * * in Europe/Berlin fires once on the night 02:30 happens twice", async () => {
    const daemon = new CronDaemon([cronSop("fold", [cron("30 2 * * *", "Europe/Berlin")])], "2026-10-24T12:00:00Z");
    tickUntil(daemon, "2026-10-25T12:00:00Z", 60_000);
    assert.deepEqual(daemon.starts(), [["fold", "2026-10-25T00:30:00Z"]], "02:30 CEST; 02:30 CET does not fire again");
    await daemon.close();
  });

  test("30 2 * * * in Europe/Berlin fires once on the night 02:30 does not exist, at 03:00 CEST", async () => {
    const daemon = new CronDaemon([cronSop("gap", [cron("30 2 * * *", "Europe/Berlin")])], "2026-03-28T12:00:00Z");
    tickUntil(daemon, "2026-03-29T12:00:00Z", 60_000);
    assert.deepEqual(daemon.starts(), [["gap", "2026-03-29T01:00:00Z"]], "croner moves it to the end of the gap");
    await daemon.close();
  });

  test("a zone's checkpoint survives a restart across the change: one fire per local day", async () => {
    const daemon = new CronDaemon([cronSop("berlin", [cron("0 9 * * *", "Europe/Berlin")])], "2026-03-28T07:00:00Z");
    tickUntil(daemon, "2026-03-28T08:00:00Z", 15 * 60_000);
    await daemon.restart("2026-03-29T06:45:00Z", { catchUp: true }); // 09:00 on the 28th already fired
    tickUntil(daemon, "2026-03-29T08:00:00Z", 15 * 60_000);
    assert.deepEqual(daemon.starts(), [["berlin", "2026-03-28T08:00:00Z"], ["berlin", "2026-03-29T07:00:00Z"]]);
    await daemon.close();
  });
});
