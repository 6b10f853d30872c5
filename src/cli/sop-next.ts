// `zeroclaw sop next NAME [--count N] [--from ISO8601]`: upcoming fire times of a SOP's cron triggers (INTERFACES.md).
// Edge: prints; reads the clock only when --from is absent.
import { parseCron } from "../compiler/cron.ts";
import { flagValue } from "./args.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { openSop } from "./open-workspace.ts";

/** `sop next`. */
export const sopNext: Command = {
  words: ["sop", "next"],
  summary: "Show the next fire times of an SOP's cron triggers",
  usage: "zeroclaw sop next NAME [--count N] [--from ISO8601]",
  details: [
    "  NAME                Name of the SOP",
    "  --count N           how many times per trigger (default 5)",
    "  --from ISO8601      start after this time instead of now",
    ...locationDetails,
  ],
  spec: { flags: { count: "value", from: "value", ...locationFlags }, positionals: ["NAME"], required: 1 },
  run(args, terminal) {
    const countText = flagValue(args, "count") ?? "5";
    const count = /^\d{1,6}$/.test(countText) ? Number(countText) : Number.NaN;
    if (!Number.isInteger(count) || count < 1) {
      terminal.stderr(`Error: --count must be a whole number from 1 to 999999 (got "${countText}")\n`);
      return 2;
    }
    const fromText = flagValue(args, "from");
    const from = fromText === undefined ? Date.now() : Date.parse(fromText);
    if (Number.isNaN(from)) {
      terminal.stderr(`Error: --from must be an ISO 8601 time such as 2026-01-01T00:00:00Z (got "${fromText}")\n`);
      return 2;
    }
    const sop = openSop(args, terminal);
    if (sop === undefined) return 1;
    let failed = false;
    for (const trigger of sop.triggers) {
      if (trigger.type !== "cron") continue;
      const parsed = parseCron(trigger.expression, trigger.timezone);
      if (!parsed.ok) {
        terminal.stderr(`Error: ${trigger.expression}: ${parsed.message}\n`);
        failed = true;
        continue;
      }
      for (const at of parsed.value.nextRuns(from, count)) {
        terminal.stdout(`${trigger.expression}\t${new Date(at).toISOString().replace(/\.000Z$/, "Z")}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};
