// The JSON Schema of SOP.toml, for editors (Taplo / Even Better TOML); `zeroclaw sop schema` prints it.
// Pure data, built from the same enum lists the decoder checks against.
import { executionModes, priorities } from "./sop.ts";

const text = (description: string): Record<string, unknown> => ({ type: "string", description });
const condition = text("Fail-closed condition: `$.path OP literal` or `OP number`, OP one of >= <= != == > <");

function trigger(type: string, description: string, required: string[], properties: Record<string, unknown>)
  : Record<string, unknown> {
  return {
    type: "object",
    description,
    required: ["type", ...required],
    properties: { type: { const: type }, ...properties },
    additionalProperties: false,
  };
}

/** JSON Schema (draft-07) of SOP.toml. */
export const sopTomlSchema: Record<string, unknown> = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://zeroclaw.dev/schema/sop.toml.json",
  title: "zeroclaw SOP.toml",
  type: "object",
  required: ["sop"],
  additionalProperties: false,
  properties: {
    sop: {
      type: "object",
      required: ["name", "description"],
      additionalProperties: false,
      properties: {
        name: text("Unique SOP name; lookups, runs and the API use it (not the folder name)"),
        description: text("One line saying what the procedure is for"),
        version: { ...text("Free-form version"), default: "0.1.0" },
        priority: { enum: [...priorities], default: "normal", description: "Admission order when capacity is scarce" },
        execution_mode: {
          enum: [...executionModes],
          description: "Which steps wait for approval; default from config [sop] default_execution_mode",
        },
        cooldown_secs: { type: "integer", minimum: 0, default: 0, description: "Seconds after a run finishes before another may start" },
        max_concurrent: { type: "integer", minimum: 0, maximum: 4294967295, default: 1, description: "Active runs at once, waiting runs included" },
        queue: { type: "integer", minimum: 0, default: 0, description: "Extension: starts queued when at capacity (0 = refuse)" },
      },
    },
    triggers: {
      type: "array",
      items: {
        oneOf: [
          trigger("manual", "Started by the sop_execute tool or a manual event", [], {}),
          trigger("webhook", "POST to the gateway at this exact path", ["path"], {
            path: text("Exact request path, /sop/... or /webhook"),
            condition: { ...condition, description: "Extension: condition on the request body" },
          }),
          trigger("mqtt", "An MQTT message whose topic matches the filter", ["topic"], {
            topic: text("MQTT topic filter; + and # wildcards"),
            condition,
          }),
          trigger("cron", "A cron schedule (5, 6 or 7 fields, or @nickname)", ["expression"], {
            expression: text("Cron expression, standard crontab semantics"),
            timezone: text("Extension: IANA time zone, UTC if absent"),
          }),
          trigger("peripheral", "A serial-port signal {board}/{signal}", ["board", "signal"], {
            board: text("Board name from config [[peripherals.boards]]"),
            signal: text("Signal name"),
            condition,
          }),
        ],
      },
    },
  },
};
