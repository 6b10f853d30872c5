import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { TopicIndex } from "../../src/compiler/topic-index.ts";
import { topicMatches } from "../../src/compiler/topic-filter.ts";
import { prng } from "../seeded-random.ts";

function indexOf(filters: readonly string[]): TopicIndex<string> {
  const index = new TopicIndex<string>();
  for (const filter of filters) index.add(filter, filter);
  return index;
}


function randomPath(random: () => number, alphabet: readonly string[], maxLevels: number): string {
  const count = 1 + Math.floor(random() * maxLevels);
  const levels: string[] = [];
  for (let i = 0; i < count; i++) levels.push(alphabet[Math.floor(random() * alphabet.length)]!);
  return levels.join("/");
}

describe("TopicIndex", () => {
  test("match() finds the spec examples", () => {
    const index = indexOf(["site/+/temp", "site/#", "+/+", "#", "other"]);
    assert.deepEqual(index.match("site/boiler/temp"), ["site/+/temp", "site/#", "#"]);
    assert.deepEqual(index.match("site/boiler/flow"), ["site/#", "#"]);
    assert.deepEqual(index.match("site"), ["site/#", "#"]);
    assert.deepEqual(index.match("site/boiler"), ["site/#", "+/+", "#"]);
    assert.deepEqual(index.match("site/boiler/1/temp"), ["site/#", "#"]);
    assert.deepEqual(index.match("x/y/z"), ["#"]);
    assert.deepEqual(index.match("$SYS/x"), ["+/+", "#"]);
    assert.deepEqual(index.match("Other"), ["#"]);
  });

  test("match() keeps empty levels", () => {
    const index = indexOf(["a/", "/a", "", "+", "a/+", "+/+", "a"]);
    assert.deepEqual(index.match("a/"), ["a/", "a/+", "+/+"]);
    assert.deepEqual(index.match("/a"), ["/a", "+/+"]);
    assert.deepEqual(index.match(""), ["", "+"]);
    assert.deepEqual(index.match("a"), ["+", "a"]);
  });

  test("match() returns values in insertion order, once per matching filter", () => {
    const index = new TopicIndex<number>();
    index.add("#", 1);
    index.add("a/b", 2);
    index.add("+/b", 3);
    index.add("a/#", 4);
    index.add("a/b", 2);
    assert.deepEqual(index.match("a/b"), [1, 2, 3, 4, 2]);
    assert.deepEqual(index.match("c/d"), [1]);
  });

  test("match() appends to out and returns it", () => {
    const index = indexOf(["a/+"]);
    const out = ["kept"];
    assert.equal(index.match("a/b", out), out);
    assert.deepEqual(out, ["kept", "a/+"]);
    assert.deepEqual(index.match("a/c", []), ["a/+"]);
  });

  test("match() walks malformed filters like topicMatches()", () => {
    const index = indexOf(["a/#/b", "#/x", "a+b", "a#", "a/+/#/+"]);
    assert.deepEqual(index.match("a"), ["#/x"]);
    assert.deepEqual(index.match("a/x"), ["a/#/b", "#/x"]);
    assert.deepEqual(index.match("a/x/y"), ["a/#/b", "#/x", "a/+/#/+"]);
    assert.deepEqual(index.match("a+b"), ["#/x", "a+b"]);
    assert.deepEqual(index.match("a#"), ["#/x", "a#"]);
  });

  test("match() agrees with topicMatches() on 500,000 random pairs", () => {
    const random = prng(0x5eed);
    const filterLevels = ["a", "b", "", "+", "#", "+", "#", "a+", "b#", "A", "$SYS"];
    const topicLevels = ["a", "b", "", "+", "#", "a+", "b#", "A", "$SYS"];
    let pairs = 0;
    let hits = 0;
    for (let round = 0; round < 50; round++) {
      const filters = Array.from({ length: 100 }, () => randomPath(random, filterLevels, 5));
      const index = new TopicIndex<number>();
      filters.forEach((filter, i) => index.add(filter, i));
      for (let t = 0; t < 100; t++) {
        const topic = randomPath(random, topicLevels, 6);
        const expected = filters.flatMap((filter, i) => (topicMatches(filter, topic) ? [i] : []));
        assert.deepEqual(index.match(topic), expected, `topic ${JSON.stringify(topic)}`);
        pairs += filters.length;
        hits += expected.length;
      }
    }
    assert.equal(pairs, 500_000);
    assert.ok(hits > 10_000 && hits < 490_000, `a useful mix of matches and misses (${hits})`);
  });

  test("match() handles 100,000-level topics and filters without recursion", () => {
    const deep = Array.from({ length: 100_000 }, (_, i) => `l${i % 7}`).join("/");
    const plusses = Array.from({ length: 100_000 }, () => "+").join("/");
    const index = indexOf(["#", "l0/#", deep, plusses, `${deep}/#`, "l0/l1"]);
    assert.deepEqual(index.match(deep), ["#", "l0/#", deep, plusses, `${deep}/#`]);
    assert.deepEqual(index.match(`${deep}/x`), ["#", "l0/#", `${deep}/#`]);
    assert.deepEqual(index.match("l0/l1"), ["#", "l0/#", "l0/l1"]);
  });

  test("match() handles huge levels and NUL", () => {
    const huge = "x".repeat(5_000_000);
    const index = indexOf([huge, "+", "a\u0000b/#"]);
    assert.deepEqual(index.match(huge), [huge, "+"]);
    assert.deepEqual(index.match("a\u0000b"), ["+", "a\u0000b/#"]);
    assert.deepEqual(index.match("a\u0000c"), ["+"]);
  });
});
