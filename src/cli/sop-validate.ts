// `zeroclaw sop validate [NAME] [--json | --format text|json|github]` (definitions.md §5.2, INTERFACES.md, D1).
// Edge: prints the report; exit 1 when anything was found, as the reference.
import type { CompiledSop } from "../compiler/compile-sop.ts";
import type { Diagnostic } from "../compiler/diagnostic.ts";
import * as texts from "../compiler/texts.ts";
import type { LoadedWorkspace } from "../io/sop-loader.ts";
import { flagValue } from "./args.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { openWorkspace } from "./open-workspace.ts";
import { displayPath, renderDiagnostic, renderGithubAnnotation } from "./render-diagnostic.ts";
import { ansi, stylerFor, type Styler, type Terminal } from "./terminal.ts";
import { compareCodePoints } from "../compiler/code-point-order.ts";

const formats = ["text", "json", "github"] as const;

/** `sop validate`. */
export const sopValidate: Command = {
  words: ["sop", "validate"],
  summary: "Validate SOP definitions",
  usage: "zeroclaw sop validate [NAME] [--json | --format text|json|github]",
  details: [
    "  NAME                SOP name to validate (all if omitted)",
    "  --json              same as --format json",
    "  --format FORMAT     text (default), json, or github (GitHub Actions annotations)",
    ...locationDetails,
  ],
  spec: { flags: { json: "boolean", format: "value", ...locationFlags }, positionals: ["NAME"], required: 0 },
  run(args, terminal) {
    const format = args.flags["json"] === true ? "json" : (flagValue(args, "format") ?? "text");
    if (!(formats as readonly string[]).includes(format)) {
      terminal.stderr(`Error: unknown format "${format}" (expected text, json, github)\n`);
      return 2;
    }
    const opened = openWorkspace(args, terminal);
    if (opened === undefined) return 1;
    const name = args.positionals[0];
    const report = select(opened.workspace, name);
    if (report.entries.length === 0 && report.unattributed.length === 0 && name !== undefined) {
      terminal.stderr(`Error: ${texts.sopNotFound(name)}\n`);
      return 1;
    }
    if (format === "json") terminal.stdout(`${JSON.stringify(renderJson(report, terminal.cwd), null, 2)}\n`);
    else if (format === "github") terminal.stdout(renderGithub(report, terminal.cwd));
    else terminal.stdout(renderText(report, terminal, stylerFor(terminal)));
    return finish(report, terminal);
  },
};

/** The selection: folders attributed to a SOP name, and errors tied to no name (the folder or the SOP directory). */
interface Report {
  readonly entries: readonly { readonly name: string; readonly folder: CompiledSop }[];
  readonly unattributed: readonly { readonly folder?: CompiledSop; readonly diagnostic: Diagnostic }[];
}

function select(workspace: LoadedWorkspace, name: string | undefined): Report {
  const entries = workspace.folders
    .filter((folder) => folder.name !== undefined && (name === undefined || folder.name === name))
    .map((folder) => ({ name: folder.name ?? "", folder }))
    .sort((a, b) => compareCodePoints(a.name, b.name));
  const unattributed = name !== undefined ? [] : [
    ...workspace.folders.filter((f) => f.name === undefined)
      .flatMap((folder) => folder.diagnostics.map((diagnostic) => ({ folder, diagnostic }))),
    ...workspace.directoryErrors.map((diagnostic) => ({ diagnostic })),
  ];
  return { entries, unattributed };
}

function renderText(report: Report, terminal: Terminal, style: Styler): string {
  if (report.entries.length === 0 && report.unattributed.length === 0) return `${texts.noSopsToValidate}\n`;
  const lines: string[] = [];
  for (const { name, folder } of report.entries) {
    const errors = folder.diagnostics.filter((d) => d.severity === "error");
    const warnings = folder.diagnostics.filter((d) => d.severity === "warning");
    if (errors.length > 0) {
      lines.push(`  ${style("✗", ansi.red, ansi.bold)} ${name} — ${errors.length} error(s), ${warnings.length} warning(s):`);
      lines.push(...errors.map((d) => `      error: ${renderDiagnostic(d, terminal.cwd)}`));
    } else if (warnings.length > 0) {
      lines.push(`  ${style("!", ansi.yellow, ansi.bold)} ${name} — ${warnings.length} warning(s):`);
    } else {
      lines.push(`  ${style("✓", ansi.green, ansi.bold)} ${name} — valid`);
    }
    lines.push(...warnings.map((d) => `      ${d.message}`));
  }
  for (const { diagnostic } of report.unattributed) {
    lines.push(`  ${style("✗", ansi.red, ansi.bold)} ${renderDiagnostic(diagnostic, terminal.cwd)}`);
  }
  lines.push("", "");
  return lines.join("\n");
}

function renderJson(report: Report, cwd: string): Record<string, unknown> {
  const json = (d: Diagnostic): Record<string, unknown> => ({
    message: d.message,
    file: displayPath(d.file, cwd),
    ...(d.line === undefined ? {} : { line: d.line }),
    ...(d.column === undefined ? {} : { column: d.column }),
  });
  const of = (ds: readonly Diagnostic[], severity: string) => ds.filter((d) => d.severity === severity).map(json);
  return {
    ok: allDiagnostics(report).length === 0,
    sops: report.entries.map(({ name, folder }) => ({
      name,
      path: displayPath(folder.folder, cwd),
      errors: of(folder.diagnostics, "error"),
      warnings: of(folder.diagnostics, "warning"),
    })),
    errors: report.unattributed.map(({ diagnostic }) => json(diagnostic)),
  };
}

function renderGithub(report: Report, cwd: string): string {
  return allDiagnostics(report).map((d) => `${renderGithubAnnotation(d, cwd)}\n`).join("");
}

/** Every diagnostic of the report: the selected SOPs' first, then those tied to no SOP. */
function allDiagnostics(report: Report): Diagnostic[] {
  return [...report.entries.flatMap((e) => e.folder.diagnostics), ...report.unattributed.map((u) => u.diagnostic)];
}

function finish(report: Report, terminal: Terminal): number {
  const all = allDiagnostics(report);
  if (all.some((d) => d.severity === "error")) {
    terminal.stderr(`Error: ${texts.validationFailedWithErrors}\n`);
    return 1;
  }
  if (all.length > 0) {
    terminal.stderr(`Error: ${texts.validationCompletedWithWarnings}\n`);
    return 1;
  }
  return 0;
}
