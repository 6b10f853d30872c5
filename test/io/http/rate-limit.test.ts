import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createRateLimiter } from "../../../src/io/http/rate-limit.ts";

describe("createRateLimiter()", () => {
  test("allow() admits `limit` requests in 60 s and denies the next one", () => {
    const limiter = createRateLimiter(3, 100);
    assert.deepEqual([0, 1, 2, 3].map((t) => limiter.allow("a", t)), [true, true, true, false]);
    assert.equal(limiter.allow("b", 3), true, "keys have their own budgets");
  });

  test("allow() keeps only times strictly newer than now − 60 s", () => {
    const limiter = createRateLimiter(1, 100);
    assert.equal(limiter.allow("a", 1_000), true);
    assert.equal(limiter.allow("a", 60_999), false);
    assert.equal(limiter.allow("a", 61_000), true, "the request at exactly the cutoff has left the window");
  });

  test("a denial records nothing, so it does not extend the window", () => {
    const limiter = createRateLimiter(1, 100);
    limiter.allow("a", 0);
    for (let t = 1_000; t < 60_000; t += 1_000) assert.equal(limiter.allow("a", t), false);
    assert.equal(limiter.allow("a", 60_000), true);
  });

  test("a limit of 0 disables the limiter", () => {
    const limiter = createRateLimiter(0, 1);
    for (let i = 0; i < 1_000; i++) assert.equal(limiter.allow(`k${i}`, 0), true);
  });

  test("a full limiter first drops stale keys, then evicts the key whose newest request is the oldest", () => {
    const limiter = createRateLimiter(1, 2);
    limiter.allow("a", 0);
    limiter.allow("b", 10);
    limiter.allow("c", 20); // full: a (newest 0) is evicted, its budget forgotten
    assert.equal(limiter.allow("a", 30), true, "a starts over, evicting b (newest 10, older than c's 20)");
    assert.equal(limiter.allow("c", 40), false, "c was kept");
    assert.equal(limiter.allow("b", 50), true, "b was evicted");
  });

  test("eviction ties break by insertion order", () => {
    const limiter = createRateLimiter(1, 2);
    limiter.allow("first", 5);
    limiter.allow("second", 5);
    limiter.allow("third", 6);
    assert.equal(limiter.allow("second", 7), false, "second kept");
    assert.equal(limiter.allow("first", 8), true, "first evicted");
  });

  test("stale keys are dropped before anyone is evicted", () => {
    const limiter = createRateLimiter(1, 2);
    limiter.allow("old", 0);
    limiter.allow("fresh", 70_000);
    limiter.allow("new", 70_001); // old is stale at cutoff 10_001, so fresh survives
    assert.equal(limiter.allow("fresh", 70_002), false);
  });

  test("maxKeys 0 means 10,000 keys", () => {
    const limiter = createRateLimiter(1, 0);
    for (let i = 0; i < 10_000; i++) limiter.allow(`k${i}`, 1);
    assert.equal(limiter.allow("k0", 2), false, "the first key is still held");
    limiter.allow("extra", 3);
    assert.equal(limiter.allow("k0", 4), true, "the 10,001st key evicted the oldest");
  });
});
