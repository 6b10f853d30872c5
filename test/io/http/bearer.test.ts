import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bearerToken, createTokens, visibleAscii } from "../../../src/io/http/bearer.ts";
import { sha256Hex } from "../../../src/io/http/constant-time.ts";

const auth = (value: string) => new Headers({ authorization: value });

describe("bearerToken()", () => {
  test("bearerToken() takes the text after exactly `Bearer `, untrimmed", () => {
    assert.equal(bearerToken(auth("Bearer zc_abc")), "zc_abc");
    assert.equal(bearerToken(auth("Bearer  zc_abc")), " zc_abc");
  });

  test("bearerToken() is empty for any other form", () => {
    for (const value of ["bearer zc_abc", "Basic x", "Bearer", "BearerX", "zc_abc"]) {
      assert.equal(bearerToken(auth(value)), "", value);
    }
    assert.equal(bearerToken(new Headers()), "");
  });
});

test("visibleAscii() keeps visible ASCII, tabs and spaces, and empties anything else", () => {
  assert.equal(visibleAscii("a b\tc~"), "a b\tc~");
  assert.equal(visibleAscii("caf\u00e9"), "");
  assert.equal(visibleAscii(null), "");
});

describe("createTokens()", () => {
  const digest = sha256Hex("plain-token");

  test("config tokens of 64 hex characters are digests; others are plaintext, hashed when loaded", () => {
    const upper = sha256Hex("zc_other").toUpperCase();
    const tokens = createTokens(true, ["plain-token", upper], []);
    assert.equal(tokens.authorized(auth("Bearer plain-token")), true);
    assert.equal(tokens.authorized(auth("Bearer zc_other")), true);
    assert.equal(tokens.authorized(auth(`Bearer ${digest}`)), false, "a digest is not a token");
  });

  test("stored digests and added ones are accepted; any() says whether a token exists", () => {
    const tokens = createTokens(true, [], [digest]);
    assert.equal(tokens.any(), true);
    assert.equal(tokens.authorized(auth("Bearer plain-token")), true);
    const none = createTokens(true, [], []);
    assert.equal(none.any(), false);
    none.add(sha256Hex("zc_new"));
    assert.equal(none.authorized(auth("Bearer zc_new")), true);
    assert.equal(none.authorized(auth("Bearer zc_wrong")), false);
  });

  test("without require_pairing every token passes, the empty one included", () => {
    const tokens = createTokens(false, [], []);
    assert.equal(tokens.authorized(new Headers()), true);
    assert.equal(tokens.authorized(auth("Bearer anything")), true);
  });
});
