// `zeroclaw daemon`: loads config and SOPs, then runs the daemon until SIGINT/SIGTERM (INTERFACES.md "The daemon").
// Edge: the daemon's modules are imported only here, when the command runs, so definition commands start fast.
import { flagValue, type Args } from "./args.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { loadErrors } from "../io/sop-loader.ts";
import { openWorkspace } from "./open-workspace.ts";
import { renderDiagnostic } from "./render-diagnostic.ts";
import { signalled } from "./signals.ts";
import type { Terminal } from "./terminal.ts";
import { version } from "./version.ts";

export const daemon: Command = {
  words: ["daemon"],
  summary: "Run the SOP runtime: gateway, event sources, scheduler",
  usage: "zeroclaw daemon [--host H] [--port N] [--inspect PORT]",
  details: [
    "  --host H            address to listen on (overrides [gateway] host)",
    "  --port N            port to listen on, 0 for a free one (overrides [gateway] port)",
    "  --inspect PORT      serve live XState inspection on PORT (overrides [inspect] port)",
    ...locationDetails,
  ],
  spec: { flags: { host: "value", port: "value", inspect: "value", ...locationFlags }, positionals: [], required: 0 },
  async run(args, terminal) {
    const port = portFlag(args, "port", terminal);
    const inspect = portFlag(args, "inspect", terminal);
    if (port === null || inspect === null) return 2;
    const opened = openWorkspace(args, terminal);
    if (opened === undefined) return 1;
    const { lineLogger } = await import("../io/daemon/line-logger.ts");
    const log = lineLogger(terminal.stderr);
    // D1: the daemon logs SOPs that failed to load and runs the valid ones.
    for (const d of loadErrors(opened.workspace)) log.warn(renderDiagnostic(d, terminal.cwd));
    const { runDaemon } = await import("../io/daemon/daemon.ts");
    const { systemClock } = await import("../io/system-clock.ts");
    try {
      await runDaemon({
        config: opened.config, sops: opened.workspace.sops, stateDir: opened.stateDir,
        host: flagValue(args, "host") ?? opened.config.gateway.host, port: port ?? opened.config.gateway.port,
        clock: systemClock, log, announce: (line) => terminal.stdout(`${line}\n`),
        stopRequested: terminal.interrupted ?? signalled(), version,
        inspectPort: inspect ?? opened.config.inspect.port,
      });
      return 0;
    } catch (error) {
      terminal.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};

/** The port a flag names, undefined when absent, null (after the usage error) when it is not a port. */
function portFlag(args: Args, name: string, terminal: Terminal): number | undefined | null {
  const text = flagValue(args, name);
  if (text === undefined) return undefined;
  if (/^\d{1,5}$/.test(text) && Number(text) <= 65535) return Number(text);
  terminal.stderr(`Error: --${name} must be a whole number from 0 to 65535 (got "${text}")\n`);
  return null;
}
