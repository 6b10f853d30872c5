// `zeroclaw sop status [RUN_ID] [--sop NAME] [--metrics] [--json]`: a run, or the active and recent runs, from the
// daemon (INTERFACES.md "Run commands"). Text comes from the `sop_status` tool (engine.md §9.2); `--json` prints the
// run JSON of `GET /api/runs` (engine.md §1.1 "Extension fields"). Edge: one HTTP request, prints.
import { flagValue, type Args } from "./args.ts";
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, openDaemon, printFailure, runTool } from "./daemon-client.ts";
import type { Terminal } from "./terminal.ts";

/** `sop status`. */
export const sopStatus: Command = {
  words: ["sop", "status"],
  summary: "Show a run, or the active and recent runs, on the daemon",
  usage: "zeroclaw sop status [RUN_ID] [--sop NAME] [--metrics] [--json]",
  details: [
    "  RUN_ID              the run to show (all active runs and the recent finished ones if omitted)",
    "  --sop NAME          only the runs of this SOP",
    "  --metrics           add the SOP metrics (completion rate, deviation rate, interventions)",
    "  --json              print the run JSON (an array without RUN_ID) instead of text",
    ...daemonDetails,
  ],
  spec: {
    flags: { sop: "value", metrics: "boolean", json: "boolean", ...daemonFlags },
    positionals: ["RUN_ID"],
    required: 0,
  },
  run(args, terminal) {
    const runId = args.positionals[0];
    const sopName = flagValue(args, "sop");
    const metrics = args.flags["metrics"] === true;
    if (args.flags["json"] === true) {
      if (!metrics) return printJson(args, terminal, runId, sopName);
      // Metrics are not part of the run JSON; GET /metrics serves them to machines.
      terminal.stderr(`Error: --metrics cannot be combined with --json\n\nUsage: ${sopStatus.usage}\n`);
      return 2;
    }
    return runTool(args, terminal, "sop_status", {
      ...(runId === undefined ? {} : { run_id: runId }),
      ...(sopName === undefined ? {} : { sop_name: sopName }),
      ...(metrics ? { include_metrics: true } : {}),
    });
  },
};

async function printJson(args: Args, terminal: Terminal, runId: string | undefined, sopName: string | undefined)
  : Promise<number> {
  const opened = openDaemon(args, terminal);
  if (!opened.ok) return opened.code;
  // With RUN_ID the filter is ignored, as sop_status ignores sop_name in run mode (engine.md §9.2).
  const reply = runId !== undefined
    ? await opened.client.get(`/api/runs/${encodeURIComponent(runId)}`, `No run found with ID '${runId}'.`)
    : await opened.client.get(sopName === undefined ? "/api/runs" : `/api/runs?sop=${encodeURIComponent(sopName)}`);
  if (!reply.ok) return printFailure(terminal, reply.message);
  terminal.stdout(`${JSON.stringify(reply.value, null, 2)}\n`);
  return 0;
}
