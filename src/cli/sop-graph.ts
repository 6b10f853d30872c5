// `zeroclaw sop graph NAME [--format xstate|mermaid|dot]`: the compiled run state machine (INTERFACES.md).
// Edge: prints. The xstate JSON loads with createMachine() and imports into the Stately visualizer.
import { renderDot, renderMermaid } from "../compiler/machine-graph.ts";
import { compileRunMachine } from "../compiler/run-machine.ts";
import { flagValue } from "./args.ts";
import { locationDetails, locationFlags, type Command } from "./command.ts";
import { openSop } from "./open-workspace.ts";

const renderers = {
  xstate: (machine: ReturnType<typeof compileRunMachine>) => `${JSON.stringify(machine, null, 2)}\n`,
  mermaid: renderMermaid,
  dot: renderDot,
} as const;

/** `sop graph`. */
export const sopGraph: Command = {
  words: ["sop", "graph"],
  summary: "Print the compiled run state machine of an SOP",
  usage: "zeroclaw sop graph NAME [--format xstate|mermaid|dot]",
  details: [
    "  NAME                Name of the SOP",
    "  --format FORMAT     xstate (default: JSON for createMachine() and the Stately visualizer), mermaid, or dot",
    ...locationDetails,
  ],
  spec: { flags: { format: "value", ...locationFlags }, positionals: ["NAME"], required: 1 },
  run(args, terminal) {
    const format = flagValue(args, "format") ?? "xstate";
    if (!Object.hasOwn(renderers, format)) {
      terminal.stderr(`Error: unknown format "${format}" (expected xstate, mermaid, dot)\n`);
      return 2;
    }
    const sop = openSop(args, terminal);
    if (sop === undefined) return 1;
    terminal.stdout(renderers[format as keyof typeof renderers](compileRunMachine(sop)));
    return 0;
  },
};
