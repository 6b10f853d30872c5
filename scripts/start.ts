// `npm start`: builds dist/zeroclaw when it is missing or older than the sources, then runs the daemon on this
// checkout's sops/ with a workspace-local state folder (./state), until Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const binary = join(root, "dist", "zeroclaw");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const inputs = Math.max(newestSource(join(root, "src")), statSync(join(root, "package-lock.json")).mtimeMs);
if (!existsSync(binary) || statSync(binary).mtimeMs < inputs) {
  console.error("building dist/zeroclaw …");
  const build = spawnSync(process.execPath, ["build.ts"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const daemon = spawn(binary, ["daemon", "--workspace", root, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => daemon.kill(signal));
daemon.on("exit", (code) => process.exit(code ?? 1));
