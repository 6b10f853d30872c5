// Test helper: a `socat` pty pair standing in for a serial cable. The source reads `device`; the test writes into
// `feed`. Killing socat removes both links (an unplugged adapter); starting it again recreates them (a replug).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "./wait-for.ts";

export interface PtyPair {
  /** The path the board opens. */
  readonly device: string;
  /** The other end: bytes written here arrive at `device`. */
  readonly feed: string;
  write(data: string | Uint8Array): void;
  /** Stops socat and waits until both links are gone. */
  unplug(): Promise<void>;
  /** Starts socat again at the same link paths. */
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0,link=FEED pty,raw,echo=0,link=DEVICE` in `dir` and waits for both links. */
export async function startPtyPair(dir: string, name = "tty"): Promise<PtyPair> {
  const feed = join(dir, `${name}-feed`);
  const device = join(dir, `${name}-device`);
  let socat: ChildProcess | undefined;
  const plug = async (): Promise<void> => {
    const child = spawn("socat", ["-d", "-d", `pty,raw,echo=0,link=${feed}`, `pty,raw,echo=0,link=${device}`],
      { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.resume();
    socat = child;
    await waitFor("socat links", () => existsSync(feed) && existsSync(device));
  };
  const unplug = async (): Promise<void> => {
    const child = socat;
    socat = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    await waitFor("socat links removed", () => !existsSync(feed) && !existsSync(device));
  };
  await plug();
  return {
    device, feed,
    write: (data) => writeFileSync(feed, data),
    unplug, replug: plug, dispose: unplug,
  };
}
