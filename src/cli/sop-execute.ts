// `zeroclaw sop execute NAME [--payload TEXT]`: starts a run on the daemon through the `sop_execute` tool
// (INTERFACES.md "Run commands", engine.md §9.1). Edge: one HTTP request, prints the tool's output.
import { flagValue } from "./args.ts";
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, runTool } from "./daemon-client.ts";

/** `sop execute`. */
export const sopExecute: Command = {
  words: ["sop", "execute"],
  summary: "Start a run of an SOP on the daemon",
  usage: "zeroclaw sop execute NAME [--payload TEXT]",
  details: [
    "  NAME                Name of the SOP to execute",
    "  --payload TEXT      trigger payload (a JSON string), shown to whoever performs the steps",
    ...daemonDetails,
  ],
  spec: { flags: { payload: "value", ...daemonFlags }, positionals: ["NAME"], required: 1 },
  run(args, terminal) {
    const payload = flagValue(args, "payload");
    const name = args.positionals[0];
    return runTool(args, terminal, "sop_execute", payload === undefined ? { name } : { name, payload });
  },
};
