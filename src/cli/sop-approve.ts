// `zeroclaw sop approve RUN_ID`: clears the approval gate of a waiting run through the `sop_approve` tool
// (INTERFACES.md "Run commands", engine.md §9.3). Edge: one HTTP request, prints the tool's output.
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, runTool } from "./daemon-client.ts";

/** `sop approve`. */
export const sopApprove: Command = {
  words: ["sop", "approve"],
  summary: "Approve the step a run is waiting on",
  usage: "zeroclaw sop approve RUN_ID",
  details: ["  RUN_ID              the run to approve (see sop pending)", ...daemonDetails],
  spec: { flags: daemonFlags, positionals: ["RUN_ID"], required: 1 },
  run(args, terminal) {
    return runTool(args, terminal, "sop_approve", { run_id: args.positionals[0] });
  },
};
