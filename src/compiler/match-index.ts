// The trigger-match index: which SOPs an event starts, without scanning every trigger (fan-in.md §2).
// Pure. Built once when SOPs load; conditions, topic filters and paths are compiled here, not per event.
import { compileCondition, createPayload, type Predicate } from "./condition.ts";
import type { Sop, TriggerSource } from "./sop.ts";
import { TopicIndex } from "./topic-index.ts";

/** An event as the dispatcher sees it (fan-in.md §1.2); a null topic or payload is absent. */
export interface SopEvent {
  readonly source: TriggerSource;
  readonly topic: string | null;
  readonly payload: string | null;
}

/** One trigger, compiled: the SOP's position in engine order and its condition. */
interface Entry {
  readonly order: number;
  readonly condition: Predicate;
}

/** Answers "which SOPs does this event match", in engine order, each SOP at most once. */
export interface MatchIndex {
  match(event: SopEvent): Sop[];
}

/** Builds the index over SOPs already in engine order (code-point order of name). */
export function compileMatchIndex(sops: readonly Sop[]): MatchIndex {
  const manual: Entry[] = [];
  const exact = { webhook: new Map<string, Entry[]>(), cron: new Map<string, Entry[]>(),
    peripheral: new Map<string, Entry[]>() };
  const mqtt = new TopicIndex<Entry>();
  sops.forEach((sop, order) => {
    for (const trigger of sop.triggers) {
      const entry: Entry = { order, condition: compileCondition("condition" in trigger ? trigger.condition : undefined) };
      switch (trigger.type) {
        case "manual":
          manual.push(entry);
          break;
        case "mqtt":
          mqtt.add(trigger.topic, entry);
          break;
        case "webhook":
          append(exact.webhook, trigger.path, entry);
          break;
        case "cron":
          append(exact.cron, trigger.expression, entry);
          break;
        case "peripheral":
          append(exact.peripheral, `${trigger.board}/${trigger.signal}`, entry);
          break;
      }
    }
  });
  // Epoch marks dedupe SOPs per event without allocating a Set on the hot path.
  const seen = new Uint32Array(sops.length);
  let epoch = 0;
  const candidates: Entry[] = [];
  return {
    match(event) {
      candidates.length = 0;
      if (event.source === "manual") candidates.push(...manual);
      else if (event.topic === null) return [];
      else if (event.source === "mqtt") mqtt.match(event.topic, candidates);
      else candidates.push(...(exact[event.source].get(event.topic) ?? []));
      if (candidates.length === 0) return [];
      epoch = epoch === 0xffffffff ? 1 : epoch + 1;
      if (epoch === 1) seen.fill(0);
      const payload = createPayload(event.payload);
      const orders: number[] = [];
      for (const entry of candidates) {
        if (seen[entry.order] === epoch || !entry.condition(payload)) continue;
        seen[entry.order] = epoch;
        orders.push(entry.order);
      }
      return orders.sort((a, b) => a - b).map((order) => sops[order] as Sop);
    },
  };
}

function append(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
}
