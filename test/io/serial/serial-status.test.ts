import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Registry } from "prom-client";
import {
  peripheralsSourceHealth, registerPeripheralMetrics, zeroCounters, type BoardHealth, type BoardState,
} from "../../../src/io/serial/serial-status.ts";
import { failureText } from "../../../src/io/serial/serial-board.ts";

function health(state: BoardState, lastError: string | null, lines = 0): BoardHealth {
  return { board: "b", path: "/dev/x", baud: 9600, state, lastError, lastErrorAt: lastError === null ? null : 1,
    openedAt: null, retryAt: null, counters: { ...zeroCounters, lines } };
}

describe("peripheralsSourceHealth()", () => {
  test("peripheralsSourceHealth() is ok only while open, starting before a first error, else the last error", () => {
    assert.deepEqual(peripheralsSourceHealth({
      a: health("open", "end of file"),
      b: health("opening", null),
      c: health("reopening", "no such file or directory"),
      d: health("failed", "disk I/O error"),
      e: health("stopped", null),
    }), {
      a: { status: "ok" },
      b: { status: "starting" },
      c: { status: "error", error: "no such file or directory" },
      d: { status: "error", error: "disk I/O error" },
      e: { status: "error", error: "stopped" },
    });
  });
});

describe("registerPeripheralMetrics()", () => {
  test("registerPeripheralMetrics() reads each board's counters at scrape time", async () => {
    const registry = new Registry();
    let lines = 3;
    registerPeripheralMetrics(registry, () => ({ b1: health("open", null, lines), b2: health("open", null, 1) }));
    lines = 5;
    const text = await registry.metrics();
    assert.match(text, /^zeroclaw_peripheral_lines_total\{board="b1"\} 5$/m);
    assert.match(text, /^zeroclaw_peripheral_lines_total\{board="b2"\} 1$/m);
    assert.match(text, /^zeroclaw_peripheral_disconnects_total\{board="b1"\} 0$/m);
  });
});

describe("failureText()", () => {
  test("failureText() keeps the readable part of an errno message", () => {
    const error = Object.assign(new Error("ENOENT: no such file or directory, open '/dev/x'"), { code: "ENOENT" });
    assert.equal(failureText(error), "no such file or directory");
    assert.equal(failureText(new Error("stty: /dev/x: Inappropriate ioctl for device")),
      "stty: /dev/x: Inappropriate ioctl for device");
    assert.equal(failureText("text"), "text");
  });
});
