// The shape every CLI command has: its words, help, accepted arguments and what it runs.
// Pure types.
import type { Args, ArgSpec } from "./args.ts";
import type { Terminal } from "./terminal.ts";

/** One command of the `zeroclaw` CLI; `run` resolves to the process exit code (0, 1; 2 is for usage errors). */
export interface Command {
  readonly words: readonly string[];
  readonly summary: string;
  readonly usage: string;
  /** Lines after the usage in `--help`: arguments and flags with one-line explanations. */
  readonly details: readonly string[];
  readonly spec: ArgSpec;
  readonly run: (args: Args, terminal: Terminal) => number | Promise<number>;
}

/** The flags every definition command takes to find config and workspace. */
export const locationFlags = { config: "value", workspace: "value" } as const;

/** Help lines for the location flags. */
export const locationDetails: readonly string[] = [
  "  --config FILE       config file (env ZEROCLAW_CONFIG, default ~/.zeroclaw/config.toml)",
  "  --workspace DIR     workspace folder (env ZEROCLAW_WORKSPACE, default ~/.zeroclaw/workspace)",
];
