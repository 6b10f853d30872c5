import assert from "node:assert/strict";
import { test } from "node:test";
import * as texts from "../../../src/io/serial/serial-texts.ts";

test("serial texts are pinned", () => {
  assert.equal(texts.opened("b1", "/dev/ttyUSB0", 115200), "Peripheral 'b1': opened /dev/ttyUSB0 at 115200 baud");
  assert.equal(texts.openFailed("b1", "/dev/ttyUSB0", "no such file or directory", 2_000),
    "Peripheral 'b1': cannot open /dev/ttyUSB0: no such file or directory; retrying in 2 s");
  assert.equal(texts.disconnected("b1", "/dev/ttyUSB0", "end of file", 60_000),
    "Peripheral 'b1': /dev/ttyUSB0 disconnected: end of file; reopening in 60 s");
  assert.equal(texts.disconnected("b1", "/x", "EIO", 250), "Peripheral 'b1': /x disconnected: EIO; reopening in 250 ms");
  assert.equal(texts.droppedLine("b1", "bad", 0), "Peripheral 'b1': dropped a line: bad");
  assert.equal(texts.droppedLine("b1", "bad", 3),
    "Peripheral 'b1': dropped a line: bad (3 more dropped since the last warning)");
  assert.equal(texts.oversized(70_000, 65_536), "line of 70000 bytes is longer than 65536 bytes");
  assert.equal(texts.partial(6), "incomplete line of 6 bytes at disconnect");
  assert.equal(texts.dispatchFailed("b1", "b1/temp", "boom"), "Peripheral 'b1': dispatch of 'b1/temp' failed: boom");
  assert.equal(texts.storeFailed("b1", "disk I/O error"),
    "Peripheral 'b1': the state store failed, reading stopped: disk I/O error");
  assert.equal(texts.badBoard("peripherals.boards[0]", `"board" is missing or empty`),
    `Peripheral 'peripherals.boards[0]': not started: "board" is missing or empty`);
});
