// `zeroclaw sop show NAME [--json]`: one SOP in the reference's layout (definitions.md §5.3).
// Edge: prints.
import type { Sop } from "../compiler/sop.ts";
import { renderTrigger } from "../compiler/sop.ts";
import { sopToJson } from "../compiler/sop-json.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { openSop } from "./open-workspace.ts";
import { ansi, stylerFor, type Styler } from "./terminal.ts";

/** `sop show`. */
export const sopShow: Command = {
  words: ["sop", "show"],
  summary: "Show details of an SOP",
  usage: "zeroclaw sop show NAME [--json]",
  details: ["  NAME                Name of the SOP to show", "  --json              print the SOP object as JSON",
    ...locationDetails],
  spec: { flags: { json: "boolean", ...locationFlags }, positionals: ["NAME"], required: 1 },
  run(args, terminal) {
    const sop = openSop(args, terminal);
    if (sop === undefined) return 1;
    if (args.flags["json"] === true) terminal.stdout(`${JSON.stringify(sopToJson(sop), null, 2)}\n`);
    else terminal.stdout(renderShow(sop, stylerFor(terminal)));
    return 0;
  },
};

function renderShow(sop: Sop, style: Styler): string {
  const lines = [
    `${style(sop.name, ansi.white, ansi.bold)} v${sop.version}`,
    sop.description,
    "",
    `Priority:       ${sop.priority}`,
    `Execution mode: ${sop.executionMode}`,
    `Cooldown:       ${sop.cooldownSecs}s`,
    `Max concurrent: ${sop.maxConcurrent}`,
    "",
  ];
  if (sop.triggers.length > 0) lines.push("Triggers:", ...sop.triggers.map((t) => `  - ${renderTrigger(t)}`), "");
  if (sop.steps.length > 0) {
    lines.push("Steps:");
    for (const step of sop.steps) {
      const tag = step.requiresConfirmation ? " [requires confirmation]" : "";
      lines.push(`  ${step.number}. ${style(step.title, ansi.bold)}${tag}`);
      if (step.body !== "") lines.push(...step.body.split("\n").map((line) => `     ${line}`));
      if (step.suggestedTools.length > 0) lines.push(`     Tools: ${step.suggestedTools.join(", ")}`);
    }
  }
  lines.push("", "");
  return lines.join("\n");
}
