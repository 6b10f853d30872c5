// `zeroclaw sop match SOURCE TOPIC [--payload TEXT] [--json]`: a dry run of trigger matching (fan-in.md §2.1).
// Edge: prints matched SOP names; starts nothing.
import { compileMatchIndex } from "../compiler/match-index.ts";
import { triggerTypes, type TriggerSource } from "../compiler/sop.ts";
import { flagValue } from "./args.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { openWorkspace } from "./open-workspace.ts";

/** `sop match`. */
export const sopMatch: Command = {
  words: ["sop", "match"],
  summary: "Show which SOPs an event would start (dry run)",
  usage: "zeroclaw sop match SOURCE TOPIC [--payload TEXT] [--json]",
  details: [
    "  SOURCE              mqtt, webhook, cron, peripheral or manual",
    "  TOPIC               MQTT topic, webhook path, cron expression or board/signal (- for none)",
    "  --payload TEXT      the event payload that conditions are evaluated against",
    "  --json              print {\"matched\": [names]}",
    ...locationDetails,
  ],
  spec: { flags: { payload: "value", json: "boolean", ...locationFlags }, positionals: ["SOURCE", "TOPIC"], required: 2 },
  run(args, terminal) {
    const [source = "", topic = "-"] = args.positionals;
    if (!(triggerTypes as readonly string[]).includes(source)) {
      terminal.stderr(`Error: unknown source "${source}" (expected mqtt, webhook, cron, peripheral, manual)\n`);
      return 2;
    }
    const opened = openWorkspace(args, terminal);
    if (opened === undefined) return 1;
    const index = compileMatchIndex(opened.workspace.sops);
    const matched = index.match({
      source: source as TriggerSource,
      topic: topic === "-" ? null : topic,
      payload: flagValue(args, "payload") ?? null,
    }).map((sop) => sop.name);
    if (args.flags["json"] === true) terminal.stdout(`${JSON.stringify({ matched })}\n`);
    else terminal.stdout(matched.map((name) => `${name}\n`).join(""));
    return 0;
  },
};
