// `npm run bench`: every benchmark in one go, in the order docs/benchmarks.md lists them. Each prints its own figures
// and target; a benchmark whose external tool (hyperfine, wrk, mosquitto) is missing is reported and skipped.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const benches: { script: string; args?: string[]; needs?: string }[] = [
  { script: "match.ts" },
  { script: "engine.ts" },
  { script: "engine.ts", args: ["--sqlite"] },
  { script: "restore.ts" },
  { script: "cold-start.ts", needs: "hyperfine" },
  { script: "http.ts", needs: "wrk" },
  { script: "mqtt.ts", needs: "mosquitto" },
];

const onPath = (tool: string) =>
  spawnSync("sh", ["-c", `command -v ${tool} || test -x /usr/sbin/${tool}`]).status === 0;

if (!existsSync(join(import.meta.dirname, "..", "dist", "zeroclaw"))) {
  spawnSync(process.execPath, ["build.ts"], { cwd: join(import.meta.dirname, ".."), stdio: "inherit" });
}
let failed = 0;
for (const bench of benches) {
  const file = join(import.meta.dirname, bench.script);
  const title = ["bench", bench.script, ...(bench.args ?? [])].join(" ");
  if (!existsSync(file)) continue;
  if (bench.needs !== undefined && !onPath(bench.needs)) {
    console.log(`\n== ${title}: skipped, ${bench.needs} is not installed`);
    continue;
  }
  console.log(`\n== ${title}`);
  const run = spawnSync(process.execPath, [file, ...(bench.args ?? [])], { stdio: "inherit" });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
