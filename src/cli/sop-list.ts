// `zeroclaw sop list [--json]`: the loaded SOPs, reference text (definitions.md §5.1); load errors go to stderr (D1).
// Edge: prints.
import { renderTrigger, type Sop } from "../compiler/sop.ts";
import { sopToJson } from "../compiler/sop-json.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { loadErrors } from "../io/sop-loader.ts";
import { openWorkspace } from "./open-workspace.ts";
import { renderDiagnostic } from "./render-diagnostic.ts";
import { ansi, stylerFor, type Styler } from "./terminal.ts";

/** `sop list`. */
export const sopList: Command = {
  words: ["sop", "list"],
  summary: "List loaded SOPs",
  usage: "zeroclaw sop list [--json]",
  details: ["  --json              print a JSON array of SOP objects", ...locationDetails],
  spec: { flags: { json: "boolean", ...locationFlags }, positionals: [], required: 0 },
  run(args, terminal) {
    const opened = openWorkspace(args, terminal);
    if (opened === undefined) return 1;
    const { sops, sopsDir } = opened.workspace;
    if (args.flags["json"] === true) terminal.stdout(`${JSON.stringify(sops.map(sopToJson), null, 2)}\n`);
    else terminal.stdout(renderList(sops, sopsDir, stylerFor(terminal)));
    for (const d of loadErrors(opened.workspace)) terminal.stderr(`${renderDiagnostic(d, terminal.cwd)}\n`);
    return 0;
  },
};

function renderList(sops: readonly Sop[], sopsDir: string, style: Styler): string {
  if (sops.length === 0) {
    return [
      "No SOPs found.",
      "",
      "  Create one: mkdir -p ~/.zeroclaw/workspace/sops/my-sop",
      "              # Add SOP.toml and SOP.md",
      "",
      `  SOPs directory: ${sopsDir}`,
      "",
      "",
    ].join("\n");
  }
  const lines = [`SOPs (${sops.length}):`, ""];
  for (const sop of sops) {
    lines.push(`  ${style(sop.name, ansi.white, ansi.bold)} ${style(`v${sop.version}`, ansi.dim)} ` +
      `[${style(sop.priority, ansi.cyan)}] — ${sop.description}`);
    lines.push(`    Mode: ${sop.executionMode}  Steps: ${sop.steps.length}  ` +
      `Triggers: ${sop.triggers.map(renderTrigger).join(", ")}`);
    if (sop.cooldownSecs > 0) lines.push(`    Cooldown: ${sop.cooldownSecs}s`);
  }
  lines.push("", "");
  return lines.join("\n");
}
