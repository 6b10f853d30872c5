// Property tests (issue #8): MQTT topic filters (check, match, the trie index) and cron expressions take any text and
// answer within the call bound; the index agrees with the walk, and cron occurrences move forward.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { normalizeCron, parseCron } from "../../src/compiler/cron.ts";
import { checkTopicFilter, topicMatches } from "../../src/compiler/topic-filter.ts";
import { TopicIndex } from "../../src/compiler/topic-index.ts";
import { anyText, assertBounded, checkProperty, mutated, pathological, timed } from "./property.ts";

const level = fc.oneof(fc.constantFrom("a", "b", "sensors", "", "+", "#", "$SYS", "a+", "#b", " ", "é", "\u0000"),
  fc.string({ unit: "binary", maxLength: 4 }));
const levels = fc.array(level, { maxLength: 8 }).map((parts) => parts.join("/"));
const topicText = fc.oneof(levels, anyText(["/", "+", "#", "a", "$", " ", "//"], 200),
  pathological(["/", "+/", "#/", "a/", "//"], ["#", "+", "a"], 2_000));

const cronFragments = ["*", "/", "-", ",", " ", "\t", "\u00a0", "\ufeff", "0", "1", "5", "7", "12", "31", "59", "60",
  "99", "L", "W", "#", "?", "JAN", "MON", "SUN-SAT", "@daily", "@hourly", "@reboot", "@yearly", "1-5", "*/15", "1/2",
  "5L", "LW", "15W", "MON#2", "2026", "9999", "1-999999999"];
const cronSamples = ["0 8 * * 1-5", "*/15 * * * * *", "0 0 12 ? * MON#2 2026", "0 0 L * *", "@daily", "59 23 31 12 7",
  "0 0 29 2 *", "0 0 30 2 *", "* * * * * * 9999"];
const cronText = fc.oneof(anyText(cronFragments, 80), mutated(cronSamples, cronFragments),
  fc.array(fc.constantFrom(...cronFragments), { minLength: 5, maxLength: 7 }).map((fields) => fields.join(" ")),
  pathological(["* ", "1,", "1-", "*/", ",", "0"], ["*", "1"], 5_000));
const zones = fc.option(fc.oneof(fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu",
  "Pacific/Chatham", "Etc/GMT+12", "Nope/Zone", "", "utc", "../../etc/passwd"), fc.string({ maxLength: 12 })),
{ nil: undefined });
// Reference times across the supported range and beyond it.
const at = fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(-62_135_596_800_001, 0,
  253_402_300_799_000, 253_402_300_800_000, Number.NaN, Infinity, -Infinity, 8.64e15));

describe("properties: topic filters", () => {
  test("checkTopicFilter() and topicMatches() take any text", () => {
    checkProperty("topic filter", fc.tuple(topicText, topicText), ([filter, topic]) => {
      const checked = timed("checkTopicFilter", () => checkTopicFilter(filter));
      assertBounded(checked, filter.length, "checkTopicFilter");
      if (checked.ok) assert.equal(checked.value.join("/"), filter);
      assert.equal(typeof timed("topicMatches", () => topicMatches(filter, topic)), "boolean");
      if (!filter.includes("+") && !filter.includes("#")) assert.equal(topicMatches(filter, topic), filter === topic);
    });
  });

  test("TopicIndex.match() gives exactly what topicMatches() gives over every filter", () => {
    const filterList = fc.array(fc.oneof(levels, anyText(["/", "+", "#", "a"], 20)), { maxLength: 12 });
    checkProperty("topic index", fc.tuple(filterList, fc.array(levels, { maxLength: 6 })), ([filters, topics]) => {
      const index = new TopicIndex<number>();
      filters.forEach((filter, i) => index.add(filter, i));
      for (const topic of topics) {
        const matched = [...timed("TopicIndex.match", () => index.match(topic))].sort((x, y) => x - y);
        const walked = filters.flatMap((filter, i) => topicMatches(filter, topic) ? [i] : []);
        assert.deepEqual(matched, walked, `topic ${JSON.stringify(topic)}`);
      }
    });
  });
});

describe("properties: cron expressions", () => {
  test("parseCron() takes any text and zone; occurrences are whole seconds strictly after the reference", () => {
    checkProperty("cron", fc.tuple(cronText, zones, at), ([expression, zone, from]) => {
      const normalized = timed("normalizeCron", () => normalizeCron(expression));
      assertBounded(normalized, expression.length, "normalizeCron");
      const parsed = timed("parseCron", () => parseCron(expression, zone));
      assertBounded(parsed, expression.length + (zone?.length ?? 0), "parseCron");
      if (!parsed.ok) return;
      const runs = timed("nextRuns", () => parsed.value.nextRuns(from, 3));
      assert.ok(runs.length <= 3);
      let previous = from;
      for (const run of runs) {
        assert.ok(Number.isInteger(run) && run % 1000 === 0, `${run} is a whole second`);
        assert.ok(!(run <= previous), `${run} after ${previous}`);
        previous = run;
      }
    });
  });
});
