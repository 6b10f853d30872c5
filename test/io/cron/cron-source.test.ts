// The cron check of fan-in.md §6.3 (D6) over a real engine and state store: windows `(last_check, now]`, one dispatch
// per trigger per window, each trigger starting only its own SOP, headless logging, the table's log lines and health.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { DispatchResult } from "../../../src/actors/engine-types.ts";
import { cronCheckpointKey } from "../../../src/actors/cron-table.ts";
import { createCronSource, cronSourceHealth } from "../../../src/io/cron/cron-source.ts";
import { at, cron, CronDaemon, cronSop, recordingLogger, removeStateFolders } from "./cron-fixture.ts";

after(removeStateFolders);

describe("tick(): the check window", () => {
  test("tick() fires an every-second schedule once per second, and not at the start time itself", async () => {
    const daemon = new CronDaemon([cronSop("beat", [cron("* * * * * *")])], "2026-02-19T12:00:00Z");
    daemon.tickAt("2026-02-19T12:00:00Z"); // the window (start, start] is empty
    for (const second of ["01", "02", "03"]) daemon.tickAt(`2026-02-19T12:00:${second}Z`);
    assert.deepEqual(daemon.starts(), [["beat", "2026-02-19T12:00:01Z"], ["beat", "2026-02-19T12:00:02Z"],
      ["beat", "2026-02-19T12:00:03Z"]]);
    await daemon.close();
  });

  test("tick() fires an every-minute schedule at the first tick at or after each minute, with 15 s ticks", async () => {
    const daemon = new CronDaemon([cronSop("minutely", [cron("* * * * *")])], "2026-02-19T12:00:07Z");
    for (let ms = at("2026-02-19T12:00:07Z"); ms <= at("2026-02-19T12:03:07Z"); ms += 15_000) {
      daemon.clock.set(ms);
      daemon.source.tick();
    }
    // Ticks at :07 :22 :37 :52; the minute falls in (:52, :07], so the :07 tick fires with its own time (§1.2).
    assert.deepEqual(daemon.starts(), [["minutely", "2026-02-19T12:01:07Z"], ["minutely", "2026-02-19T12:02:07Z"],
      ["minutely", "2026-02-19T12:03:07Z"]]);
    await daemon.close();
  });

  test("tick() dispatches once for a window that holds several fire times; they are not fired one by one", async () => {
    const daemon = new CronDaemon([cronSop("beat", [cron("* * * * * *")]), cronSop("minutely", [cron("* * * * *")])],
      "2026-02-19T12:00:00Z");
    daemon.tickAt("2026-02-19T12:05:30Z"); // 330 seconds and 5 minutes fell in the window
    assert.deepEqual(daemon.starts(), [["beat", "2026-02-19T12:05:30Z"], ["minutely", "2026-02-19T12:05:30Z"]]);
    daemon.tickAt("2026-02-19T12:05:30Z");
    assert.equal(daemon.starts().length, 2, "an empty window fires nothing");
    await daemon.close();
  });

  test("tick() includes a fire time at the window's end and excludes it at the next window's start", async () => {
    const daemon = new CronDaemon([cronSop("top", [cron("0 * * * *")])], "2026-02-19T12:00:00Z");
    daemon.tickAt("2026-02-19T12:00:00Z"); // start time exactly at a fire time: before start-up, never fires
    daemon.tickAt("2026-02-19T12:59:59.999Z");
    assert.deepEqual(daemon.starts(), []);
    daemon.tickAt("2026-02-19T13:00:00Z"); // (12:59:59.999, 13:00:00]: the end is inclusive
    daemon.tickAt("2026-02-19T13:00:00Z"); // (13:00:00, 13:00:00]
    daemon.tickAt("2026-02-19T13:00:00.999Z"); // (13:00:00, 13:00:00.999]: the start is exclusive, to the second
    daemon.tickAt("2026-02-19T13:59:59Z");
    assert.deepEqual(daemon.starts(), [["top", "2026-02-19T13:00:00Z"]]);
    await daemon.close();
  });

  test("tick() stores each trigger's last_check as the tick's time, fired or not", async () => {
    const daemon = new CronDaemon([cronSop("a", [cron("0 9 * * *"), cron("0 9 * * *", "Europe/Berlin")])],
      "2026-02-19T12:00:00Z");
    daemon.tickAt("2026-02-19T12:00:15.250Z");
    assert.equal(daemon.store.cron.get(cronCheckpointKey("a", "0 9 * * *", "UTC")), at("2026-02-19T12:00:15.250Z"));
    assert.equal(daemon.store.cron.get(cronCheckpointKey("a", "0 9 * * *", "Europe/Berlin")),
      at("2026-02-19T12:00:15.250Z"));
    await daemon.close();
  });

  test("tick() never fires an occurrence twice when the wall clock is set back (D6)", async () => {
    const daemon = new CronDaemon([cronSop("top", [cron("0 * * * *")])], "2026-02-19T12:59:00Z");
    daemon.tickAt("2026-02-19T13:00:10Z");
    daemon.tickAt("2026-02-19T12:59:50Z"); // back 20 s
    daemon.tickAt("2026-02-19T13:00:05Z");
    daemon.tickAt("2026-02-19T13:00:20Z");
    assert.deepEqual(daemon.starts(), [["top", "2026-02-19T13:00:10Z"]]);
    await daemon.close();
  });
});

describe("tick(): dispatch and headless processing", () => {
  test("tick() starts only the trigger's own SOP, with the raw expression as topic and no payload (D6, §1.2)", async () => {
    const sops = [cronSop("a", [cron(" 0 9 * * * ")]), cronSop("b", [cron("0 9 * * *")]),
      cronSop("c", [cron("0 9 * * *")]), cronSop("d", [{ type: "manual" }])];
    const daemon = new CronDaemon(sops, "2026-02-19T08:59:50Z");
    daemon.tickAt("2026-02-19T09:00:03Z");
    assert.deepEqual(daemon.starts(), [["a", "2026-02-19T09:00:03Z"], ["b", "2026-02-19T09:00:03Z"],
      ["c", "2026-02-19T09:00:03Z"]], "two SOPs sharing an expression each start once, in engine order");
    assert.deepEqual(daemon.engine.activeRuns()[0]?.run.trigger_event,
      { source: "cron", topic: " 0 9 * * * ", payload: null, timestamp: "2026-02-19T09:00:03Z" });
    await daemon.close();
  });

  test("tick() starts a SOP whose other triggers have conditions: cron triggers have none (definitions.md §6)", async () => {
    const sops = [cronSop("hot", [{ type: "mqtt", topic: "t", condition: "$.v > 85" }, cron("* * * * *"),
      { type: "webhook", path: "/sop/hot", condition: "> 1" }])];
    const daemon = new CronDaemon(sops, "2026-02-19T12:00:30Z");
    daemon.tickAt("2026-02-19T12:01:00Z");
    assert.deepEqual(daemon.starts(), [["hot", "2026-02-19T12:01:00Z"]]);
    await daemon.close();
  });

  test("tick() logs a start as headless processing does (fan-in.md §1.8)", async () => {
    const daemon = new CronDaemon([cronSop("ping", [cron("* * * * *")])], "2026-02-19T12:00:30Z");
    daemon.tickAt("2026-02-19T12:01:00Z");
    const runId = daemon.engine.activeRuns()[0]?.run.run_id;
    assert.deepEqual(daemon.log.lines.slice(-1), [`warn SOP headless dispatch: run ${runId} ('ping') ready for step 1`
      + " 'Step 1' but no agent loop available to execute"]);
    await daemon.close();
  });

  test("tick() skips a SOP whose max_concurrent is reached and logs the skip with the engine's reason", async () => {
    const daemon = new CronDaemon([cronSop("single", [cron("* * * * *")], { maxConcurrent: 1 })],
      "2026-02-19T12:00:30Z");
    daemon.tickAt("2026-02-19T12:01:00Z");
    daemon.tickAt("2026-02-19T12:02:00Z"); // the first run is still active: nobody advanced it
    assert.deepEqual(daemon.starts(), [["single", "2026-02-19T12:01:00Z"]]);
    assert.deepEqual(daemon.log.lines.slice(-1), ["info SOP headless dispatch: skipped 'single': Cannot start SOP"
      + " 'single': cooldown or concurrency limit reached"]);
    assert.equal(daemon.source.health().fired, 2, "a skipped dispatch is still the trigger's one fire");
    daemon.tickAt("2026-02-19T12:02:30Z");
    assert.equal(daemon.source.health().fired, 2, "the skipped occurrence is not retried");
    await daemon.close();
  });

  test("tick() queues a SOP at its limit that has a queue (D8), and logs it", async () => {
    const daemon = new CronDaemon([cronSop("q", [cron("* * * * *")], { maxConcurrent: 1, queue: 1 })],
      "2026-02-19T12:00:30Z");
    daemon.tickAt("2026-02-19T12:01:00Z");
    daemon.tickAt("2026-02-19T12:02:00Z");
    assert.deepEqual(daemon.engine.queued().map((entry) => entry.sopName), ["q"]);
    assert.deepEqual(daemon.log.lines.slice(-1), ["info SOP headless dispatch: queued 'q'"]);
    await daemon.close();
  });

  test("tick() fires two different triggers of one SOP that fall in one window once each", async () => {
    const daemon = new CronDaemon([cronSop("twice", [cron("0 9 * * *"), cron("0 9 * * 1-5")])],
      "2026-02-19T08:59:00Z"); // a Thursday
    daemon.tickAt("2026-02-19T09:00:00Z");
    assert.deepEqual(daemon.starts(), [["twice", "2026-02-19T09:00:00Z"], ["twice", "2026-02-19T09:00:00Z"]]);
    await daemon.close();
  });

  test("tick() fires identical triggers of one SOP once: they are one entry of the table", async () => {
    const daemon = new CronDaemon([cronSop("dup", [cron("* * * * *"), cron("* * * * *", "UTC")])],
      "2026-02-19T12:00:30Z");
    daemon.tickAt("2026-02-19T12:01:00Z");
    assert.deepEqual(daemon.starts(), [["dup", "2026-02-19T12:01:00Z"]]);
    assert.equal(daemon.source.health().triggers, 1);
    await daemon.close();
  });
});

describe("createCronSource(): the schedule table (§6.2)", () => {
  test("createCronSource() skips triggers that do not parse with the reference's warnings, then logs the count",
    async () => {
      const sops = [
        cronSop("b", [cron("0 9 * *"), cron("* * * * *")]),
        cronSop("a", [cron("61 * * * *"), cron("0 9 * * *", "Mars/Base"), cron("")]),
      ];
      const daemon = new CronDaemon(sops, "2026-02-19T12:00:30Z");
      assert.deepEqual(daemon.log.lines, [
        "warn SopCronCache: failed to parse cron schedule '0 61 * * * *' for SOP 'a': CronPattern: Invalid value for"
          + " minute: 61",
        "warn SopCronCache: failed to parse cron schedule '0 0 9 * * *' for SOP 'a': unknown time zone \"Mars/Base\"",
        "warn SopCronCache: invalid cron expression '' in SOP 'a': Invalid cron expression:  (expected 5, 6, or 7"
          + " fields, got 0)",
        "warn SopCronCache: invalid cron expression '0 9 * *' in SOP 'b': Invalid cron expression: 0 9 * * (expected"
          + " 5, 6, or 7 fields, got 4)",
        "info SopCronCache: cached 1 cron schedule(s)",
      ]);
      daemon.tickAt("2026-02-19T12:01:00Z");
      assert.deepEqual(daemon.starts(), [["b", "2026-02-19T12:01:00Z"]], "the SOP stays loaded; its good trigger fires");
      assert.deepEqual({ ...daemon.source.health(), lastTickAt: 0 }, { status: "ok", triggers: 1, invalidTriggers: 4,
        lastTickAt: 0, fired: 1, lastError: null, lastErrorAt: null });
      await daemon.close();
    });

  test("createCronSource() with no cron triggers logs a count of 0, and tick() does nothing", async () => {
    const daemon = new CronDaemon([cronSop("m", [{ type: "manual" }])], "2026-02-19T12:00:00Z");
    daemon.tickAt("2026-02-20T12:00:00Z");
    assert.deepEqual(daemon.log.lines, ["info SopCronCache: cached 0 cron schedule(s)"]);
    assert.equal(daemon.source.health().status, "ok");
    await daemon.close();
  });
});

describe("health()", () => {
  test("health() is starting before the first tick, then ok with the tick's time", async () => {
    const daemon = new CronDaemon([cronSop("a", [cron("* * * * *")])], "2026-02-19T12:00:00Z");
    assert.deepEqual(daemon.source.health(), { status: "starting", triggers: 1, invalidTriggers: 0, lastTickAt: null,
      fired: 0, lastError: null, lastErrorAt: null });
    assert.deepEqual(cronSourceHealth(daemon.source.health()), { status: "starting" });
    daemon.tickAt("2026-02-19T12:00:10Z");
    assert.equal(daemon.source.health().lastTickAt, at("2026-02-19T12:00:10Z"));
    assert.deepEqual(cronSourceHealth(daemon.source.health()), { status: "ok" });
    await daemon.close();
  });

  test("a dispatch that throws is logged and reported; the other triggers are still checked and stored", () => {
    const log = recordingLogger();
    const stored = new Map<string, number>();
    let now = at("2026-02-19T12:00:30Z");
    const source = createCronSource({
      sops: [cronSop("bad", [cron("* * * * *")]), cronSop("good", [cron("* * * * *")])],
      dispatcher: {
        dispatchCron(sopName): DispatchResult[] {
          if (sopName === "bad") throw new Error("boom");
          return [{ kind: "skipped", sopName, reason: "full" }];
        },
      },
      store: { cron: { get: (key) => stored.get(key), set: (key, value) => void stored.set(key, value) } },
      config: { cron_catch_up: false }, log, clock: { now: () => now },
    });
    now = at("2026-02-19T12:01:00Z");
    assert.doesNotThrow(() => source.tick());
    assert.deepEqual(log.lines.slice(1), ["error cron check of '* * * * *' for SOP 'bad' failed: boom",
      "info SOP dispatch: skipped 'good': full",
      "info SOP headless dispatch: skipped 'good': full"]);
    assert.deepEqual([...stored.values()], [now], "the good trigger's last_check is stored");
    assert.deepEqual(cronSourceHealth(source.health()),
      { status: "error", error: "cron check of '* * * * *' for SOP 'bad' failed: boom" });
    now = at("2026-02-19T12:01:30Z");
    source.tick();
    assert.equal(log.lines.length, 4, "the failed occurrence is not tried again on every tick");
    assert.deepEqual(source.health().status, "ok");
    assert.equal(source.health().lastError, "cron check of '* * * * *' for SOP 'bad' failed: boom");
  });
});
