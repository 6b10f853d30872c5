import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createLockout } from "../../../src/io/http/lockout.ts";

describe("createLockout()", () => {
  test("the fifth failure starts a 300 s lockout; the remaining whole seconds count down to at least 1", () => {
    const lockout = createLockout();
    for (let i = 0; i < 4; i++) lockout.fail("c", 0);
    assert.equal(lockout.remainingSecs("c", 0), undefined);
    lockout.fail("c", 1_000);
    assert.equal(lockout.remainingSecs("c", 1_000), 300);
    assert.equal(lockout.remainingSecs("c", 1_999), 300);
    assert.equal(lockout.remainingSecs("c", 2_000), 299);
    assert.equal(lockout.remainingSecs("c", 300_999), 1);
  });

  test("an expired lockout is forgotten, so counting restarts at 0", () => {
    const lockout = createLockout();
    for (let i = 0; i < 5; i++) lockout.fail("c", 0);
    assert.equal(lockout.remainingSecs("c", 300_000), undefined);
    for (let i = 0; i < 4; i++) lockout.fail("c", 300_000);
    assert.equal(lockout.remainingSecs("c", 300_000), undefined, "four failures do not lock");
  });

  test("a success forgets only the requesting client's failures", () => {
    const lockout = createLockout();
    for (let i = 0; i < 4; i++) {
      lockout.fail("a", 0);
      lockout.fail("b", 0);
    }
    lockout.succeed("a");
    lockout.fail("a", 0);
    lockout.fail("b", 0);
    assert.equal(lockout.remainingSecs("a", 0), undefined);
    assert.equal(lockout.remainingSecs("b", 0), 300);
  });

  test("entries idle for 900 s are pruned, so old failures do not add up", () => {
    const lockout = createLockout();
    for (let i = 0; i < 4; i++) lockout.fail("c", 0);
    lockout.fail("other", 900_000); // a sweep runs: c has been idle 900 s
    lockout.fail("c", 900_000);
    assert.equal(lockout.remainingSecs("c", 900_000), undefined);
  });
});
