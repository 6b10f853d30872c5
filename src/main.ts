// Entry point of the `zeroclaw` binary (`bun build --compile`): wires the real process into the CLI.
// Edge: the only place that reads process.argv and calls process.exit.
import { isatty } from "node:tty";
import { runCli } from "./cli/run-cli.ts";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTty: isatty(1),
});
process.exitCode = code;
