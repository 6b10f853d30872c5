// The serial peripheral source over @serialport/binding-mock: the shared cases, then what is easiest to arrange
// without a device: config entries that cannot start, and a state store that fails.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { createRequire } from "node:module";
import type { SerialBinding, SerialBindingPort } from "../../../src/io/serial/serial-binding.ts";
import { isOpen, runPeripheralSourceCases, tempHigh, type Transport } from "./peripheral-source.case.ts";
import { board, startedEvents, wire } from "./serial-fixture.ts";
import { waitFor } from "./wait-for.ts";

/** The part of @serialport/binding-mock 10.2.2 used here. */
interface MockBindingApi extends SerialBinding {
  createPort(path: string, options: { echo: boolean; record: boolean }): void;
  open(options: Parameters<SerialBinding["open"]>[0]): Promise<SerialBindingPort & { emitData(data: Buffer): void }>;
  reset(): void;
}

// Loaded with require: the package's `exports` map has no `types` condition, so tsc cannot see its declarations
// (Deno can, and would then reject a local `declare module`).
const { MockBinding } = createRequire(import.meta.url)("@serialport/binding-mock") as { MockBinding: MockBindingApi };

/** A mock port at `path`, with the binding that opens it and a writer into the opened port. */
function mockLine(path: string): Transport {
  MockBinding.createPort(path, { echo: false, record: false });
  let port: Awaited<ReturnType<MockBindingApi["open"]>> | undefined;
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    open: async (options) => (port = await MockBinding.open(options)),
  };
  return {
    path, binding,
    write(data) {
      if (port === undefined) throw new Error(`${path} is not open`);
      port.emitData(Buffer.from(data));
    },
    dispose: () => Promise.resolve(MockBinding.reset()),
  };
}

runPeripheralSourceCases("@serialport/binding-mock", (dir) => Promise.resolve(mockLine(join(dir, "mock-tty"))));

const root = mkdtempSync(join(tmpdir(), "zeroclaw-serial-mock-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("serial peripheral source over @serialport/binding-mock: entries and store failures", () => {
  test("entries that cannot start are failed in health and logged; the other boards run", async () => {
    const dir = mkdtempSync(join(root, "config-"));
    const line = mockLine("/dev/mock-b1");
    const wired = wire(join(dir, "state"), [tempHigh], [
      { transport: "serial", path: "/dev/x", baud: 9600 },
      { board: "b2", transport: "serial", baud: 9600 },
      { board: "b3", transport: "serial", path: "/dev/x", baud: 0 },
      board("b1", line.path),
      board("b1", "/dev/other"),
    ], { ...(line.binding === undefined ? {} : { binding: line.binding }) });
    try {
      await waitFor("b1 open", isOpen(wired));
      const health = wired.peripherals.health();
      assert.deepEqual(Object.keys(health), ["b1", "peripherals.boards[0]", "peripherals.boards[1]",
        "peripherals.boards[2]", "peripherals.boards[4]"]);
      assert.deepEqual(Object.values(health).map((h) => [h.state, h.lastError]), [
        ["open", null],
        ["failed", `"board" is missing or empty`],
        ["failed", `"path" is missing or empty for board "b2"`],
        ["failed", `"baud" must be greater than 0 for board "b3"`],
        ["failed", `board "b1" is configured twice; its topics would be indistinguishable`],
      ]);
      assert.ok(wired.logs.includes(`error: Peripheral 'peripherals.boards[0]': not started: "board" is missing or empty`));
      line.write("temp 31\n");
      await waitFor("a run", () => startedEvents(wired).length === 1);
    } finally {
      await wired.stop();
      await line.dispose();
    }
  });

  test("a state store that cannot commit stops the board for good: nothing more is dispatched", async () => {
    const dir = mkdtempSync(join(root, "store-"));
    const line = mockLine("/dev/mock-b1");
    let failing = false;
    const wired = wire(join(dir, "state"), [tempHigh], [board("b1", line.path)],
      { ...(line.binding === undefined ? {} : { binding: line.binding }) });
    const durable = wired.store.durable.bind(wired.store);
    (wired.store as { durable: () => Promise<void> }).durable = () =>
      failing ? Promise.reject(new Error("disk I/O error")) : durable();
    try {
      await waitFor("b1 open", isOpen(wired));
      line.write("temp 31\n");
      await waitFor("the first dispatch", () => wired.dispatched.length === 1);
      failing = true;
      line.write("temp 32\n");
      await waitFor("b1 failed", () => wired.peripherals.health()["b1"]?.state === "failed");
      const health = wired.peripherals.health()["b1"];
      assert.equal(health?.lastError, "disk I/O error");
      assert.equal(health?.counters.errors, 1);
      assert.equal(wired.dispatched.length, 1, "the second dispatch is never reported as done");
      assert.ok(wired.logs.includes("error: Peripheral 'b1': the state store failed, reading stopped: disk I/O error"));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(wired.peripherals.health()["b1"]?.counters.opens, 1, "not reopened");
    } finally {
      await wired.stop();
      await line.dispose();
    }
    assert.equal(wired.peripherals.health()["b1"]?.state, "failed", "stop() keeps the failure visible");
  });
});
