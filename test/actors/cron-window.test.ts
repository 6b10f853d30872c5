import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkWindow, openWindow, startingCheck } from "../../src/actors/cron-window.ts";
import { parseCron } from "../../src/compiler/cron.ts";

const t = (iso: string): number => Date.parse(iso);
const parsed = parseCron("0 * * * *"); // hourly
if (!parsed.ok) throw new TypeError(parsed.message);
const hourly = parsed.value;

describe("startingCheck()", () => {
  test("startingCheck() is the start time for a trigger without a checkpoint, with or without catch-up", () => {
    assert.equal(startingCheck(undefined, 5_000, false), 5_000);
    assert.equal(startingCheck(undefined, 5_000, true), 5_000);
  });

  test("startingCheck() is the start time for a stored trigger, or the stored time with catch-up", () => {
    assert.equal(startingCheck(1_000, 5_000, false), 5_000);
    assert.equal(startingCheck(1_000, 5_000, true), 1_000);
  });

  test("startingCheck() keeps a stored time after the start time: the clock went back", () => {
    assert.equal(startingCheck(9_000, 5_000, false), 9_000);
  });
});

describe("checkWindow()", () => {
  test("checkWindow() fires at the window's end and not at its start", () => {
    const window = openWindow(hourly, t("2026-02-19T12:00:00Z"));
    assert.equal(window.nextAt, t("2026-02-19T13:00:00Z"));
    const first = checkWindow(hourly, window, t("2026-02-19T13:00:00Z"));
    assert.equal(first.fires, true);
    assert.deepEqual(first.window, { lastCheck: t("2026-02-19T13:00:00Z"), nextAt: t("2026-02-19T14:00:00Z") });
    assert.equal(checkWindow(hourly, first.window, t("2026-02-19T13:00:00Z")).fires, false);
  });

  test("checkWindow() truncates last_check to the second: (13:00:00.400, …] does not hold 13:00:00", () => {
    const window = openWindow(hourly, t("2026-02-19T13:00:00.400Z"));
    assert.equal(window.nextAt, t("2026-02-19T14:00:00Z"));
  });

  test("checkWindow() fires once for a window holding many occurrences", () => {
    const result = checkWindow(hourly, openWindow(hourly, t("2026-02-19T12:00:00Z")), t("2026-02-20T12:30:00Z"));
    assert.equal(result.fires, true);
    assert.equal(result.window.nextAt, t("2026-02-20T13:00:00Z"));
  });

  test("checkWindow() without a fire moves last_check to now and keeps the known next occurrence", () => {
    const result = checkWindow(hourly, openWindow(hourly, t("2026-02-19T12:00:00Z")), t("2026-02-19T12:59:59.999Z"));
    assert.deepEqual(result, { fires: false,
      window: { lastCheck: t("2026-02-19T12:59:59.999Z"), nextAt: t("2026-02-19T13:00:00Z") } });
  });

  test("checkWindow() never moves last_check back", () => {
    const window = openWindow(hourly, t("2026-02-19T13:00:10Z"));
    assert.deepEqual(checkWindow(hourly, window, t("2026-02-19T12:59:00Z")), { fires: false, window });
  });

  test("checkWindow() never fires a schedule that has ended", () => {
    const once = parseCron("0 0 0 1 1 * 2026");
    assert.ok(once.ok);
    const window = openWindow(once.value, t("2026-06-01T00:00:00Z"));
    assert.equal(window.nextAt, undefined);
    assert.equal(checkWindow(once.value, window, t("2099-01-01T00:00:00Z")).fires, false);
  });
});
