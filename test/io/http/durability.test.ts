// createDurability() over a store whose durable() is given: the commit outcome is the only thing it reads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createDurability } from "../../../src/io/http/durability.ts";

function setup(durable: () => Promise<void>) {
  const fatal: Error[] = [];
  const errors: string[] = [];
  const durability = createDurability({ durable }, (error) => fatal.push(error), { error: (m) => errors.push(m) });
  return { durability, fatal, errors };
}

describe("createDurability()", () => {
  test("commit() answers the work's response once the store is durable", async () => {
    let flushed = false;
    const { durability } = setup(async () => void (flushed = true));
    const response = await durability.commit(() => new Response("ok", { status: 202 }));
    assert.equal(response.status, 202);
    assert.equal(flushed, true);
  });

  test("commit() answers 500 and tells onFatal once when the commit fails; failed stays true", async () => {
    const { durability, fatal, errors } = setup(() => Promise.reject(new Error("disk full")));
    const first = await durability.commit(() => new Response("ok"));
    assert.equal(first.status, 500);
    assert.equal(await first.text(), '{"error":"Internal server error"}');
    assert.equal(durability.failed, true);
    assert.equal(await durability.settle(), false);
    assert.deepEqual(fatal.map((e) => e.message), ["disk full"]);
    assert.equal(errors.length, 1);
  });

  test("commit() turns an exception in the work into a 500 and still waits for the commit", async () => {
    let flushed = false;
    const { durability, fatal, errors } = setup(async () => void (flushed = true));
    const response = await durability.commit(() => {
      throw new Error("bug");
    });
    assert.equal(response.status, 500);
    assert.equal(flushed, true);
    assert.deepEqual(fatal, []);
    assert.match(errors[0] ?? "", /bug/);
  });
});
