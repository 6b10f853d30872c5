// The whole test suite, as `npm test` and CI run it: type check, build the binary, bun test, the Deno suites.
// Ends with one line `N passed, N failed` (CI reads it); exits 1 when anything failed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Test folders whose files must also pass under Deno (the source stays Deno-compatible, issue #2); e2e drives the
 * Bun-built binary, so it runs once, under bun test. */
const denoSuites = ["test/compiler", "test/actors", "test/io", "test/cli", "test/property", "test/architecture.test.ts"];

let passed = 0;
let failed = 0;

function run(label: string, command: string, args: string[]): { ok: boolean; output: string } {
  console.log(`\n== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function step(label: string, command: string, args: string[]): void {
  const { ok } = run(label, command, args);
  if (ok) passed++;
  else failed++;
}

step("type check (tsc)", "tsc", ["--noEmit", "-p", "."]);
step("type check (deno)", "deno", ["check", "src/", "test/"]);
step("build dist/zeroclaw", "bun", ["build.ts"]);

const bun = run("bun test", "bun", ["test", "./test/"]);
const bunPassed = Number(/^\s*(\d+) pass$/m.exec(bun.output)?.[1] ?? 0);
const bunFailed = Number(/^\s*(\d+) fail$/m.exec(bun.output)?.[1] ?? 0);
passed += bunPassed;
failed += bunFailed + (bun.ok || bunFailed > 0 ? 0 : 1);

const junitDir = mkdtempSync(join(tmpdir(), "zeroclaw-deno-"));
const junit = join(junitDir, "report.xml");
// NO_COLOR: Deno's dot reporter otherwise prints a line of escape codes per test into the CI log.
process.env["NO_COLOR"] = "1";
const deno = run("deno test", "deno", ["test", "--allow-all", "--reporter=dot", `--junit-path=${junit}`, ...denoSuites]);
const cases = countDenoCases(junit);
passed += cases.passed;
failed += cases.failed + (deno.ok || cases.failed > 0 ? 0 : 1);
rmSync(junitDir, { recursive: true, force: true });

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

/** Leaf test cases from Deno's JUnit report (describe blocks are suites there, not cases). */
function countDenoCases(file: string): { passed: number; failed: number } {
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    return { passed: 0, failed: 0 };
  }
  const all = xml.match(/<testcase\b[^>]*?(\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  const bad = all.filter((testcase) => testcase.includes("<failure") || testcase.includes("<error")).length;
  return { passed: all.length - bad, failed: bad };
}
