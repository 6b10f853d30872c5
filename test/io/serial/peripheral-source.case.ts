// One conformance suite for the serial peripheral source, run over every transport (STYLE.md §19): a socat pty pair
// read through TtyBinding (peripherals.test.ts) and @serialport/binding-mock (mock-binding.test.ts).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { PeripheralsOptions } from "../../../src/io/serial/peripherals.ts";
import type { SerialBinding } from "../../../src/io/serial/serial-binding.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { board, peripheralSop, startedEvents, wire, type Wired } from "./serial-fixture.ts";
import { waitFor } from "./wait-for.ts";

/** A serial line the test can write into. */
export interface Transport {
  /** The path the board opens. */
  readonly path: string;
  /** The binding to open it with; undefined means the source's default (TtyBinding). */
  readonly binding?: SerialBinding;
  /** Sends bytes to the board; call only while the board is open. */
  write(data: string | Uint8Array): void;
  dispose(): Promise<void>;
}

export const tempHigh = peripheralSop("temp-high", "b1", "temp", "> 30");

/** True once board `name` is open. */
export function isOpen(wired: Wired, name = "b1"): () => boolean {
  return () => wired.peripherals.health()[name]?.state === "open";
}

/** Runs the source's cases over the transport that `connect(dir)` opens in a fresh folder. */
export function runPeripheralSourceCases(name: string, connect: (dir: string) => Promise<Transport>): void {
  const root = mkdtempSync(join(tmpdir(), "zeroclaw-serial-case-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  let folders = 0;

  /** Runs `body` with board b1 open on a fresh transport and state folder, then stops and cleans up. */
  async function withBoard(options: Partial<PeripheralsOptions>,
    body: (wired: Wired, line: Transport, stateDir: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(root, `${++folders}-`));
    const line = await connect(dir);
    const stateDir = join(dir, "state");
    const wired = wire(stateDir, [tempHigh], [board("b1", line.path)],
      { ...options, ...(line.binding === undefined ? {} : { binding: line.binding }) });
    try {
      await waitFor("b1 open", isOpen(wired));
      await body(wired, line, stateDir);
    } finally {
      await wired.stop();
      await line.dispose();
    }
  }

  describe(`serial peripheral source over ${name}`, () => {
    test("lines start runs with the signal's value as payload, and the runs are on disk", async () => {
      let stateDir = "";
      await withBoard({}, async (wired, line, dir) => {
        stateDir = dir;
        line.write("temp 31\ntemp 12\r\n");
        line.write('{"signal": "temp", "value": 42}\n');
        await waitFor("3 dispatches", () => wired.dispatched.length === 3);
        assert.deepEqual(wired.dispatched.map((d) => [d.event.source, d.event.topic, d.event.payload, d.results[0]?.kind]),
          [["peripheral", "b1/temp", "31", "started"], ["peripheral", "b1/temp", "12", "no_match"],
            ["peripheral", "b1/temp", "42", "started"]]);
        assert.deepEqual(startedEvents(wired), [{ topic: "b1/temp", payload: "31" }, { topic: "b1/temp", payload: "42" }]);
        assert.ok(wired.logs.some((text) => /^warn: SOP headless dispatch: run .* \('temp-high'\) ready for step 1/
          .test(text)), wired.logs.join("\n"));
        assert.ok(wired.logs.includes(`info: Peripheral 'b1': opened ${line.path} at 115200 baud`));
      });
      const reopened = openStateStore(stateDir);
      const active = reopened.load().active.map((stored) => stored.run.trigger_event.payload);
      reopened.close();
      assert.deepEqual(active, ["31", "42"]);
    });

    test("a line split over many writes, and many lines in one write, start runs in arrival order", async () => {
      await withBoard({}, async (wired, line) => {
        for (const piece of ["te", "mp", " 3", "5\nte", "mp 36\n"]) {
          line.write(piece);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        line.write(Array.from({ length: 50 }, (_, i) => `temp ${100 + i}\n`).join(""));
        await waitFor("52 runs", () => startedEvents(wired).length === 52);
        // Logged once durable, which is a thread-pool fsync after the runs exist.
        await waitFor("52 logged dispatches", () => wired.dispatched.length === 52);
        const expected = ["35", "36", ...Array.from({ length: 50 }, (_, i) => String(100 + i))];
        assert.deepEqual(startedEvents(wired).map((e) => e.payload), expected);
        assert.deepEqual(wired.dispatched.map((d) => d.event.payload), expected, "logged in arrival order too");
      });
    });

    test("garbage, oversized, blank and non-UTF-8 lines are counted and dropped, and reading goes on", async () => {
      await withBoard({ maxLineBytes: 64, dropWarningIntervalMs: 0 }, async (wired, line) => {
        line.write("{not json\n" + '{"value": 1}\n' + "x".repeat(500) + "\n\n  \r\n");
        line.write(new Uint8Array([0x74, 0x65, 0x6d, 0x70, 0x20, 0xff, 0x33, 0x35, 0x0a])); // "temp \xff35"
        line.write("temp 99\n");
        await waitFor("the good line", () => startedEvents(wired).length === 1);
        await waitFor("both dispatches logged", () => wired.dispatched.length === 2);
        const counters = wired.peripherals.health()["b1"]?.counters;
        assert.deepEqual({ lines: counters?.lines, dispatched: counters?.dispatched, blank: counters?.blank,
          invalid: counters?.invalid, oversized: counters?.oversized, notUtf8: counters?.notUtf8 },
        { lines: 6, dispatched: 2, blank: 2, invalid: 2, oversized: 1, notUtf8: 1 });
        assert.deepEqual(wired.dispatched.map((d) => d.event.payload), ["\ufffd35", "99"]);
        assert.deepEqual(startedEvents(wired), [{ topic: "b1/temp", payload: "99" }]);
        assert.deepEqual(wired.logs.filter((text) => text.includes("dropped a line")), [
          `warn: Peripheral 'b1': dropped a line: not valid JSON: "{not json"`,
          `warn: Peripheral 'b1': dropped a line: "signal" is missing or not a string in "{\\"value\\": 1}"`,
          "warn: Peripheral 'b1': dropped a line: line of 500 bytes is longer than 64 bytes",
        ]);
        assert.equal(wired.peripherals.health()["b1"]?.state, "open");
      });
    });

    test("dropped-line warnings are limited to one per interval, and say how many were dropped quietly", async () => {
      let now = 0;
      await withBoard({ dropWarningIntervalMs: 10_000, now: () => now }, async (wired, line) => {
        const invalid = (count: number) => () => wired.peripherals.health()["b1"]?.counters.invalid === count;
        line.write("{1\n{2\n{3\n");
        await waitFor("3 dropped lines", invalid(3));
        now = 10_000;
        line.write("{4\n");
        await waitFor("4 dropped lines", invalid(4));
        assert.deepEqual(wired.logs.filter((text) => text.includes("dropped a line")), [
          `warn: Peripheral 'b1': dropped a line: not valid JSON: "{1"`,
          `warn: Peripheral 'b1': dropped a line: not valid JSON: "{4" (2 more dropped since the last warning)`,
        ]);
      });
    });

    test("stop() closes the device and reports the board stopped", async () => {
      let wiredRef: Wired | undefined;
      await withBoard({}, async (wired) => {
        wiredRef = wired;
      });
      assert.equal(wiredRef?.peripherals.health()["b1"]?.state, "stopped");
      assert.equal(wiredRef?.peripherals.health()["b1"]?.openedAt, null);
    });
  });
}
