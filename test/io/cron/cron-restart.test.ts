// Start-up, restarts and catch-up (fan-in.md §6.4, D6) over the real state store: the daemon stops, the clock runs
// on, and a new engine and cron source open the same state folder.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { cron, CronDaemon, cronSop, removeStateFolders } from "./cron-fixture.ts";

after(removeStateFolders);

const hourly = [cronSop("hourly", [cron("0 * * * *")])];

describe("restart", () => {
  test("a restart continues from the stored last_check: what fired before does not fire again", async () => {
    const daemon = new CronDaemon(hourly, "2026-02-19T12:59:00Z");
    daemon.tickAt("2026-02-19T13:00:00Z");
    await daemon.restart("2026-02-19T13:00:10Z", { catchUp: true });
    daemon.tickAt("2026-02-19T13:00:10Z");
    daemon.tickAt("2026-02-19T13:59:59Z");
    daemon.tickAt("2026-02-19T14:00:00Z");
    assert.deepEqual(daemon.starts(), [["hourly", "2026-02-19T13:00:00Z"], ["hourly", "2026-02-19T14:00:00Z"]]);
    await daemon.close();
  });

  test("a restart within a window fires the occurrence that falls after it once, from the stored checkpoint", async () => {
    const daemon = new CronDaemon(hourly, "2026-02-19T12:30:00Z");
    daemon.tickAt("2026-02-19T12:59:50Z");
    await daemon.restart("2026-02-19T12:59:55Z");
    daemon.tickAt("2026-02-19T12:59:55Z");
    daemon.tickAt("2026-02-19T13:00:05Z");
    daemon.tickAt("2026-02-19T13:00:20Z");
    assert.deepEqual(daemon.starts(), [["hourly", "2026-02-19T13:00:05Z"]]);
    await daemon.close();
  });

  test("the dispatch and its checkpoint are durable together: a restart right after a fire does not repeat it",
    async () => {
      const daemon = new CronDaemon([cronSop("beat", [cron("* * * * * *")])], "2026-02-19T12:00:00Z");
      daemon.tickAt("2026-02-19T12:00:01Z");
      await daemon.restart("2026-02-19T12:00:01.500Z", { catchUp: true });
      daemon.tickAt("2026-02-19T12:00:01.500Z");
      daemon.tickAt("2026-02-19T12:00:02Z");
      assert.deepEqual(daemon.starts(), [["beat", "2026-02-19T12:00:01Z"], ["beat", "2026-02-19T12:00:02Z"]]);
      await daemon.close();
    });
});

describe("downtime", () => {
  test("without cron_catch_up, occurrences missed while down never fire; the next one does", async () => {
    const daemon = new CronDaemon(hourly, "2026-02-19T12:30:00Z");
    daemon.tickAt("2026-02-19T12:30:15Z");
    await daemon.restart("2026-02-19T17:30:00Z"); // 13:00 to 17:00 fell while down
    daemon.tickAt("2026-02-19T17:30:00Z");
    daemon.tickAt("2026-02-19T17:59:59Z");
    assert.deepEqual(daemon.starts(), []);
    daemon.tickAt("2026-02-19T18:00:00Z");
    assert.deepEqual(daemon.starts(), [["hourly", "2026-02-19T18:00:00Z"]]);
    await daemon.close();
  });

  test("with cron_catch_up, occurrences missed while down fire once at the first tick, then on schedule", async () => {
    const daemon = new CronDaemon(hourly, "2026-02-19T12:30:00Z", { catchUp: true });
    daemon.tickAt("2026-02-19T12:30:15Z");
    await daemon.restart("2026-02-19T17:30:00Z", { catchUp: true });
    daemon.tickAt("2026-02-19T17:30:00Z");
    daemon.tickAt("2026-02-19T17:30:15Z");
    daemon.tickAt("2026-02-19T18:00:00Z");
    assert.deepEqual(daemon.starts(), [["hourly", "2026-02-19T17:30:00Z"], ["hourly", "2026-02-19T18:00:00Z"]]);
    assert.equal(daemon.source.health().fired, 2);
    await daemon.close();
  });

  test("with cron_catch_up, a downtime without an occurrence fires nothing", async () => {
    const daemon = new CronDaemon(hourly, "2026-02-19T12:10:00Z", { catchUp: true });
    daemon.tickAt("2026-02-19T12:10:15Z");
    await daemon.restart("2026-02-19T12:50:00Z", { catchUp: true });
    daemon.tickAt("2026-02-19T12:50:00Z");
    assert.deepEqual(daemon.starts(), []);
    await daemon.close();
  });

  test("with cron_catch_up, each trigger catches up once, and only its own SOP", async () => {
    const sops = [cronSop("a", [cron("*/5 * * * *"), cron("0 0 * * *")]), cronSop("b", [cron("*/5 * * * *")]),
      cronSop("c", [cron("0 0 1 1 *")])];
    const daemon = new CronDaemon(sops, "2026-02-19T12:00:10Z", { catchUp: true });
    daemon.tickAt("2026-02-19T12:00:20Z");
    await daemon.restart("2026-02-21T12:00:20Z", { catchUp: true }); // two days down
    daemon.tickAt("2026-02-21T12:00:20Z");
    assert.deepEqual(daemon.starts(), [["a", "2026-02-21T12:00:20Z"], ["a", "2026-02-21T12:00:20Z"],
      ["b", "2026-02-21T12:00:20Z"]], "c's yearly occurrence did not fall in the downtime");
    await daemon.close();
  });

  test("with cron_catch_up, a trigger without a checkpoint starts at the start time: a new or changed trigger",
    async () => {
      const daemon = new CronDaemon(hourly, "2026-02-19T12:30:00Z", { catchUp: true });
      daemon.tickAt("2026-02-19T12:30:15Z");
      const changed = [cronSop("hourly", [cron("0 * * * *", "Europe/Berlin"), cron("30 * * * *")]),
        cronSop("new", [cron("0 * * * *")])];
      await daemon.restart("2026-02-19T17:45:00Z", { catchUp: true, sops: changed });
      daemon.tickAt("2026-02-19T17:45:00Z");
      assert.deepEqual(daemon.starts(), [], "a changed zone or expression is a new trigger");
      daemon.tickAt("2026-02-19T18:00:00Z");
      assert.deepEqual(daemon.starts(), [["hourly", "2026-02-19T18:00:00Z"], ["new", "2026-02-19T18:00:00Z"]]);
      await daemon.close();
    });
});
