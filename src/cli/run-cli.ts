// The `zeroclaw` command line: finds the command by its words, parses its flags, prints help (INTERFACES.md).
// Edge: the composition root for definition commands and the run commands (HTTP clients of the daemon);
// daemon-only code is loaded lazily by its commands.
import { parseArgs } from "./args.ts";
import { daemon } from "./daemon.ts";
import type { Command } from "./command.ts";
import { mcp } from "./mcp.ts";
import { sopAdvance } from "./sop-advance.ts";
import { sopApprove } from "./sop-approve.ts";
import { sopCancel } from "./sop-cancel.ts";
import { sopExecute } from "./sop-execute.ts";
import { sopGraph } from "./sop-graph.ts";
import { sopList } from "./sop-list.ts";
import { sopMatch } from "./sop-match.ts";
import { sopNext } from "./sop-next.ts";
import { sopPending } from "./sop-pending.ts";
import { sopSchema } from "./sop-schema.ts";
import { sopShow } from "./sop-show.ts";
import { sopStatus } from "./sop-status.ts";
import { sopValidate } from "./sop-validate.ts";
import type { Terminal } from "./terminal.ts";
import { version } from "./version.ts";

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  sopList, sopValidate, sopShow, sopGraph, sopMatch, sopNext, sopSchema,
  sopExecute, sopStatus, sopApprove, sopAdvance, sopCancel, sopPending, daemon, mcp,
];

/** Groups of commands and their one-line help (definitions.md §5). */
const groups: Readonly<Record<string, string>> = { sop: "Manage standard operating procedures (SOPs)" };


/** Runs one invocation; resolves to the exit code (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: readonly string[], terminal: Terminal): Promise<number> {
  const [first, second] = argv;
  if (first === "--version" || first === "-V") {
    terminal.stdout(`zeroclaw ${version}\n`);
    return 0;
  }
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    terminal.stdout(topHelp());
    return first === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.words.every((word, i) => argv[i] === word));
  if (command === undefined) {
    const group = groups[first];
    if (group !== undefined && (second === undefined || second === "--help" || second === "-h")) {
      terminal.stdout(groupHelp(first, group));
      return second === undefined ? 2 : 0;
    }
    const unknown = group === undefined ? first : `${first} ${second ?? ""}`;
    terminal.stderr(`Error: unknown command "${unknown}"\n\n${group === undefined ? topHelp() : groupHelp(first, group)}`);
    return 2;
  }
  const parsed = parseArgs(argv.slice(command.words.length), command.spec);
  if (!parsed.ok) {
    terminal.stderr(`Error: ${parsed.error}\n\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (parsed.args.flags["help"] === true) {
    terminal.stdout(commandHelp(command));
    return 0;
  }
  return await command.run(parsed.args, terminal);
}

function commandHelp(command: Command): string {
  return [command.summary, "", `Usage: ${command.usage}`, "", ...command.details, "  --help              show this help", ""]
    .join("\n");
}

function groupHelp(group: string, summary: string): string {
  const members = commands.filter((c) => c.words[0] === group);
  const width = Math.max(...members.map((c) => c.words[1]?.length ?? 0)) + 2;
  return [
    summary,
    "",
    `Usage: zeroclaw ${group} <command> [options]`,
    "",
    "Commands:",
    ...members.map((c) => `  ${(c.words[1] ?? "").padEnd(width)}${c.summary}`),
    "",
    `Run "zeroclaw ${group} <command> --help" for a command's options.`,
    "",
  ].join("\n");
}

function topHelp(): string {
  return [
    "zeroclaw: a runtime for Standard Operating Procedures",
    "",
    "Usage: zeroclaw <command> [options]",
    "",
    "Commands:",
    ...Object.entries(groups).map(([name, summary]) => `  ${name.padEnd(10)}${summary}`),
    ...commands.filter((c) => c.words.length === 1).map((c) => `  ${(c.words[0] ?? "").padEnd(10)}${c.summary}`),
    "",
    "Options:",
    "  --help, -h     show help",
    "  --version, -V  show the version",
    "",
  ].join("\n");
}
