// The serial peripheral source against real ptys (socat) and a real engine over the state database: lines start runs,
// garbage is counted, an unplugged device is reopened when it comes back, a missing path never crashes (fan-in.md §7).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { peripheralsSourceHealth } from "../../../src/io/serial/serial-status.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { startPtyPair, type PtyPair } from "./pty-pair.ts";
import { board, peripheralSop, startedEvents, wire, type Wired } from "./serial-fixture.ts";
import { waitFor } from "./wait-for.ts";

const root = mkdtempSync(join(tmpdir(), "zeroclaw-serial-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = (): string => mkdtempSync(join(root, `${++folders}-`));

const tempHigh = peripheralSop("temp-high", "b1", "temp", "> 30");

const isOpen = (wired: Wired, name = "b1") => () => wired.peripherals.health()[name]?.state === "open";

describe("serial peripherals over a socat pty pair", () => {
  test("lines start runs with the signal's value as payload, and the runs are on disk", async () => {
    const dir = folder();
    const pty = await startPtyPair(dir);
    const wired = wire(join(dir, "state"), [tempHigh], [board("b1", pty.device)]);
    try {
      await waitFor("b1 open", isOpen(wired));
      pty.write("temp 31\ntemp 12\r\n");
      pty.write('{"signal": "temp", "value": 42}\n');
      await waitFor("3 dispatches", () => wired.dispatched.length === 3);
      assert.deepEqual(wired.dispatched.map((d) => [d.event.topic, d.event.payload, d.results[0]?.kind]),
        [["b1/temp", "31", "started"], ["b1/temp", "12", "no_match"], ["b1/temp", "42", "started"]]);
      assert.deepEqual(startedEvents(wired), [{ topic: "b1/temp", payload: "31" }, { topic: "b1/temp", payload: "42" }]);
      assert.ok(wired.logs.some((line) => /^warn: SOP headless dispatch: run .* \('temp-high'\) ready for step 1/
        .test(line)), wired.logs.join("\n"));
      assert.ok(wired.logs.includes(`info: Peripheral 'b1': opened ${pty.device} at 115200 baud`));
    } finally {
      await wired.stop();
      await pty.dispose();
    }
    const reopened = openStateStore(join(dir, "state"));
    const active = reopened.load().active.map((stored) => stored.run.trigger_event.payload);
    reopened.close();
    assert.deepEqual(active, ["31", "42"]);
  });

  test("garbage, oversized, blank and non-UTF-8 lines are counted and dropped, and reading goes on", async () => {
    const dir = folder();
    const pty = await startPtyPair(dir);
    const wired = wire(join(dir, "state"), [tempHigh], [board("b1", pty.device)],
      { maxLineBytes: 64, dropWarningIntervalMs: 0 });
    try {
      await waitFor("b1 open", isOpen(wired));
      pty.write("{not json\n" + '{"value": 1}\n' + "x".repeat(500) + "\n\n  \r\n");
      pty.write(new Uint8Array([0x74, 0x65, 0x6d, 0x70, 0x20, 0xff, 0x33, 0x35, 0x0a])); // "temp \xff35"
      pty.write("temp 99\n");
      await waitFor("the good line", () => startedEvents(wired).length === 1);
      const counters = wired.peripherals.health()["b1"]?.counters;
      assert.deepEqual({ lines: counters?.lines, dispatched: counters?.dispatched, blank: counters?.blank,
        invalid: counters?.invalid, oversized: counters?.oversized, notUtf8: counters?.notUtf8 },
      { lines: 6, dispatched: 2, blank: 2, invalid: 2, oversized: 1, notUtf8: 1 });
      assert.deepEqual(wired.dispatched.map((d) => d.event.payload), ["\ufffd35", "99"]);
      assert.deepEqual(startedEvents(wired), [{ topic: "b1/temp", payload: "99" }]);
      assert.deepEqual(wired.logs.filter((line) => line.includes("dropped a line")), [
        `warn: Peripheral 'b1': dropped a line: not valid JSON: "{not json"`,
        `warn: Peripheral 'b1': dropped a line: "signal" is missing or not a string in "{\\"value\\": 1}"`,
        "warn: Peripheral 'b1': dropped a line: line of 500 bytes is longer than 64 bytes",
      ]);
      assert.equal(wired.peripherals.health()["b1"]?.state, "open");
    } finally {
      await wired.stop();
      await pty.dispose();
    }
  });

  test("unplugged, the device is reopened when it comes back, and lines go on starting runs", async () => {
    const dir = folder();
    const pty = await startPtyPair(dir);
    const wired = wire(join(dir, "state"), [tempHigh], [board("b1", pty.device)]);
    try {
      await waitFor("b1 open", isOpen(wired));
      pty.write("temp 40\ntemp 4");
      await waitFor("the first run", () => startedEvents(wired).length === 1);
      await pty.unplug();
      await waitFor("b1 reopening", () => wired.peripherals.health()["b1"]?.state === "reopening");
      const unplugged = wired.peripherals.health()["b1"];
      assert.equal(unplugged?.counters.disconnects, 1);
      assert.equal(unplugged?.counters.partial, 1, "the unfinished `temp 4` is lost, and counted");
      assert.notEqual(unplugged?.lastError, null);
      assert.deepEqual(peripheralsSourceHealth(wired.peripherals.health())["b1"]?.status, "error");
      await waitFor("failed reopen attempts", () => (wired.peripherals.health()["b1"]?.counters.openFailures ?? 0) >= 2);
      assert.equal(wired.peripherals.health()["b1"]?.lastError, "no such file or directory");

      await pty.replug();
      await waitFor("b1 open again", isOpen(wired));
      assert.equal(wired.peripherals.health()["b1"]?.counters.opens, 2);
      assert.deepEqual(peripheralsSourceHealth(wired.peripherals.health()), { b1: { status: "ok" } });
      pty.write("temp 50\n");
      await waitFor("the second run", () => startedEvents(wired).length === 2);
      assert.deepEqual(startedEvents(wired).map((e) => e.payload), ["40", "50"]);
      assert.ok(wired.logs.some((line) => line.startsWith(`warn: Peripheral 'b1': ${pty.device} disconnected: `)),
        wired.logs.join("\n"));
    } finally {
      await wired.stop();
      await pty.dispose();
    }
  });

  test("a path that does not exist yet is retried with backoff and opened once it appears", async () => {
    const dir = folder();
    const device = join(dir, "tty-device");
    const wired = wire(join(dir, "state"), [tempHigh], [board("b1", device)]);
    let pty: PtyPair | undefined;
    try {
      await waitFor("failed attempts", () => (wired.peripherals.health()["b1"]?.counters.openFailures ?? 0) >= 2);
      assert.equal(wired.peripherals.health()["b1"]?.state, "reopening");
      assert.ok(wired.logs.includes(`warn: Peripheral 'b1': cannot open ${device}: no such file or directory; `
        + "retrying in 20 ms"), wired.logs.join("\n"));
      pty = await startPtyPair(dir);
      await waitFor("b1 open", isOpen(wired));
      pty.write("temp 33\n");
      await waitFor("a run", () => startedEvents(wired).length === 1);
    } finally {
      await wired.stop();
      await pty?.dispose();
    }
  });

  test("a path that never exists: health shows the error, nothing crashes, stop() ends the retries", async () => {
    const dir = folder();
    const wired = wire(join(dir, "state"), [tempHigh], [board("ghost", join(dir, "nope"))]);
    await waitFor("failed attempts", () => (wired.peripherals.health()["ghost"]?.counters.openFailures ?? 0) >= 3);
    const health = wired.peripherals.health()["ghost"];
    assert.equal(health?.state, "reopening");
    assert.equal(health?.lastError, "no such file or directory");
    assert.ok(health?.retryAt !== null && health?.retryAt !== undefined);
    assert.deepEqual(peripheralsSourceHealth(wired.peripherals.health()),
      { ghost: { status: "error", error: "no such file or directory" } });
    await wired.stop();
    const stopped = wired.peripherals.health()["ghost"];
    assert.equal(stopped?.state, "stopped");
    const failures = stopped?.counters.openFailures;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(wired.peripherals.health()["ghost"]?.counters.openFailures, failures, "no attempt after stop()");
  });

  test("a path that is not a tty: stty's refusal is the error", async () => {
    const dir = folder();
    const file = join(dir, "plain-file");
    writeFileSync(file, "temp 99\n");
    const wired = wire(join(dir, "state"), [tempHigh], [board("b1", file)]);
    try {
      await waitFor("a failed attempt", () => (wired.peripherals.health()["b1"]?.counters.openFailures ?? 0) >= 1);
      assert.match(wired.peripherals.health()["b1"]?.lastError ?? "", /^stty: .*plain-file: Inappropriate ioctl/);
      assert.deepEqual(startedEvents(wired), []);
    } finally {
      await wired.stop();
    }
  });
});
