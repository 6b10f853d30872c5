// Tests for the SOP.md fast path (src/compiler/steps-fast.ts): it takes the typical files, and whatever it takes it
// reads exactly as the mdast path does. node:test + node:assert/strict only, so `bun test` and `deno test` run it.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { generateWorkspace } from "../../bench/generate-workspace.ts";
import { normalizeMarkdown } from "../../src/compiler/markdown-blocks.ts";
import { parseStepsFast } from "../../src/compiler/steps-fast.ts";
import { parseStepsWithMdast } from "../../src/compiler/steps.ts";
import { prng } from "../seeded-random.ts";

const examples = [
  "## Steps\n\n1. **Preflight** — Check service health and release window.\n   - tools: http_request\n\n" +
  "2. **Deploy** — Run deployment command.\n   - tools: shell\n   - requires_confirmation: true\n",
  "## Steps\n\n1. **Drain node** — Cordon the node.\n   Wait until all pods have moved.\n   - tools: kubectl\n",
  "## Steps\n\n1. Restart the gateway.\n",
  "# Test SOP\n\n## Steps\n\n1. **Step one** — Do something.\n   - tools: shell\n\n" +
  "2. **Step two** — Do something else.\n   - requires_confirmation: true\n",
];

function exampleSops(): string[] {
  const root = fileURLToPath(new URL("../../sops/", import.meta.url));
  return readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(join(root, entry.name, "SOP.md"), "utf8"));
}

function generatedSop(): string {
  const root = mkdtempSync(join(tmpdir(), "zeroclaw-steps-fast-"));
  try {
    generateWorkspace(root, 1);
    return readFileSync(join(root, "sops", "sop-0000", "SOP.md"), "utf8");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Asserts that the fast path either declines `markdown` or gives exactly the mdast path's steps and warnings. */
function agrees(markdown: string): boolean {
  const fast = parseStepsFast(normalizeMarkdown(markdown));
  if (fast === undefined) return false;
  assert.deepEqual(fast, parseStepsWithMdast(markdown), JSON.stringify(markdown));
  return true;
}

describe("parseStepsFast() on typical files", () => {
  test("parseStepsFast() takes every SOP.md in sops/, the §3.6 examples and the benchmark's SOP.md", () => {
    const files = [...exampleSops(), ...examples, generatedSop()];
    assert.ok(files.length >= 8);
    for (const markdown of files) assert.ok(agrees(markdown), JSON.stringify(markdown));
  });

  test("parseStepsFast() declines what it cannot be sure of", () => {
    const declined = ["## Steps\n\n1. a\n- tools: x\n", "## Steps\n\n```\n1. a\n```\n", "## Steps\n\n\t1. a\n",
      "## Steps ##\n\n1. a\n", "Steps\n---\n\n1. a\n", "## Steps\n\nIntro.\n\n1. a\n", "## Steps\n\n1. a\nlazy\n",
      "## Steps\n\n1. __A__ — x\n", "## Steps\n\n1. **A\n   B** — x\n", "## Steps\n\n1. a\n  - tools: x\n",
      "## Steps\n\n1. a\n   - b\n     c\n", "## Steps\n\n1. a\n   1. b\n", "## Steps\n\n1. a &amp; b\n"];
    for (const markdown of declined) assert.equal(parseStepsFast(markdown), undefined, JSON.stringify(markdown));
  });

  test("parseStepsFast() declines 1 MB of garbage without reading it", () => {
    assert.equal(parseStepsFast(`## Steps\n\n1. ${"*a ".repeat(350_000)}\n`), undefined);
  });

  test("parseStepsFast() leaves a file with a high parse-cost estimate to the mdast path and its budgets", () => {
    assert.equal(parseStepsFast(`## Steps\n\n${"1. **S** — x\n".repeat(5_000)}`), undefined);
    // Deep nesting outside the steps section still costs the mdast path a skipped line and a warning.
    const deep = `## Notes\n\n- ${">".repeat(2_100)}x\n\n## Steps\n\n1. a\n`;
    assert.equal(parseStepsFast(deep), undefined);
    assert.equal(parseStepsWithMdast(deep).warnings.length, 1);
  });
});

// ---- A seeded corpus: the subset's grammar, plus mutations that step outside it ----


type Random = () => number;

function pick<T>(random: Random, options: readonly T[]): T {
  return options[Math.floor(random() * options.length)] as T;
}

/** Mostly a common choice; now and then (`rare` of the time) an unusual one that the fast path may decline. */
function pickMostly<T>(random: Random, common: readonly T[], unusual: readonly T[], rare = 0.03): T {
  return pick(random, random() < rare ? unusual : common);
}

const words = ["Check", "the", "gateway", "Deploy", "service", "health", "and", "release", "window", "10", "°C"];
const oddWords = ["é", "file_read", "a-b", "(now)", "x.", "Go!", "«q»", "🚀", "2024.", "tools:", "a:b", "—",
  "#1", "[x]", "`c`", "a_b", "?", "1)", "x\u00a0y", "- x"];
const titles = ["Preflight", "Deploy", "Drain node", "Check health", "Läuft", "Go!", "(A)", "Check.", "Sum: 2"];
const oddTitles = ["Ünïcode", "🚀 Ship", "A_b", "a`b`", "x ", " x", "A\u00a0", "\u00a0A", "A\u0085", "\uFEFFA",
  "A*B", "[A]", "1.", "—", "«A»", "A°", "-A", "A-", "a`b", "[a", "a]", "a_", "_a", "a_b", "x\u0085"];
const separators = [" — ", " — ", " — ", " – ", " - ", "—", " "];
const oddSeparators = [" -- ", ": ", "", " — — ", "\u00a0—\u00a0", "!", "x", ".", "\u0085", "` ", "](u) ", "_ ",
  "°"];
// Whole first lines where inline parsing decides whether the bold title is a strong run at all.
const oddFirstLines = ["**a`b**` x", "**[a**](u) x", "**a_**_ x", "**_a**_", "**a**b", "**Go!**x", "**Go!**—x",
  "**Go!**\u00a0x", "**Go!**\u0085x", "**A**\u0085— x", "**(A)**", "**A** **B**", "**A**`c`", "***A***", "**A*",
  "** A**", "**A **", "**«A»**»", "**A°**°", "**🚀**x", "**A🚀**", "__A__ x", "_A_ x", "**A** _x_ x"];
const bulletTexts = ["tools: shell", "tools: http_request, file_read", "requires_confirmation: true", "note",
  "tools: notify", "requires_confirmation: false"];
const oddBulletTexts = ["tools:", "tools: a,, b ,", "Tools: x", "tools : y", "requires_confirmation: TRUE",
  "requires_confirmation: yes", "requires_confirmation:true", "tools: `shell`", "tools:\u00a0a\u0085", "2 hours",
  "1. x", "# x", "[x]: y", "- x", "> q"];
const headings = ["## Steps", "## Other", "### Phase 2", "# Title", "## Notes"];
const oddHeadings = ["## STEPS", "## steps", "##   Steps   ", "## Steps\u00a0", "#", "##", "## ", "#### Deep",
  "## Step", "## Procedure Steps", "## \u0085Steps", "## Steps ##", "## `Steps`", "##Steps", "####### x"];

function sentence(random: Random): string {
  const count = 1 + Math.floor(random() * 5);
  return Array.from({ length: count }, () => pickMostly(random, words, oddWords, 0.02)).join(" ");
}

function blankLines(random: Random): string[] {
  return Array.from({ length: pick(random, [0, 1, 1, 1, 2]) }, () => "");
}

/** One ordered-list item: first line, continuation lines, sub-bullets and later paragraphs at its content column. */
function itemLines(random: Random, number: string, delimiter: string): string[] {
  const pad = " ".repeat(number.length + 2);
  const bold = (): string => `**${pickMostly(random, titles, oddTitles)}**` +
    pickMostly(random, separators, oddSeparators) + (random() < 0.8 ? sentence(random) : "");
  const first = random() < 0.02 ? pick(random, oddFirstLines) : random() < 0.75 ? bold() : sentence(random);
  const lines = [`${number}${delimiter} ${first}`];
  for (let i = Math.floor(random() * 3); i > 0; i--) lines.push(pad + sentence(random));
  if (random() < 0.7) {
    if (random() < 0.2) lines.push("");
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
      lines.push(`${pad}- ${pickMostly(random, bulletTexts, oddBulletTexts)}`);
    }
  }
  if (random() < 0.25) lines.push("", pad + sentence(random), ...(random() < 0.5 ? [pad + sentence(random)] : []));
  return lines;
}

function stepsList(random: Random): string[] {
  const lines: string[] = [];
  const delimiter = random() < 0.8 ? "." : ")";
  let number = pick(random, [1, 1, 1, 0, 3, 10, 99]);
  for (let i = 1 + Math.floor(random() * 4); i > 0; i--) {
    const written = random() < 0.05 ? `00${number}` : String(number);
    lines.push(...itemLines(random, written, random() < 0.05 ? ")" : delimiter), ...blankLines(random));
    number += pick(random, [1, 1, 1, 1, 0, 2, 7]);
  }
  return lines;
}

/** A document of the subset: an optional preamble, then sections, most of them steps sections with lists. */
function document(random: Random): string[] {
  const lines: string[] = [];
  if (random() < 0.5) lines.push(`# ${sentence(random)}`, "");
  if (random() < 0.3) lines.push(sentence(random), "");
  for (let s = 1 + Math.floor(random() * 2); s > 0; s--) {
    lines.push(random() < 0.7 ? "## Steps" : pickMostly(random, headings, oddHeadings, 0.3), ...blankLines(random));
    for (let l = 1 + Math.floor(random() * 2); l > 0; l--) {
      if (l === 1 && random() < 0.2) lines.push(pick(random, ["### Phase 1", "### Phase 2"]), "");
      lines.push(...stepsList(random));
    }
  }
  return lines;
}

const mutations: ((line: string, random: Random) => string[])[] = [
  (line) => [`\t${line}`],
  (line) => [line.replace(" ", "\t")],
  (line, random) => [insertAt(line, random, "*")],
  (line, random) => [insertAt(line, random, pick(random, ["_", "`", "[", "]", "&amp;", "<b>", "\\", "**", "#"]))],
  (line) => [line.trimStart()],
  (line) => [` ${line}`],
  (line) => [line.slice(1)],
  (line) => [`  ${line}`],
  (line, random) => [line, pick(random, ["```", "~~~", "   ```", "    code", "> quote", "<div>", "<!-- c -->"])],
  (line) => [`> ${line}`],
  () => [],
  (line) => [line, ""],
  (line) => [line.replace(".", ")")],
  (line) => [line.replace(")", ".")],
  (line, random) => [line, pick(random, [...headings, ...oddHeadings])],
  (line, random) => [line, pick(random, ["---", "===", "- - -", "***", "___", "-", "Steps", "  ---"])],
  (line, random) => [line, "", "Steps", pick(random, ["---", "===", "-", "  ---"])],
  (line, random) => [line, pick(random, ["Stray text", "- tools: x", "- requires_confirmation: true", "* x"])],
  (line, random) => [line, pick(random, ["   - tools: y", "     more", "  lazy", "   1. nested", "   + plus"])],
  (line, random) => [line + pick(random, ["  ", " ", "\u00a0", "\u0085", "\u3000"])],
  (line, random) => [pick(random, ["\u00a0", "\u0085", "\u3000", "\uFEFF"]) + line],
  (line, random) => [line.replace(/^( *)/, `$1${pick(random, ["\u00a0", "\u3000", "\u0085"])}`)],
  (line) => [line.replace(/^\d+/, "1234567890")],
  (line) => [line.replace(/^(\d+[.)]) /, "$1  ")],
  (line) => [line.replace("- ", "-  ")],
  (line) => [line, "[x]: https://x.test"],
];

function insertAt(line: string, random: Random, text: string): string {
  const at = Math.floor(random() * (line.length + 1));
  return line.slice(0, at) + text + line.slice(at);
}

/** A document from the grammar, with one to three random mutations in three of five documents. */
function corpusDocument(random: Random): string {
  let lines = document(random);
  const count = random() < 0.4 ? 0 : 1 + Math.floor(random() * 3);
  for (let m = 0; m < count; m++) {
    const at = Math.floor(random() * lines.length);
    const mutate = pick(random, mutations);
    lines = [...lines.slice(0, at), ...mutate(lines[at] ?? "", random), ...lines.slice(at + 1)];
  }
  return lines.join("\n") + (random() < 0.8 ? "\n" : "");
}

const CORPUS_SIZE = 20_000;
// The mdast path takes about a millisecond per document, so the corpus needs more than the default 5 s.
const slow = { timeout: 300_000 };

describe("parseStepsFast() against the mdast path", () => {
  test(`parseStepsFast() equals parseStepsWithMdast() wherever it answers, on ${CORPUS_SIZE} documents`, slow, () => {
    const random = prng(20_240_601);
    let accepted = 0;
    for (let i = 0; i < CORPUS_SIZE; i++) if (agrees(corpusDocument(random))) accepted++;
    // Not vacuous: a healthy share takes the fast path, mutated documents among them.
    assert.ok(accepted >= 0.3 * CORPUS_SIZE, `only ${accepted} of ${CORPUS_SIZE} took the fast path`);
    assert.ok(accepted <= 0.9 * CORPUS_SIZE, `${accepted} of ${CORPUS_SIZE}: the mutations should be declined often`);
  });

  test("parseStepsFast() equals parseStepsWithMdast() on files long enough to be parsed in pieces", slow, () => {
    const random = prng(7);
    let accepted = 0;
    for (let i = 0; i < 20; i++) {
      // Documents the fast path takes alone, so that the long one is taken too unless it is over budget.
      const parts = Array.from({ length: 80 }, () => `## Other\n\n${document(random).join("\n")}\n`)
        .filter((part) => parseStepsFast(part) !== undefined);
      const markdown = parts.join("\n");
      assert.ok(markdown.length > 8192, `${markdown.length}`);
      if (agrees(markdown)) accepted++;
    }
    assert.ok(accepted >= 10, `${accepted}`);
  });
});
