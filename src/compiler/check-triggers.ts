// The D1 checks on trigger values that loading lets through: cron, time zones, conditions, webhook paths, filters.
// Pure. Each finding names the trigger by its 1-based position in SOP.toml (definitions.md §4.2).
import { conditionWarnings, parseCondition } from "./condition.ts";
import { parseCron } from "./cron.ts";
import type { Severity } from "./diagnostic.ts";
import type { Trigger } from "./sop.ts";
import { checkTopicFilter } from "./topic-filter.ts";
import { trimWhiteSpace } from "./trim.ts";

/** One finding about one trigger; `key` says which value it is about, so the caller can locate it. */
export interface TriggerFinding {
  readonly severity: Severity;
  readonly index: number;
  readonly key: string;
  readonly message: string;
}

/** Checks every trigger of a SOP, in SOP.toml order. */
export function checkTriggers(triggers: readonly Trigger[]): TriggerFinding[] {
  return triggers.flatMap((trigger, index) => checkTrigger(trigger, index + 1));
}

function checkTrigger(trigger: Trigger, k: number): TriggerFinding[] {
  const findings: TriggerFinding[] = [];
  const report = (severity: Severity, key: string, message: string): void => {
    findings.push({ severity, index: k - 1, key, message: `trigger ${k}: ${message}` });
  };
  switch (trigger.type) {
    case "cron": {
      const parsed = parseCron(trigger.expression, trigger.timezone);
      const key = parsed.ok || !parsed.message.startsWith("unknown time zone") ? "expression" : "timezone";
      if (!parsed.ok) report("error", key, parsed.message);
      break;
    }
    case "webhook":
      if (!trigger.path.startsWith("/")) {
        report("error", "path", `webhook path must start with "/" (got "${trigger.path}")`);
      }
      break;
    case "mqtt": {
      const parsed = checkTopicFilter(trigger.topic);
      if (!parsed.ok) report("error", "topic", `invalid MQTT topic filter "${trigger.topic}": ${parsed.message}`);
      break;
    }
    case "manual":
    case "peripheral":
      break;
  }
  if ("condition" in trigger && trigger.condition !== undefined && trimWhiteSpace(trigger.condition) !== "") {
    const parsed = parseCondition(trigger.condition);
    if (!parsed.ok) report("error", "condition", `invalid condition "${trigger.condition}": ${parsed.message}`);
    else for (const warning of conditionWarnings(parsed.value)) report("warning", "condition", warning);
  }
  return findings;
}
