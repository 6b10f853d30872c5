// `zeroclaw sop advance RUN_ID --status completed|failed|skipped --output TEXT`: reports the current step's result
// through the `sop_advance` tool (INTERFACES.md "Run commands", engine.md §9.4). Edge: one HTTP request, prints.
import { flagValue } from "./args.ts";
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, runTool } from "./daemon-client.ts";

const statuses: readonly string[] = ["completed", "failed", "skipped"];

/** `sop advance`. */
export const sopAdvance: Command = {
  words: ["sop", "advance"],
  summary: "Report the result of a run's current step and move on",
  usage: "zeroclaw sop advance RUN_ID --status completed|failed|skipped --output TEXT",
  details: [
    "  RUN_ID              the run to advance",
    "  --status STATUS     completed, failed or skipped: how the current step went",
    "  --output TEXT       a brief summary of what happened in the step",
    ...daemonDetails,
  ],
  spec: { flags: { status: "value", output: "value", ...daemonFlags }, positionals: ["RUN_ID"], required: 1 },
  run(args, terminal) {
    const status = flagValue(args, "status");
    const output = flagValue(args, "output");
    // Checked here, as usage errors (exit 2), before the daemon would refuse them (engine.md §9.4 steps 2-4).
    const usage = status === undefined
      ? "missing flag --status"
      : !statuses.includes(status)
      ? `--status must be completed, failed or skipped (got "${status}")`
      : output === undefined
      ? "missing flag --output"
      : undefined;
    if (usage !== undefined) {
      terminal.stderr(`Error: ${usage}\n\nUsage: ${sopAdvance.usage}\n`);
      return 2;
    }
    return runTool(args, terminal, "sop_advance", { run_id: args.positionals[0], status, output });
  },
};
