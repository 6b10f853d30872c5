import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { failureText } from "../../../src/io/mqtt/mqtt-failure.ts";

describe("failureText()", () => {
  test("failureText() is the message, or the parts of an empty AggregateError, or the code", () => {
    assert.equal(failureText(new Error("connect ECONNREFUSED 127.0.0.1:1")), "connect ECONNREFUSED 127.0.0.1:1");
    assert.equal(failureText(new AggregateError([new Error("a"), new Error("b"), new Error("a")], "")), "a; b");
    assert.equal(failureText(Object.assign(new Error(""), { code: "ECONNREFUSED" })), "ECONNREFUSED");
    assert.equal(failureText("plain"), "plain");
  });
});
