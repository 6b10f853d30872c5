// Entry point of the `zeroclaw` binary (`bun build --compile`): wires the real process into the CLI.
// Edge: the only place that reads process.argv and sets the exit code.
import { runCli } from "./cli/run-cli.ts";
import { isTerminal, writeAll } from "./io/stdio.ts";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => writeAll(1, text),
  stderr: (text) => writeAll(2, text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTty: isTerminal(1),
});
// Exit at once: a command is done when runCli resolves (the daemon has released everything by then), and a timer or
// socket some library left behind must not keep the process alive.
process.exit(code);
