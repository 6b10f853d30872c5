// Cold start: `dist/zeroclaw sop validate` on 100 generated SOPs vs a compiled hello-world Bun binary, with hyperfine
// in one run (issue #2 target: at most 3× hello world). Run: `npm run build && bun bench/cold-start.ts`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateWorkspace } from "./generate-workspace.ts";

const work = mkdtempSync(join(tmpdir(), "zeroclaw-bench-"));
const workspace = generateWorkspace(join(work, "ws"), 100);
writeFileSync(join(work, "hello.ts"), 'console.log("hello");\n');
const hello = join(work, "hello");
const compile = spawnSync("bun", ["build", "--compile", "--minify", "--bytecode", join(work, "hello.ts"), "--outfile", hello],
  { encoding: "utf8" });
if (compile.status !== 0) throw new Error(compile.stderr);

const zeroclaw = join(process.cwd(), "dist", "zeroclaw");
const json = join(work, "hyperfine.json");
const empty = join(work, "empty");
// The two extra commands split the time: module start-up alone, then start-up plus config and folder scan.
const hyperfine = spawnSync("hyperfine", ["-N", "--warmup", "5", "--runs", "50", "--export-json", json,
  "--command-name", "hello-world", hello,
  "--command-name", "zeroclaw sop validate (100 SOPs)", `${zeroclaw} sop validate --workspace ${workspace}`,
  "--command-name", "zeroclaw --version", `${zeroclaw} --version`,
  "--command-name", "zeroclaw sop validate (empty workspace)", `${zeroclaw} sop validate --workspace ${empty}`,
  "-i"], { stdio: "inherit" });
if (hyperfine.status !== 0) throw new Error("hyperfine failed (apt-get install hyperfine)");

const results = (JSON.parse(readFileSync(json, "utf8")) as { results: { command: string; mean: number; stddev: number }[] }).results;
const [base, ours, version, bare] = results;
if (base === undefined || ours === undefined || version === undefined || bare === undefined) {
  throw new Error("hyperfine returned no results");
}
const ms = (s: number): string => (s * 1000).toFixed(1);
console.log(`\nhello-world: ${ms(base.mean)} ms ± ${ms(base.stddev)}; zeroclaw sop validate: ${ms(ours.mean)} ms ± ` +
  `${ms(ours.stddev)}; ratio ${(ours.mean / base.mean).toFixed(2)}× (target ≤ 3×)`);
console.log(`floors: zeroclaw --version ${ms(version.mean)} ms; validate of an empty workspace ${ms(bare.mean)} ms`);
