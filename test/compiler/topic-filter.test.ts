import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkTopicFilter, topicMatches } from "../../src/compiler/topic-filter.ts";

describe("checkTopicFilter()", () => {
  test("checkTopicFilter() returns the levels of a well-formed filter, empty levels kept", () => {
    assert.deepEqual(checkTopicFilter("site/+/temp"), { ok: true, value: ["site", "+", "temp"] });
    assert.deepEqual(checkTopicFilter("site/#"), { ok: true, value: ["site", "#"] });
    assert.deepEqual(checkTopicFilter("#"), { ok: true, value: ["#"] });
    assert.deepEqual(checkTopicFilter("+"), { ok: true, value: ["+"] });
    assert.deepEqual(checkTopicFilter("a/"), { ok: true, value: ["a", ""] });
    assert.deepEqual(checkTopicFilter("/"), { ok: true, value: ["", ""] });
    assert.deepEqual(checkTopicFilter("$SYS/+/#"), { ok: true, value: ["$SYS", "+", "#"] });
    assert.deepEqual(checkTopicFilter(" "), { ok: true, value: [" "] });
  });

  test("checkTopicFilter() rejects an empty filter", () => {
    assert.deepEqual(checkTopicFilter(""), { ok: false, message: "empty filter", column: 1 });
  });

  test("checkTopicFilter() rejects # before the last level", () => {
    assert.deepEqual(checkTopicFilter("#/a"), { ok: false, message: '"#" must be the last level', column: 1 });
    assert.deepEqual(checkTopicFilter("a/#/b"), { ok: false, message: '"#" must be the last level', column: 3 });
  });

  test("checkTopicFilter() rejects # or + sharing a level", () => {
    assert.deepEqual(checkTopicFilter("a/b#"), { ok: false, message: '"#" must occupy a whole level', column: 4 });
    assert.deepEqual(checkTopicFilter("##"), { ok: false, message: '"#" must occupy a whole level', column: 1 });
    assert.deepEqual(checkTopicFilter("a/x+/b"), { ok: false, message: '"+" must occupy a whole level', column: 4 });
    assert.deepEqual(checkTopicFilter("a/++"), { ok: false, message: '"+" must occupy a whole level', column: 3 });
  });

  test("checkTopicFilter() reports the first problem from the left", () => {
    assert.deepEqual(checkTopicFilter("a+/#/b"), { ok: false, message: '"+" must occupy a whole level', column: 2 });
  });
});

describe("topicMatches()", () => {
  test("topicMatches() lets + take exactly one level", () => {
    assert.equal(topicMatches("site/+/temp", "site/boiler/temp"), true);
    assert.equal(topicMatches("site/+/temp", "site/boiler/flow"), false);
    assert.equal(topicMatches("site/+/temp", "site/temp"), false);
    assert.equal(topicMatches("site/+/temp", "site/a/b/temp"), false);
    assert.equal(topicMatches("+/+", "x/y/z"), false);
    assert.equal(topicMatches("+/+", "x/y"), true);
  });

  test("topicMatches() lets # take the rest", () => {
    assert.equal(topicMatches("site/#", "site/boiler"), true);
    assert.equal(topicMatches("site/#", "site/boiler/1/temp"), true);
    assert.equal(topicMatches("site/#", "other/boiler"), false);
    assert.equal(topicMatches("#", "anything/at/all"), true);
  });

  test("topicMatches() lets a/# match a (D11)", () => {
    assert.equal(topicMatches("site/#", "site"), true);
    assert.equal(topicMatches("a/b/#", "a/b"), true);
    assert.equal(topicMatches("a/b/#", "a"), false);
    assert.equal(topicMatches("a/+/#", "a"), false);
  });

  test("topicMatches() has no special case for $ topics", () => {
    assert.equal(topicMatches("#", "$SYS/x"), true);
    assert.equal(topicMatches("+/x", "$SYS/x"), true);
  });

  test("topicMatches() keeps empty levels", () => {
    assert.equal(topicMatches("a/+", "a/"), true);
    assert.equal(topicMatches("a", "a/"), false);
    assert.equal(topicMatches("+/a", "/a"), true);
    assert.equal(topicMatches("/a", "/a"), true);
    assert.equal(topicMatches("a/", "a/"), true);
    assert.equal(topicMatches("+", ""), true);
    assert.equal(topicMatches("#", ""), true);
    assert.equal(topicMatches("", ""), true);
    assert.equal(topicMatches("", "a"), false);
    assert.equal(topicMatches("a//b", "a//b"), true);
    assert.equal(topicMatches("a/+/b", "a//b"), true);
    assert.equal(topicMatches("+/+", "/"), true);
  });

  test("topicMatches() is case-sensitive and exact", () => {
    assert.equal(topicMatches("Site/temp", "site/temp"), false);
    assert.equal(topicMatches("site/temp", "site/temp "), false);
    assert.equal(topicMatches("site/temp", "site/temp"), true);
  });

  test("topicMatches() walks malformed filters the same way", () => {
    assert.equal(topicMatches("a/#/b", "a/x"), true); // `#` reached with a level left: true at once
    assert.equal(topicMatches("a/#/b", "a/x/y/z"), true);
    assert.equal(topicMatches("a/#/b", "a"), false); // topic used up, and more than a lone `#` is left
    assert.equal(topicMatches("#/a", "b"), true);
    assert.equal(topicMatches("a+b", "a+b"), true);
    assert.equal(topicMatches("a+b", "axb"), false);
    assert.equal(topicMatches("a#", "a#"), true);
    assert.equal(topicMatches("a#", "a/b"), false);
  });

  test("topicMatches() handles nasty input", () => {
    const deep = Array.from({ length: 100_000 }, (_, i) => `l${i % 7}`).join("/");
    assert.equal(topicMatches("#", deep), true);
    assert.equal(topicMatches("l0/l1/#", deep), true);
    assert.equal(topicMatches(deep, deep), true);
    assert.equal(topicMatches(deep.replaceAll("l3", "+"), deep), true);
    assert.equal(topicMatches(`${deep}/x`, deep), false);
    const huge = "x".repeat(5_000_000);
    assert.equal(topicMatches(huge, huge), true);
    assert.equal(topicMatches("+", huge), true);
    assert.equal(topicMatches("a\u0000b/+", "a\u0000b/\u0000"), true);
    assert.equal(topicMatches("a\u0000b", "a\u0000c"), false);
    assert.equal(checkTopicFilter("a\u0000b").ok, true);
    assert.equal(checkTopicFilter(deep).ok, true);
  });
});
