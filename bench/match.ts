// Matching throughput: events/s through the match index with 1,000 SOPs (MQTT triggers with wildcards and
// conditions, mixed matching and non-matching events), against a naive loop that evaluates every trigger with
// jsonpath-plus per event, in the same run (issue #2 targets: ≥ 1,000,000 events/s, ≥ 20× naive).
// Run: `bun bench/match.ts`.
import { JSONPath } from "jsonpath-plus";
import { compileMatchIndex, type SopEvent } from "../src/compiler/match-index.ts";
import type { Sop } from "../src/compiler/sop.ts";
import { topicMatches } from "../src/compiler/topic-filter.ts";
import { generatedTrigger } from "./generate-workspace.ts";

const sopCount = 1000;
const sops: Sop[] = Array.from({ length: sopCount }, (_, i) => ({
  name: `sop-${String(i).padStart(4, "0")}`, description: "", version: "1", priority: "normal", executionMode: "auto",
  cooldownSecs: 0, maxConcurrent: 1, steps: [], location: "", triggers: [{ type: "mqtt", ...generatedTrigger(i) }],
}));

// A deterministic event mix: a third hits a literal or wildcard filter, the rest are misses of similar shape.
const events: SopEvent[] = Array.from({ length: 4096 }, (_, n) => {
  const i = (n * 7919) % sopCount;
  const value = (n * 31) % 120;
  const topics = [`site${i % 50}/line${i}/temp`, `site${i % 50}/x/pressure${i}`, `site${i % 50}/device${i}/a/b`,
    `fleet/f1/unit${i}/s`, `site${i % 50}/line${i}/humidity`, `other/${i}/temp`];
  return { source: "mqtt", topic: topics[n % topics.length] ?? "", payload: `{"value": ${value}, "unit": "C"}` };
});

function naiveMatch(event: SopEvent): string[] {
  const matched: string[] = [];
  for (const sop of sops) {
    for (const trigger of sop.triggers) {
      if (trigger.type !== "mqtt" || event.topic === null || !topicMatches(trigger.topic, event.topic)) continue;
      if (trigger.condition !== undefined) {
        const json: unknown = JSON.parse(event.payload ?? "null");
        const path = trigger.condition.split(" ")[0] ?? "$";
        const threshold = Number(trigger.condition.split(" ")[2]);
        const hits = JSONPath({ path, json: json as object, eval: false, wrap: true }) as unknown[];
        if (!hits.some((hit) => typeof hit === "number" && hit > threshold)) continue;
      }
      matched.push(sop.name);
      break;
    }
  }
  return matched;
}

function measure(label: string, match: (event: SopEvent) => unknown, seconds: number): number {
  let count = 0;
  let sink = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 1024; i++) {
      const result = match(events[(count + i) & 4095] as SopEvent) as unknown[];
      sink += result.length;
    }
    count += 1024;
  }
  const rate = count / ((performance.now() - start) / 1000);
  console.log(`${label}: ${Math.round(rate).toLocaleString("en-US")} events/s (${sink} matches)`);
  return rate;
}

const index = compileMatchIndex(sops);
// Same answers first: the benchmark compares two implementations of one behaviour.
for (const event of events) {
  const fast = index.match(event).map((s) => s.name).join(",");
  const slow = naiveMatch(event).join(",");
  if (fast !== slow) throw new Error(`mismatch on ${event.topic}: ${fast} vs ${slow}`);
}
const matchedShare = events.filter((e) => index.match(e).length > 0).length / events.length;
console.log(`${sopCount} SOPs, ${events.length} distinct events, ${(matchedShare * 100).toFixed(0)}% match at least one SOP`);
measure("warm-up", (e) => index.match(e), 1);
const fast = measure("match index", (e) => index.match(e), 3);
const slow = measure("naive loop (jsonpath-plus per trigger)", naiveMatch, 3);
console.log(`speed-up: ${(fast / slow).toFixed(1)}× (targets: ≥ 1,000,000 events/s, ≥ 20×)`);
