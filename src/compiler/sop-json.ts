// The JSON model of a SOP, as `sop list --json`, `sop show --json` and `GET /api/sops` write it (definitions.md §2.5).
// Pure. Key order is the reference's; extension keys come last and only when set.
import type { Sop, Step, Trigger } from "./sop.ts";

/** A SOP as a JSON-ready object with the reference's keys in the reference's order. */
export function sopToJson(sop: Sop): Record<string, unknown> {
  return {
    name: sop.name,
    description: sop.description,
    version: sop.version,
    priority: sop.priority,
    execution_mode: sop.executionMode,
    triggers: sop.triggers.map(triggerToJson),
    steps: sop.steps.map(stepToJson),
    cooldown_secs: sop.cooldownSecs,
    max_concurrent: sop.maxConcurrent,
    ...(sop.queue === undefined ? {} : { queue: sop.queue }),
  };
}

/** A trigger, internally tagged; absent reference values are null, absent extension values are left out. */
function triggerToJson(trigger: Trigger): Record<string, unknown> {
  switch (trigger.type) {
    case "manual":
      return { type: "manual" };
    case "webhook":
      return { type: "webhook", path: trigger.path, ...extension("condition", trigger.condition) };
    case "mqtt":
      return { type: "mqtt", topic: trigger.topic, condition: trigger.condition ?? null };
    case "cron":
      return { type: "cron", expression: trigger.expression, ...extension("timezone", trigger.timezone) };
    case "peripheral":
      return { type: "peripheral", board: trigger.board, signal: trigger.signal, condition: trigger.condition ?? null };
  }
}

/** A step with the reference's snake_case keys. */
function stepToJson(step: Step): Record<string, unknown> {
  return {
    number: step.number,
    title: step.title,
    body: step.body,
    suggested_tools: step.suggestedTools,
    requires_confirmation: step.requiresConfirmation,
  };
}

function extension(key: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [key]: value };
}
