// `zeroclaw sop cancel RUN_ID`: ends an active run through the `sop_cancel` tool (INTERFACES.md "Run commands",
// engine.md §9.6). Edge: one HTTP request, prints the tool's output.
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, runTool } from "./daemon-client.ts";

/** `sop cancel`. */
export const sopCancel: Command = {
  words: ["sop", "cancel"],
  summary: "Cancel an active run",
  usage: "zeroclaw sop cancel RUN_ID",
  details: ["  RUN_ID              the run to cancel", ...daemonDetails],
  spec: { flags: daemonFlags, positionals: ["RUN_ID"], required: 1 },
  run(args, terminal) {
    return runTool(args, terminal, "sop_cancel", { run_id: args.positionals[0] });
  },
};
