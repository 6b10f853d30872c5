// The serial peripheral source against real ptys (socat) through TtyBinding and a real engine over the state database:
// the shared cases, then what only a real device does: an unplugged device is reopened when it comes back, a missing
// path never crashes, a file that is not a tty is refused by stty (fan-in.md §7).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { peripheralsSourceHealth } from "../../../src/io/serial/serial-status.ts";
import { startPtyPair, type PtyPair } from "./pty-pair.ts";
import { isOpen, runPeripheralSourceCases, tempHigh } from "./peripheral-source.case.ts";
import { board, startedEvents, wire } from "./serial-fixture.ts";
import { waitFor } from "./wait-for.ts";

const root = mkdtempSync(join(tmpdir(), "zeroclaw-serial-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = (): string => mkdtempSync(join(root, `${++folders}-`));

runPeripheralSourceCases("a socat pty pair", async (dir) => {
  const pty = await startPtyPair(dir);
  return { path: pty.device, write: (data) => pty.write(data), dispose: () => pty.dispose() };
});

describe("serial peripherals over a socat pty pair", () => {
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
