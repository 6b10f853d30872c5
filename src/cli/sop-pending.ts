// `zeroclaw sop pending`: the runs waiting for approval on the daemon, one per line, in start order
// (INTERFACES.md "Run commands"). Edge: one HTTP request (`GET /api/runs?status=waiting_approval`), prints.
import type { Run } from "../actors/run-record.ts";
import type { Command } from "./command.ts";
import { daemonDetails, daemonFlags, openDaemon, printFailure } from "./daemon-client.ts";

/** The run JSON fields a pending line shows; `escalated_at` is the D7 mark (engine.md Resolved detail 2). */
type PendingRun = Pick<Run, "run_id" | "sop_name" | "current_step" | "total_steps" | "waiting_since"> & {
  readonly escalated_at?: string | null;
};

/** `sop pending`. */
export const sopPending: Command = {
  words: ["sop", "pending"],
  summary: "List the runs waiting for approval",
  usage: "zeroclaw sop pending",
  details: [
    "  prints one run per line: run id, SOP name, step, waiting since (and the escalation time, if escalated)",
    ...daemonDetails,
  ],
  spec: { flags: daemonFlags, positionals: [], required: 0 },
  async run(args, terminal) {
    const opened = openDaemon(args, terminal);
    if (!opened.ok) return opened.code;
    const reply = await opened.client.get("/api/runs?status=waiting_approval");
    if (!reply.ok) return printFailure(terminal, reply.message);
    if (!Array.isArray(reply.value) || !reply.value.every(isPendingRun)) {
      return printFailure(terminal, `the answer from ${opened.client.url} is not a list of runs`);
    }
    terminal.stdout(reply.value.map(pendingLine).join(""));
    return 0;
  },
};

/** One tab-separated line, so `cut -f1` gives the run ids. */
function pendingLine(run: PendingRun): string {
  const fields = [run.run_id, run.sop_name, `step ${run.current_step}/${run.total_steps}`,
    `waiting since ${run.waiting_since ?? "?"}`];
  if (typeof run.escalated_at === "string") fields.push(`escalated ${run.escalated_at}`);
  return `${fields.join("\t")}\n`;
}

function isPendingRun(value: unknown): value is PendingRun {
  if (typeof value !== "object" || value === null) return false;
  const run = value as Record<string, unknown>;
  return typeof run["run_id"] === "string" && typeof run["sop_name"] === "string" &&
    typeof run["current_step"] === "number" && typeof run["total_steps"] === "number";
}
