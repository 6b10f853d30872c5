import assert from "node:assert/strict";
import { test } from "node:test";
import { bindRefusal } from "../../../src/io/http/bind-guard.ts";

test("bindRefusal() lets the loopback spellings through", () => {
  for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1"]) {
    assert.equal(bindRefusal(host, false), undefined, host);
  }
});

test("bindRefusal() refuses 0.0.0.0 and LAN addresses unless allow_public_bind", () => {
  for (const host of ["0.0.0.0", "192.168.1.10", "::", "example.com"]) {
    assert.equal(
      bindRefusal(host, false),
      `Refusing to bind to public address ${host}: set [gateway] allow_public_bind = true to allow it`,
    );
    assert.equal(bindRefusal(host, true), undefined);
  }
});
