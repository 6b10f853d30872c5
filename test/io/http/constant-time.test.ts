import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { constantTimeEqual, sha256Hex } from "../../../src/io/http/constant-time.ts";

describe("constantTimeEqual()", () => {
  test("constantTimeEqual() is true only for equal bytes and lengths", () => {
    assert.equal(constantTimeEqual("123456", "123456"), true);
    assert.equal(constantTimeEqual("123456", "123457"), false);
    assert.equal(constantTimeEqual("", ""), true);
  });

  test("constantTimeEqual() pads the shorter input with zero bytes, so a NUL suffix still differs by length", () => {
    assert.equal(constantTimeEqual("abc", "abc\u0000"), false);
    assert.equal(constantTimeEqual("abc\u0000", "abc"), false);
    assert.equal(constantTimeEqual("", "a"), false);
  });

  test("constantTimeEqual() compares UTF-8 bytes", () => {
    assert.equal(constantTimeEqual("é", "é"), true);
    assert.equal(constantTimeEqual("é", "e"), false);
  });
});

test("sha256Hex() is lowercase hex of the UTF-8 bytes", () => {
  assert.equal(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});
