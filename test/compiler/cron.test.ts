import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { type CronSchedule, normalizeCron, parseCron } from "../../src/compiler/cron.ts";

function schedule(expression: string, timezone?: string): CronSchedule {
  const parsed = parseCron(expression, timezone);
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.message);
  return parsed.value;
}

function failure(expression: string, timezone?: string): string {
  const parsed = parseCron(expression, timezone);
  assert.ok(!parsed.ok, `expected ${JSON.stringify(expression)} to fail`);
  return parsed.message;
}

function iso(times: readonly number[]): string[] {
  return times.map((at) => new Date(at).toISOString());
}

const at = (text: string): number => Date.parse(text);

describe("normalizeCron()", () => {
  test("normalizeCron() prepends seconds 0 to 5 fields and keeps 6 and 7", () => {
    assert.deepEqual(normalizeCron("0 9 * * 1-5"), { ok: true, value: "0 0 9 * * 1-5" });
    assert.deepEqual(normalizeCron("*/15 * * * * *"), { ok: true, value: "*/15 * * * * *" });
    assert.deepEqual(normalizeCron("0 0 12 1 1 * 2030"), { ok: true, value: "0 0 12 1 1 * 2030" });
  });

  test("normalizeCron() splits on Unicode White_Space runs and trims", () => {
    assert.deepEqual(normalizeCron(" \t0\u00a0 9\n*  *\u0085 1-5\u3000"), { ok: true, value: "0 0 9 * * 1-5" });
  });

  test("normalizeCron() keeps a nickname as trimmed text", () => {
    assert.deepEqual(normalizeCron("  @daily "), { ok: true, value: "@daily" });
  });
});

describe("parseCron() field count", () => {
  test("parseCron() rejects 4 and 8 fields with the exact reference text", () => {
    assert.equal(failure("* * * *"), "Invalid cron expression: * * * * (expected 5, 6, or 7 fields, got 4)");
    assert.equal(
      failure("0 0 0 1 1 * 2030 x"),
      "Invalid cron expression: 0 0 0 1 1 * 2030 x (expected 5, 6, or 7 fields, got 8)",
    );
    assert.equal(failure("daily"), "Invalid cron expression: daily (expected 5, 6, or 7 fields, got 1)");
  });

  test("parseCron() quotes the trimmed expression, inner blanks as written", () => {
    assert.equal(failure("  *  * *\t* \n"), "Invalid cron expression: *  * *\t* (expected 5, 6, or 7 fields, got 4)");
  });

  test("parseCron() rejects an empty or blank expression with two spaces after the colon", () => {
    const text = "Invalid cron expression:  (expected 5, 6, or 7 fields, got 0)";
    assert.equal(failure(""), text);
    assert.equal(failure(" \t\u00a0\u0085 "), text);
  });

  test("parseCron() reports the field count before the time zone", () => {
    assert.equal(failure("* *", "Mars/Olympus"), "Invalid cron expression: * * (expected 5, 6, or 7 fields, got 2)");
  });
});

describe("parseCron() semantics", () => {
  test("parseCron() fires 0 9 * * 1-5 Monday to Friday at 09:00 UTC", () => {
    assert.deepEqual(iso(schedule("0 9 * * 1-5").nextRuns(at("2024-01-06T00:00:00Z"), 6)), [
      "2024-01-08T09:00:00.000Z",
      "2024-01-09T09:00:00.000Z",
      "2024-01-10T09:00:00.000Z",
      "2024-01-11T09:00:00.000Z",
      "2024-01-12T09:00:00.000Z",
      "2024-01-15T09:00:00.000Z",
    ]);
  });

  test("parseCron() fires * * * * 0 and * * * * 7 every minute on Sundays only", () => {
    for (const expression of ["* * * * 0", "* * * * 7", "* * * * SUN", "* * * * sun"]) {
      const cron = schedule(expression);
      assert.deepEqual(iso(cron.nextRuns(at("2024-01-06T12:00:00Z"), 2)), [
        "2024-01-07T00:00:00.000Z",
        "2024-01-07T00:01:00.000Z",
      ]);
      assert.equal(cron.nextAfter(at("2024-01-07T23:59:00Z")), at("2024-01-14T00:00:00Z"));
    }
  });

  test("parseCron() fires */15 * * * * * every 15 seconds", () => {
    assert.deepEqual(iso(schedule("*/15 * * * * *").nextRuns(at("2024-01-01T00:00:00Z"), 4)), [
      "2024-01-01T00:00:15.000Z",
      "2024-01-01T00:00:30.000Z",
      "2024-01-01T00:00:45.000Z",
      "2024-01-01T00:01:00.000Z",
    ]);
  });

  test("parseCron() reads a 7th field as the year", () => {
    assert.deepEqual(iso(schedule("0 0 12 1 1 * 2030").nextRuns(at("2024-01-01T00:00:00Z"), 3)), [
      "2030-01-01T12:00:00.000Z",
    ]);
    assert.deepEqual(iso(schedule("0 0 0 1 1 * 2025-2029/2").nextRuns(at("2024-06-01T00:00:00Z"), 5)), [
      "2025-01-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2029-01-01T00:00:00.000Z",
    ]);
    assert.equal(schedule("0 0 0 1 1 * 2020").nextAfter(at("2024-01-01T00:00:00Z")), undefined);
  });

  test("parseCron() accepts @daily, @hourly and other croner nicknames", () => {
    assert.deepEqual(iso(schedule("@daily").nextRuns(at("2024-01-01T10:00:00Z"), 2)), [
      "2024-01-02T00:00:00.000Z",
      "2024-01-03T00:00:00.000Z",
    ]);
    assert.deepEqual(iso(schedule(" @hourly ").nextRuns(at("2024-01-01T10:30:00Z"), 2)), [
      "2024-01-01T11:00:00.000Z",
      "2024-01-01T12:00:00.000Z",
    ]);
    for (const nickname of ["@yearly", "@annually", "@monthly", "@weekly", "@midnight", "@DAILY"]) {
      assert.ok(parseCron(nickname).ok, nickname);
    }
    assert.match(failure("@fortnightly"), /CronPattern/);
    assert.match(failure("@daily extra"), /CronPattern/);
  });

  test("parseCron() combines day-of-month and day-of-week with OR (Vixie)", () => {
    assert.deepEqual(iso(schedule("0 0 1 * MON").nextRuns(at("2024-01-29T00:00:00Z"), 7)), [
      "2024-02-01T00:00:00.000Z", // Thursday, the 1st
      "2024-02-05T00:00:00.000Z",
      "2024-02-12T00:00:00.000Z",
      "2024-02-19T00:00:00.000Z",
      "2024-02-26T00:00:00.000Z",
      "2024-03-01T00:00:00.000Z", // Friday, the 1st
      "2024-03-04T00:00:00.000Z",
    ]);
  });

  test("parseCron() restricts by the other day field when one is * or ?", () => {
    assert.deepEqual(iso(schedule("0 0 ? * MON").nextRuns(at("2024-01-29T00:00:00Z"), 2)), [
      "2024-02-05T00:00:00.000Z",
      "2024-02-12T00:00:00.000Z",
    ]);
    assert.deepEqual(iso(schedule("0 0 1 * *").nextRuns(at("2024-01-29T00:00:00Z"), 2)), [
      "2024-02-01T00:00:00.000Z",
      "2024-03-01T00:00:00.000Z",
    ]);
  });

  test("parseCron() accepts names, a/n steps, L, W and #", () => {
    const from = at("2024-01-01T00:00:00Z");
    assert.deepEqual(iso(schedule("0 0 * JAN-FEB/1 mon-fri").nextRuns(from, 1)), ["2024-01-02T00:00:00.000Z"]);
    assert.deepEqual(iso(schedule("5/20 * * * *").nextRuns(from, 3)), [
      "2024-01-01T00:05:00.000Z",
      "2024-01-01T00:25:00.000Z",
      "2024-01-01T00:45:00.000Z",
    ]);
    assert.deepEqual(iso(schedule("0 0 L * ?").nextRuns(from, 2)), [
      "2024-01-31T00:00:00.000Z",
      "2024-02-29T00:00:00.000Z",
    ]);
    assert.deepEqual(iso(schedule("0 0 13W * ?").nextRuns(from, 1)), ["2024-01-12T00:00:00.000Z"]); // 13th: Saturday
    assert.deepEqual(iso(schedule("0 0 ? * FRI#2").nextRuns(from, 1)), ["2024-01-12T00:00:00.000Z"]);
  });

  test("parseCron() evaluates in Europe/Berlin across the March DST change", () => {
    const cron = schedule("0 9 * * *", "Europe/Berlin");
    assert.equal(cron.timezone, "Europe/Berlin");
    assert.deepEqual(iso(cron.nextRuns(at("2024-03-30T00:00:00Z"), 2)), [
      "2024-03-30T08:00:00.000Z", // 09:00 CET
      "2024-03-31T07:00:00.000Z", // 09:00 CEST
    ]);
  });

  test("parseCron() uses croner's DST rule for a time in the gap and a repeated time", () => {
    const cron = schedule("30 2 * * *", "Europe/Berlin");
    // 02:30 does not exist on 2024-03-31: the fixed-time job runs at 03:00 CEST.
    assert.equal(cron.nextAfter(at("2024-03-30T12:00:00Z")), at("2024-03-31T01:00:00Z"));
    // 02:30 occurs twice on 2024-10-27: it runs once, at the first one (CEST).
    assert.deepEqual(iso(cron.nextRuns(at("2024-10-26T12:00:00Z"), 2)), [
      "2024-10-27T00:30:00.000Z",
      "2024-10-28T01:30:00.000Z",
    ]);
  });

  test("parseCron() evaluates in UTC without a time zone", () => {
    const cron = schedule("0 0 * * *");
    assert.equal(cron.timezone, "UTC");
    assert.equal(cron.normalized, "0 0 0 * * *");
    assert.equal(cron.nextAfter(at("2024-07-01T12:00:00Z")), at("2024-07-02T00:00:00Z"));
  });

  test("parseCron() rejects an unknown time zone", () => {
    assert.equal(failure("0 9 * * *", "Mars/Olympus"), 'unknown time zone "Mars/Olympus"');
    assert.equal(failure("0 9 * * *", ""), 'unknown time zone ""');
  });

  test("parseCron() rejects U+FEFF, which croner would read as a separator", () => {
    assert.equal(
      failure("0\ufeff9 * * * *"),
      'Cannot parse cron expression "0 0\ufeff9 * * * *": U+FEFF is not allowed',
    );
    assert.match(failure("\ufeff0 9 * * *"), /U\+FEFF/);
  });

  test("parseCron() reports croner's message for a bad field", () => {
    assert.match(failure("0 25 * * *"), /^CronPattern: .*hour/);
    assert.match(failure("* * * * 8"), /^CronPattern: /);
  });
});

describe("CronSchedule", () => {
  test("nextAfter() is strictly after, on whole seconds", () => {
    const cron = schedule("* * * * *");
    assert.equal(cron.nextAfter(at("2024-01-01T00:00:00Z")), at("2024-01-01T00:01:00Z"));
    assert.equal(cron.nextAfter(at("2024-01-01T00:00:59.999Z")), at("2024-01-01T00:01:00Z"));
    assert.equal(cron.nextAfter(at("2024-01-01T00:00:00.001Z")), at("2024-01-01T00:01:00Z"));
    assert.equal(cron.nextAfter(at("2024-01-01T00:00:00Z") - 1), at("2024-01-01T00:00:00Z"));
  });

  test("nextRuns() returns count runs, or fewer when the schedule ends", () => {
    const cron = schedule("0 0 0 1 1 * 2030,2031");
    assert.equal(cron.nextRuns(at("2024-01-01T00:00:00Z"), 0).length, 0);
    assert.equal(cron.nextRuns(at("2024-01-01T00:00:00Z"), 1).length, 1);
    assert.equal(cron.nextRuns(at("2024-01-01T00:00:00Z"), 10).length, 2);
  });

  test("nextAfter() gives undefined for an impossible date, NaN and times past year 9999", () => {
    assert.equal(schedule("0 0 31 2 *").nextAfter(at("2024-01-01T00:00:00Z")), undefined);
    const cron = schedule("0 9 * * *", "Europe/Berlin");
    assert.equal(cron.nextAfter(Number.NaN), undefined);
    assert.equal(cron.nextAfter(Number.POSITIVE_INFINITY), undefined);
    assert.equal(cron.nextAfter(8.64e15), undefined);
    assert.equal(typeof cron.nextAfter(-8.64e15), "number");
  });
});

describe("parseCron() nasty input", () => {
  const nasty = [
    "*/0 * * * *",
    "99999999999 * * * *",
    "0-99999999999 * * * *",
    "*/99999999999 * * * *",
    "9".repeat(1_000_000) + " * * * *",
    "\u0000 * * * *",
    "\ud800\udfff\uffff * * * *",
    "\ufeff* * * * *",
    "-1 * * * *",
    ", * * * *",
    "L L L L L",
    "0 0 * * 1#6",
    "* * * * * * 0",
    "* * * * * * 10000",
    "@" + "x".repeat(1_000_000),
    "* ".repeat(500_000),
  ];
  for (const expression of nasty) {
    test(`parseCron() fails without throwing on ${JSON.stringify(expression.slice(0, 24))}`, () => {
      assert.ok(failure(expression).length > 0);
    });
  }

  test("parseCron() survives a huge valid list and random bytes", () => {
    assert.ok(parseCron("1" + ",1".repeat(100_000) + " * * * *").ok);
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      let text = "";
      for (let j = 0; j < 24; j++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        text += String.fromCharCode(seed % 4 === 0 ? 32 : seed % 128);
      }
      const parsed = parseCron(text);
      if (parsed.ok) parsed.value.nextRuns(0, 2);
    }
  });
});
