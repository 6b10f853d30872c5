// The CLI's view of the process: output streams, environment, and whether to style output (definitions.md §5).
// Edge: the composition root passes the real process in; tests pass buffers.

/** Everything a command may touch of the process. */
export interface Terminal {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdoutIsTty: boolean;
  /** Resolves when a long-running command should stop; the process's SIGINT/SIGTERM when absent. */
  readonly interrupted?: Promise<void>;
}

/** ANSI codes used by the reference's styled output. */
export const ansi = { white: 37, cyan: 36, green: 32, yellow: 33, red: 31, bold: 1, dim: 2 } as const;
export type AnsiCode = (typeof ansi)[keyof typeof ansi];

/** A styling function: identity when output is plain. */
export type Styler = (text: string, ...codes: AnsiCode[]) => string;

/** Colour only on a colour terminal: TTY, no NO_COLOR, TERM not dumb, CLICOLOR not 0; CLICOLOR_FORCE overrides. */
export function stylerFor(terminal: Terminal): Styler {
  const { env } = terminal;
  const forced = env["CLICOLOR_FORCE"] !== undefined && env["CLICOLOR_FORCE"] !== "0";
  const colour = forced ||
    (terminal.stdoutIsTty && env["NO_COLOR"] === undefined && env["TERM"] !== "dumb" && env["CLICOLOR"] !== "0");
  if (!colour) return (text) => text;
  return (text, ...codes) => `${codes.map((code) => `\x1b[${code}m`).join("")}${text}\x1b[0m`;
}
