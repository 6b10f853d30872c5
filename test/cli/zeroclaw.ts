// Test helper: runs the CLI in-process against a workspace, capturing output (the public interface, minus a process).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly tty?: boolean;
}

/** Runs `zeroclaw ...argv` with HOME pointed at an empty folder so the user's own config never leaks in. */
export async function zeroclaw(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { HOME: emptyHome(), ...options.env },
    cwd: options.cwd ?? process.cwd(),
    stdoutIsTty: options.tty ?? false,
  });
  return { code, stdout, stderr };
}

let home: string | undefined;
function emptyHome(): string {
  home ??= mkdtempSync(join(tmpdir(), "zeroclaw-home-"));
  return home;
}

/** Writes a workspace from a map of relative paths to contents (strings or bytes); returns its folder. */
export function makeWorkspace(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), "zeroclaw-ws-"));
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}

/** The fixture workspace folder of that name under test/fixtures/workspaces. */
export function fixture(name: string): string {
  return join(import.meta.dirname, "..", "fixtures", "workspaces", name);
}
