// Webhook throughput (issue #5): wrk against the compiled daemon on loopback, in one run: a matched `/sop/…` that
// starts a run, an unmatched path (404), a duplicate idempotency key (200), and a bare `Request → Response` handler
// served the same way (src/io/runtime.ts) as the ceiling. Targets: ≥ 3,000 runs/s started through webhooks; unmatched
// requests at ≥ 50 % of the bare handler's rate. Run: `npm run build && bun bench/http.ts` (needs wrk).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);
const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "zeroclaw-http-bench-"));
mkdirSync(join(work, "sops", "ingest"), { recursive: true });
writeFileSync(join(work, "sops", "ingest", "SOP.toml"), `[sop]
name = "ingest"
description = "Take in a delivery"
execution_mode = "supervised"
max_concurrent = 100000000

[[triggers]]
type = "webhook"
path = "/sop/ingest"
`);
writeFileSync(join(work, "sops", "ingest", "SOP.md"), "## Steps\n\n1. **Record** — Record the delivery.\n");
writeFileSync(join(work, "config.toml"), `[sop]
max_concurrent_total = 100000000
[gateway]
require_pairing = false
webhook_rate_limit_per_minute = 0
api_rate_limit_per_minute = 0
`);

/** Starts a server process and resolves to its URL once its first stdout line names it. */
function start(command: string, args: string[]): Promise<{ url: string; stop(): void }> {
  const child = spawn(command, args, { cwd: work, stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve({ url: match[1], stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`${command} exited ${code}`)));
  });
}

function lua(name: string, path: string, headers: Record<string, string>, body: string): string {
  const file = join(work, `${name}.lua`);
  const lines = [`wrk.method = "POST"`, `wrk.path = "${path}"`, `wrk.body = ${JSON.stringify(body)}`,
    ...Object.entries(headers).map(([key, value]) => `wrk.headers["${key}"] = "${value}"`)];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function wrk(url: string, script: string): { rate: number; statuses: string } {
  const result = spawnSync("wrk", ["-t1", "-c32", `-d${seconds}s`, "-s", script, url], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`);
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(result.stdout)?.[1] ?? 0);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(result.stdout)?.[1] ?? "0";
  return { rate, statuses: `${non2xx} non-2xx` };
}

const json = { "Content-Type": "application/json" };
const bareSource = join(work, "bare.ts");
writeFileSync(bareSource, `import { serve } from ${JSON.stringify(join(root, "src", "io", "runtime.ts"))};
const served = await serve(async () => new Response('{"error":"No SOP matched this path","path":"/sop/none"}',
  { status: 404, headers: { "content-type": "application/json" } }), { host: "127.0.0.1", port: 0 });
console.log("listening on http://127.0.0.1:" + served.port);
`);

const bare = await start(process.execPath, [bareSource]);
const bareRate = wrk(bare.url, lua("bare", "/sop/none", json, "{}"));
bare.stop();

const daemon = await start(join(root, "dist", "zeroclaw"),
  ["daemon", "--workspace", ".", "--config", "config.toml", "--port", "0"]);
const unmatched = wrk(daemon.url, lua("unmatched", "/sop/none", json, "{}"));
const matched = wrk(daemon.url, lua("matched", "/sop/ingest", json, '{"value": 87.3}'));
const duplicate = wrk(daemon.url, lua("duplicate", "/sop/ingest", { ...json, "X-Idempotency-Key": "same" }, "{}"));
daemon.stop();

const format = (rate: number) => Math.round(rate).toLocaleString("en-US");
console.log(`bare handler (ceiling):      ${format(bareRate.rate)} req/s`);
console.log(`matched, starts a run:       ${format(matched.rate)} runs/s (target ≥ 3,000; ${matched.statuses})`);
console.log(`unmatched path (404):        ${format(unmatched.rate)} req/s = ${(100 * unmatched.rate / bareRate.rate)
  .toFixed(0)} % of bare (target ≥ 50 %)`);
console.log(`duplicate idempotency (200): ${format(duplicate.rate)} req/s (${duplicate.statuses})`);
