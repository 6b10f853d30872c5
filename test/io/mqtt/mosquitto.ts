// Test and bench helper: a real mosquitto broker on a free loopback port, with a generated config file, that can be
// stopped, started again on the same port (its persistence kept) and waited for until it listens.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MosquittoOptions {
  /** A TLS listener instead of a plain one; `requireCertificate` asks clients for a certificate signed by `caFile`. */
  readonly tls?: { readonly caFile: string; readonly certFile: string; readonly keyFile: string;
    readonly requireCertificate?: boolean };
  /** `user:password` pairs; anonymous clients are then refused. */
  readonly users?: Readonly<Record<string, string>>;
  /** The text of an ACL file (mosquitto.conf `acl_file`). */
  readonly acl?: string;
  /** Extra mosquitto.conf lines. */
  readonly extra?: readonly string[];
}

/** A running (or stopped) broker. */
export interface Mosquitto {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** The broker's folder: config, persistence and log. */
  readonly dir: string;
  /** `mqtt://127.0.0.1:PORT` or `mqtts://…` */
  readonly url: string;
  start(): Promise<void>;
  /** SIGTERM and wait for the exit (mosquitto writes its persistence file on the way out). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the broker and removes its folder. */
  dispose(): Promise<void>;
  log(): string;
}

/** The mosquitto executable: Debian installs it in /usr/sbin, often not on a user's PATH. */
export function mosquittoPath(): string {
  return executable("mosquitto");
}

/** A mosquitto program found in the usual folders, else the bare name for PATH to resolve. */
function executable(name: string): string {
  const folders = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/opt/homebrew/sbin",
    "/opt/homebrew/bin"];
  return folders.map((folder) => join(folder, name)).find(existsSync) ?? name;
}

/** Starts a broker on a free port of 127.0.0.1 and resolves once it accepts connections. */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), "zeroclaw-mosquitto-"));
  const port = await freePort();
  writeFileSync(join(dir, "mosquitto.conf"), configText(dir, port, options));
  if (options.users !== undefined) {
    writeFileSync(join(dir, "passwords"), Object.entries(options.users).map(([u, p]) => `${u}:${p}`).join("\n") + "\n");
    await run(executable("mosquitto_passwd"), ["-U", join(dir, "passwords")]);
  }
  if (options.acl !== undefined) writeFileSync(join(dir, "acl"), options.acl);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const broker: Mosquitto = {
    host: "127.0.0.1",
    port,
    dir,
    url: `${options.tls === undefined ? "mqtt" : "mqtts"}://127.0.0.1:${port}`,
    async start() {
      if (child !== undefined) return;
      const started = spawn(mosquittoPath(), ["-c", join(dir, "mosquitto.conf")], { stdio: "ignore" });
      child = started;
      exited = new Promise((resolve) => started.once("exit", () => resolve()));
      void exited.then(() => {
        if (child === started) child = undefined;
      });
      await waitForListener(port, exited);
    },
    async stop() {
      const running = child;
      if (running === undefined) return;
      running.kill("SIGTERM");
      await exited;
    },
    async restart() {
      await broker.stop();
      await broker.start();
    },
    async dispose() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => {
      try {
        return readFileSync(join(dir, "mosquitto.log"), "utf8");
      } catch {
        return "";
      }
    },
  };
  await broker.start();
  return broker;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => typeof address === "object" && address !== null ? resolve(address.port) : reject());
    });
  });
}

function configText(dir: string, port: number, options: MosquittoOptions): string {
  const lines = [
    `listener ${port} 127.0.0.1`,
    options.users === undefined
      ? "allow_anonymous true"
      : `allow_anonymous false\npassword_file ${join(dir, "passwords")}`,
    "user root", // only read when started as root (a CI container): keep root rather than switch to `mosquitto`
    "persistence true",
    `persistence_location ${dir}/`,
    `log_dest file ${join(dir, "mosquitto.log")}`,
    "log_type error\nlog_type warning\nlog_type notice\nlog_type information",
    "max_queued_messages 100000",
    ...(options.acl === undefined ? [] : [`acl_file ${join(dir, "acl")}`]),
  ];
  if (options.tls !== undefined) {
    lines.push(`cafile ${options.tls.caFile}`, `certfile ${options.tls.certFile}`, `keyfile ${options.tls.keyFile}`);
    if (options.tls.requireCertificate === true) lines.push("require_certificate true");
  }
  return [...lines, ...(options.extra ?? [])].join("\n") + "\n";
}

/** Polls until a TCP connection to the port succeeds; fails when the broker exits or after 10 s. */
async function waitForListener(port: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`mosquitto exited before listening on port ${port}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`mosquitto did not listen on port ${port} within 10 s`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)));
  });
}
