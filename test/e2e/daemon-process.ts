// Test helper: the compiled dist/zeroclaw, copied into a fresh workspace, run as a daemon or a CLI with an empty
// environment. The daemon's first stdout line gives its URL (INTERFACES.md "The daemon").
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";

const root = join(import.meta.dirname, "..", "..");
const built = join(root, "dist", "zeroclaw");

/** A folder holding the binary and the given files (paths relative to it). */
export function binaryWorkspace(files: Record<string, string>): { dir: string; binary: string } {
  if (!existsSync(built)) {
    const build = spawnSync(process.execPath, ["build.ts"], { cwd: root, encoding: "utf8" });
    assert.equal(build.status, 0, build.stderr);
  }
  const dir = mkdtempSync(join(tmpdir(), "zeroclaw-daemon-"));
  const binary = join(dir, "zeroclaw");
  copyFileSync(built, binary);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, binary };
}

/** A running daemon: its URL, the stdout lines after the address, and its stderr so far. */
export interface RunningDaemon {
  readonly url: string;
  readonly lines: string[];
  stderr(): string;
  /** Sends the signal and resolves to the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `zeroclaw daemon --port 0 ...args` in `dir`; resolves once it listens, rejects if it exits first. */
export function startDaemon(dir: string, binary: string, args: string[] = []): Promise<RunningDaemon> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(binary,
    ["daemon", "--workspace", ".", "--config", "config.toml", "--port", "0", ...args],
    { cwd: dir, env: {}, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const complete = stdout.split("\n");
      stdout = complete.pop() ?? "";
      lines.push(...complete);
      const first = lines[0];
      if (first === undefined) return;
      const match = /^listening on (http:\/\/\S+)$/.exec(first);
      if (match?.[1] === undefined) return reject(new Error(`unexpected first line: ${first}`));
      resolve({
        url: match[1], lines, stderr: () => stderr,
        stop: (signal = "SIGTERM") => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`daemon exited (${code}) before listening: ${stderr}`)));
  });
}

/** Waits for the daemon to print a line matching `pattern` (the pairing code follows the address). */
export async function lineMatching(daemon: RunningDaemon, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const line of daemon.lines) {
      const match = pattern.exec(line);
      if (match !== null) return match;
    }
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in ${JSON.stringify(daemon.lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs the binary as a CLI in `dir` with an empty environment. */
export function cli(dir: string, binary: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, { cwd: dir, env: {}, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Pairs with the daemon using its printed code; returns the bearer token. */
export async function pair(daemon: RunningDaemon): Promise<string> {
  const [, code] = await lineMatching(daemon, /^pairing code: (\d{6})$/);
  const response = await fetch(`${daemon.url}/pair`, { method: "POST", headers: { "X-Pairing-Code": code ?? "" } });
  assert.equal(response.status, 200);
  const body = await response.json() as { token: string };
  return body.token;
}
