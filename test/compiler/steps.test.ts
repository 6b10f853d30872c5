// Tests for SOP.md step parsing (definitions.md §3, DECISIONS D2, D3, resolved details 1–3).
// node:test + node:assert/strict only, so `bun test` and `deno test` run the same file.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Step } from "../../src/compiler/sop.ts";
import { notIndentedWarning, noStepWarning, parseSteps } from "../../src/compiler/steps.ts";

function stepsOf(markdown: string): Step[] {
  return parseSteps(markdown).steps;
}

function onlyStep(markdown: string): Step {
  const steps = stepsOf(markdown);
  assert.equal(steps.length, 1, `expected one step, got ${JSON.stringify(steps)}`);
  return steps[0] as Step;
}

/** One step parsed from `## Steps` followed by `item`. */
function item(markdown: string): Step {
  return onlyStep(`## Steps\n\n${markdown}\n`);
}

function step(number: number, title: string, body = "", tools: string[] = [], confirm = false): Step {
  return { number, title, body, suggestedTools: tools, requiresConfirmation: confirm };
}

function numbers(markdown: string): number[] {
  return stepsOf(markdown).map((s) => s.number);
}

describe("parseSteps() steps section (§3.1)", () => {
  test("parseSteps() opens the section at `## Steps` in any ASCII case", () => {
    for (const heading of ["## Steps", "## STEPS", "## steps", "## sTePs", "##   Steps   ", "## Steps ##", " ## Steps"]) {
      assert.deepEqual(numbers(`${heading}\n\n1. a\n`), [1], heading);
    }
  });

  test("parseSteps() opens the section at a setext `Steps` heading underlined with ---", () => {
    assert.deepEqual(numbers("Steps\n---\n\n1. a\n"), [1]);
    assert.deepEqual(numbers("Steps\n=====\n\n1. a\n"), []);
  });

  test("parseSteps() does not open the section at `## Steps:`, `## Procedure Steps`, `# Steps`, `### Steps`, `##Steps`", () => {
    for (const heading of ["## Steps:", "## Procedure Steps", "# Steps", "### Steps", "##Steps", "    ## Steps"]) {
      assert.deepEqual(numbers(`${heading}\n\n1. a\n`), [], heading);
    }
  });

  test("parseSteps() matches the heading's plain text, so markup around `Steps` still opens it", () => {
    assert.deepEqual(numbers("## **Steps**\n\n1. a\n"), [1]);
    assert.deepEqual(numbers("## `Steps`\n\n1. a\n"), [1]);
    assert.deepEqual(numbers("## St&#101;ps\n\n1. a\n"), [1]);
  });

  test("parseSteps() uses only top-level headings, not headings inside quotes or lists", () => {
    assert.deepEqual(numbers("> ## Steps\n\n1. a\n"), []);
    assert.deepEqual(numbers("- ## Steps\n\n1. a\n"), []);
    assert.deepEqual(numbers("```\n## Steps\n```\n\n1. a\n"), []);
  });

  test("parseSteps() ASCII-folds only: a long s (U+017F) does not match `s`", () => {
    assert.deepEqual(numbers("## \u017Fteps\n\n1. a\n"), []);
  });

  test("parseSteps() ends the section at the next level-1 or level-2 heading, not at level 3", () => {
    const md = "## Steps\n\n1. a\n\n### Phase 2\n\n2. b\n\n## Notes\n\n3. c\n\n# Appendix\n\n4. d\n";
    assert.deepEqual(numbers(md), [1, 2]);
    assert.deepEqual(numbers("## Steps\n\n1. a\n\nNotes\n=====\n\n2. b\n"), [1]);
  });

  test("parseSteps() concatenates several steps sections in document order", () => {
    const md = "## Steps\n\n1. a\n\n## Other\n\n9. x\n\n## STEPS\n\n2. b\n";
    assert.deepEqual(stepsOf(md).map((s) => s.title), ["a", "b"]);
  });

  test("parseSteps() gives no steps and no warnings for a document without a steps section", () => {
    assert.deepEqual(parseSteps("# Deploy\n\n1. **A** — x\n\n## Notes\n\n- tools: shell\n"), { steps: [], warnings: [] });
  });
});

describe("parseSteps() items (§3.2)", () => {
  test("parseSteps() concatenates the ordered lists of a section, separated by `### Phase` headings", () => {
    const md = "## Steps\n\n### Phase 1\n\n1. a\n2. b\n\n### Phase 2\n\n3. c\n\n### Phase 3\n\n1) d\n";
    assert.deepEqual(stepsOf(md).map((s) => [s.number, s.title]), [[1, "a"], [2, "b"], [3, "c"], [1, "d"]]);
    assert.deepEqual(parseSteps(md).warnings, []);
  });

  test("parseSteps() accepts the `1)` delimiter", () => {
    assert.deepEqual(item("1) **A** — x"), step(1, "A", "x"));
  });

  test("parseSteps() keeps ordered lists nested in an item in its body, not as steps", () => {
    assert.deepEqual(item("1. **A** — x\n   1. one\n   2. two"), step(1, "A", "x\n1. one\n2. two"));
  });

  test("parseSteps() keeps `2024. The year` inside a paragraph as body text", () => {
    assert.deepEqual(item("1. **A** — x\n   2024. The year in review"), step(1, "A", "x\n2024. The year in review"));
    assert.deepEqual(numbers("## Steps\n\nIntro line\n2024. The year\n"), []);
  });

  test("parseSteps() ignores text outside ordered-list items and warns once per run of it, located", () => {
    const md = "## Steps\n\nFollow these.\n\n- a bullet\n\n```\ncode\n```\n\n1. a\n\n  More text.\n";
    const parsed = parseSteps(md);
    assert.deepEqual(parsed.steps, [step(1, "a")]);
    assert.deepEqual(parsed.warnings, [
      { message: noStepWarning, line: 3, column: 1 },
      { message: noStepWarning, line: 13, column: 3 },
    ]);
  });

  test("parseSteps() does not warn about thematic breaks, link definitions or HTML comments in the section", () => {
    assert.deepEqual(parseSteps("## Steps\n\n1. a\n\n---\n\n[x]: https://x.test\n\n<!-- note -->\n\n2. b\n").warnings, []);
  });

  test("parseSteps() does not take ordered lists inside a block quote as steps", () => {
    const parsed = parseSteps("## Steps\n\n> 1. quoted\n");
    assert.deepEqual(parsed.steps, []);
    assert.deepEqual(parsed.warnings, [{ message: noStepWarning, line: 3, column: 1 }]);
  });
});

describe("parseSteps() step numbers (§3.3, D2)", () => {
  test("parseSteps() reads the written number, 5. gives 5", () => {
    assert.deepEqual(numbers("## Steps\n\n5. a\n"), [5]);
  });

  test("parseSteps() reads the written number of every item, 10) gives 10", () => {
    assert.deepEqual(numbers("## Steps\n\n1) a\n10) b\n3) c\n"), [1, 10, 3]);
  });

  test("parseSteps() keeps repeated and out-of-order numbers in document order", () => {
    assert.deepEqual(numbers("## Steps\n\n1. a\n1. b\n1. c\n"), [1, 1, 1]);
    assert.deepEqual(numbers("## Steps\n\n3. a\n1. b\n2. c\n"), [3, 1, 2]);
  });

  test("parseSteps() reads leading zeros and nine digits", () => {
    assert.deepEqual(numbers("## Steps\n\n007. a\n123456789. b\n"), [7, 123456789]);
    assert.deepEqual(numbers("## Steps\n\n1234567890. ten digits\n"), []);
  });

  test("parseSteps() reads the number of an item indented by up to three spaces", () => {
    assert.deepEqual(numbers("## Steps\n\n   4. a\n   5. b\n"), [4, 5]);
  });
});

describe("parseSteps() title and body (§3.4, resolved detail 1)", () => {
  test("parseSteps() drops one em dash, en dash or hyphen after a bold title", () => {
    for (const md of ["1. **A** — x", "1. **A** – x", "1. **A** - x", "1. **A**—x", "1. **A**–x", "1. **A**-x"]) {
      assert.deepEqual(item(md), step(1, "A", "x"), md);
    }
  });

  test("parseSteps() removes only one separator, **A** -- x gives `- x`", () => {
    assert.deepEqual(item("1. **A** -- x"), step(1, "A", "- x"));
    assert.deepEqual(item("1. **A** — — x"), step(1, "A", "— x"));
  });

  test("parseSteps() does not treat a colon as a separator, **A**: x gives `: x`", () => {
    assert.deepEqual(item("1. **A**: x"), step(1, "A", ": x"));
  });

  test("parseSteps() takes the rest after a bold title without separator, and an empty rest", () => {
    assert.deepEqual(item("1. **A** x"), step(1, "A", "x"));
    assert.deepEqual(item("1. **A**"), step(1, "A", ""));
    assert.deepEqual(item("1. **A** —"), step(1, "A", ""));
  });

  test("parseSteps() accepts __A__ as the strong run", () => {
    assert.deepEqual(item("1. __Deploy__ — run it"), step(1, "Deploy", "run it"));
  });

  test("parseSteps() keeps the title's inner markup as written", () => {
    assert.deepEqual(item("1. **Run `make`** — now"), step(1, "Run `make`", "now"));
  });

  test("parseSteps() takes the whole line as title when the item does not start with bold", () => {
    assert.deepEqual(item("1. Restart the gateway."), step(1, "Restart the gateway.", ""));
    assert.deepEqual(item("1. Run the **deploy** script"), step(1, "Run the **deploy** script", ""));
    assert.deepEqual(item("1. *A* — x"), step(1, "*A* — x", ""));
  });

  test("parseSteps() takes the first line as title of a multi-line paragraph without bold (resolved detail 1)", () => {
    assert.deepEqual(item("1. Restart the gateway.\n   Then check the logs.\n   Twice."), step(1, "Restart the gateway.", "Then check the logs.\nTwice."));
  });

  test("parseSteps() joins a multi-line bold title's lines with \\n", () => {
    assert.deepEqual(item("1. **Drain\n   node** — x"), step(1, "Drain\nnode", "x"));
  });

  test("parseSteps() keeps inline markup of the body as written", () => {
    assert.deepEqual(item("1. **A** — run `make` with **care** and [docs](https://x.test)"),
      step(1, "A", "run `make` with **care** and [docs](https://x.test)"));
  });

  test("parseSteps() joins later paragraphs with one \\n, dropping blank lines", () => {
    assert.deepEqual(item("1. **A** — x\n\n   Second para\n   line two.\n\n\n   Third."), step(1, "A", "x\nSecond para\nline two.\nThird."));
  });

  test("parseSteps() renders bullet items as `- text` whatever their marker", () => {
    assert.deepEqual(item("1. **A** — x\n   - dash\n   * star\n   + plus"), step(1, "A", "x\n- dash\n- star\n- plus"));
  });

  test("parseSteps() renders a bullet item's continuation lines and nested bullets as lines", () => {
    assert.deepEqual(item("1. **A**\n   - first\n     more\n     - inner"), step(1, "A", "- first\nmore\n- inner"));
  });

  test("parseSteps() renders nested ordered items as `N. text` with their written numbers", () => {
    assert.deepEqual(item("1. **A**\n\n   3) three\n   7) seven"), step(1, "A", "3. three\n7. seven"));
    // A list that does not start at 1 cannot interrupt a paragraph, so these lines stay paragraph text.
    assert.deepEqual(item("1. **A**\n   3) three\n   7) seven"), step(1, "A", "3) three\n7) seven"));
  });

  test("parseSteps() keeps a code fence with `#` lines and blank lines, fences included, indentation removed", () => {
    const md = "1. **Build** — run:\n   ```sh\n   # comment\n\n     indented\n   ## not a heading\n   ```\n2. **Next**";
    const steps = stepsOf(`## Steps\n\n${md}\n`);
    assert.deepEqual(steps, [
      step(1, "Build", "run:\n```sh\n# comment\n\n  indented\n## not a heading\n```"),
      step(2, "Next"),
    ]);
  });

  test("parseSteps() renders block quotes, HTML and headings in an item as their source lines", () => {
    assert.deepEqual(item("1. **A**\n   > quoted\n   > more\n\n   <div>\n   hi\n   </div>\n\n   ### Sub"),
      step(1, "A", "> quoted\n> more\n<div>\nhi\n</div>\n### Sub"));
  });

  test("parseSteps() keeps an indented code block's own indentation, but trims the body as a whole", () => {
    assert.deepEqual(item("1. **A** — x\n\n       code\n         more"), step(1, "A", "x\n    code\n      more"));
    assert.deepEqual(item("1. **A**\n\n       code\n         more"), step(1, "A", "code\n      more"));
  });

  test("parseSteps() gives an empty title and a full body when the item does not start with a paragraph", () => {
    assert.deepEqual(item("1. ```\n   code\n   ```\n   after"), step(1, "", "```\ncode\n```\nafter"));
    assert.deepEqual(item("1. > quote"), step(1, "", "> quote"));
    assert.deepEqual(stepsOf("## Steps\n\n1.\n2. b\n"), [step(1, ""), step(2, "b")]);
  });

  test("parseSteps() trims with the Unicode White_Space set, keeping U+FEFF", () => {
    assert.deepEqual(item("1. **A** \u00a0\u2014\u00a0x\u0085"), step(1, "A", "x"));
    assert.deepEqual(item("1. \uFEFFA"), step(1, "\uFEFFA", ""));
  });
});

describe("parseSteps() sub-bullets (§3.5)", () => {
  test("parseSteps() splits `tools:` on commas, trims and drops empty pieces", () => {
    assert.deepEqual(item("1. **A**\n   - tools: shell, file_read,, http_request ,").suggestedTools,
      ["shell", "file_read", "http_request"]);
  });

  test("parseSteps() keeps tool names as written: tools: `shell` and tools: a b", () => {
    assert.deepEqual(item("1. **A**\n   - tools: `shell`").suggestedTools, ["`shell`"]);
    assert.deepEqual(item("1. **A**\n   - tools: a b").suggestedTools, ["a b"]);
    assert.deepEqual(item("1. **A**\n   - tools:\u00a0a\u0085").suggestedTools, ["a"]);
  });

  test("parseSteps() gives no tools for `tools:` alone, and the last tools line wins", () => {
    assert.deepEqual(item("1. **A**\n   - tools:"), step(1, "A"));
    assert.deepEqual(item("1. **A**\n   - tools: a\n   - tools: b, c").suggestedTools, ["b", "c"]);
    assert.deepEqual(item("1. **A**\n   - tools: a\n   - tools:").suggestedTools, []);
  });

  test("parseSteps() keeps `Tools: x`, `tools : x` and other bullets in the body", () => {
    assert.deepEqual(item("1. **A**\n   - Tools: x\n   - tools : y\n   - note\n   - tools: z"),
      step(1, "A", "- Tools: x\n- tools : y\n- note", ["z"]));
  });

  test("parseSteps() sets requires_confirmation only for `true` in any ASCII case", () => {
    for (const value of ["true", "TRUE", "True", " true "]) {
      assert.equal(item(`1. **A**\n   - requires_confirmation: ${value}`).requiresConfirmation, true, value);
    }
    assert.equal(item("1. **A**\n   - requires_confirmation:true").requiresConfirmation, true);
    for (const value of ["yes", "1", "false", "", "truex", "\u0074rue!"]) {
      assert.equal(item(`1. **A**\n   - requires_confirmation: ${value}`).requiresConfirmation, false, value);
    }
  });

  test("parseSteps() lets the last requires_confirmation line win", () => {
    assert.equal(item("1. **A**\n   - requires_confirmation: true\n   - requires_confirmation: no").requiresConfirmation, false);
    assert.equal(item("1. **A**\n   - requires_confirmation: no\n   - requires_confirmation: true").requiresConfirmation, true);
  });

  test("parseSteps() recognises sub-bullets only in a bullet list directly in the item", () => {
    assert.deepEqual(item("1. **A**\n   - group\n     - tools: deep"), step(1, "A", "- group\n- tools: deep"));
    assert.deepEqual(item("1. **A**\n   1. tools: numbered"), step(1, "A", "1. tools: numbered"));
    assert.deepEqual(item("1. **A**\n   tools: shell"), step(1, "A", "tools: shell"));
  });

  test("parseSteps() recognises sub-bullets when the item starts with the bullet list", () => {
    assert.deepEqual(item("1. - tools: shell\n   - note"), step(1, "", "- note", ["shell"]));
  });
});

describe("parseSteps() examples (§3.6)", () => {
  test("parseSteps() reads the documented two-step example", () => {
    const md = "## Steps\n\n1. **Preflight** — Check service health and release window.\n   - tools: http_request\n\n" +
      "2. **Deploy** — Run deployment command.\n   - tools: shell\n   - requires_confirmation: true\n";
    assert.deepEqual(parseSteps(md), {
      steps: [
        step(1, "Preflight", "Check service health and release window.", ["http_request"]),
        step(2, "Deploy", "Run deployment command.", ["shell"], true),
      ],
      warnings: [],
    });
  });

  test("parseSteps() joins an indented continuation line with \\n", () => {
    const md = "1. **Drain node** — Cordon the node.\n   Wait until all pods have moved.\n   - tools: kubectl";
    assert.deepEqual(item(md), step(1, "Drain node", "Cordon the node.\nWait until all pods have moved.", ["kubectl"]));
  });

  test("parseSteps() reads the worked example of §5.4", () => {
    const md = "# Test SOP\n\n## Steps\n\n1. **Step one** — Do something.\n   - tools: shell\n\n" +
      "2. **Step two** — Do something else.\n   - requires_confirmation: true\n";
    assert.deepEqual(stepsOf(md), [
      step(1, "Step one", "Do something.", ["shell"]),
      step(2, "Step two", "Do something else.", [], true),
    ]);
  });
});

describe("parseSteps() sub-bullets outside the item (resolved detail 2)", () => {
  test("parseSteps() applies a tools bullet list right after a step, with a located warning", () => {
    const md = "## Steps\n\n1. **Deploy** — run\n- tools: shell\n- requires_confirmation: true\n\n2. **Check**\n";
    assert.deepEqual(parseSteps(md), {
      steps: [step(1, "Deploy", "run", ["shell"], true), step(2, "Check")],
      warnings: [
        { message: "Step 1: 'tools' bullet is not indented under its step", line: 4, column: 1 },
        { message: notIndentedWarning(1, "requires_confirmation"), line: 5, column: 1 },
      ],
    });
  });

  test("parseSteps() applies an under-indented sub-bullet to the last item of the list before it", () => {
    const md = "## Steps\n\n1. a\n\n   3. **C** — x\n  - requires_confirmation: true\n";
    const parsed = parseSteps(md);
    assert.deepEqual(parsed.steps.map((s) => s.requiresConfirmation), [true]);
    assert.deepEqual(parsed.warnings, [{ message: notIndentedWarning(1, "requires_confirmation"), line: 6, column: 3 }]);
  });

  test("parseSteps() lets an outside tools line win over the nested one, as it comes later", () => {
    assert.deepEqual(stepsOf("## Steps\n\n1. a\n   - tools: x\n- tools: y\n")[0]?.suggestedTools, ["y"]);
  });

  test("parseSteps() warns about other bullets in such a list as text that belongs to no step", () => {
    const parsed = parseSteps("## Steps\n\n1. a\n- tools: x\n- a note\n");
    assert.deepEqual(parsed.steps, [step(1, "a", "", ["x"])]);
    assert.deepEqual(parsed.warnings.map((w) => [w.message, w.line]), [
      [notIndentedWarning(1, "tools"), 4],
      [noStepWarning, 5],
    ]);
  });

  test("parseSteps() does not apply a tools list that follows other text or starts the section", () => {
    assert.deepEqual(parseSteps("## Steps\n\n- tools: x\n\n1. a\n"), {
      steps: [step(1, "a")],
      warnings: [{ message: noStepWarning, line: 3, column: 1 }],
    });
    assert.deepEqual(stepsOf("## Steps\n\n1. a\n\nNote.\n\n- tools: x\n")[0]?.suggestedTools, []);
    assert.deepEqual(stepsOf("## Steps\n\n1. a\n\n### Next\n\n- tools: x\n")[0]?.suggestedTools, []);
  });
});

// Hang guards, not timing goals (those live in bench/): each case finishes in milliseconds to a few seconds.
const hangGuard = { timeout: 30_000 };

describe("parseSteps() on nasty input", () => {
  test("parseSteps() gives nothing for empty and blank input", () => {
    for (const md of ["", "\n", "   \n\t\n", "\uFEFF", "## Steps", "## Steps\n\n"]) {
      assert.deepEqual(parseSteps(md), { steps: [], warnings: [] }, JSON.stringify(md));
    }
  });

  test("parseSteps() turns an internal failure into a warning instead of throwing", () => {
    const parsed = parseSteps(undefined as unknown as string);
    assert.deepEqual(parsed.steps, []);
    assert.match(parsed.warnings[0]?.message ?? "", /^Cannot parse SOP\.md: /);
  });

  test("parseSteps() ignores a leading byte-order mark", () => {
    assert.deepEqual(stepsOf("\uFEFF## Steps\n\n1. **A** — x\n"), [step(1, "A", "x")]);
  });

  test("parseSteps() gives the same steps and warnings for CRLF and CR line endings as for LF", () => {
    const lf = "## Steps\n\n1. **A** — x\n   more\n   ```\n   code\n\n   ```\n   - tools: a\n- requires_confirmation: true\n\nStray.\n";
    const expected = parseSteps(lf);
    assert.equal(expected.steps.length, 1);
    assert.deepEqual(parseSteps(lf.replaceAll("\n", "\r\n")), expected);
    assert.deepEqual(parseSteps(lf.replaceAll("\n", "\r")), expected);
    assert.deepEqual(parseSteps(`\uFEFF${lf.replaceAll("\n", "\r\n")}`), expected);
  });

  test("parseSteps() keeps NUL characters and never throws on binary garbage", () => {
    assert.deepEqual(item("1. **A\u0000B** — x\u0000y"), step(1, "A\u0000B", "x\u0000y"));
    let seed = 42;
    for (let round = 0; round < 20; round++) {
      let garbage = round % 2 === 0 ? "## Steps\n\n" : "";
      for (let i = 0; i < 20_000; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        garbage += String.fromCharCode(round < 10 ? seed % 256 : seed % 0xffff);
      }
      const parsed = parseSteps(garbage);
      assert.ok(Array.isArray(parsed.steps) && Array.isArray(parsed.warnings));
    }
  });

  test("parseSteps() survives 10,000 nested list levels and quotes on one line, with a warning", hangGuard, () => {
    for (const deep of ["- ".repeat(10_000), "1. ".repeat(10_000), ">".repeat(10_000), "> ".repeat(10_000)]) {
      const parsed = parseSteps(`## Steps\n\n1. **A** — x\n\n${deep}x\n\n2. **B**\n`);
      assert.deepEqual(parsed.steps.map((s) => s.title), ["A", "B"]);
      assert.equal(parsed.warnings.length, 1);
      assert.match(parsed.warnings[0]?.message ?? "", /^lines 5-5 were not parsed: /);
    }
  });

  test("parseSteps() survives 10,000 nested levels written one per line, 1 MB each", hangGuard, () => {
    const stairs = Array.from({ length: 10_000 }, (_, i) => `${" ".repeat(2 * i)}- x`).join("\n");
    const quotes = Array.from({ length: 10_000 }, (_, i) => `${">".repeat(i + 1)} x`).join("\n");
    for (const deep of [stairs.slice(0, 1_000_000), quotes.slice(0, 1_000_000)]) {
      const parsed = parseSteps(`## Steps\n\n1. a\n\n${deep}\n`);
      assert.deepEqual(parsed.steps.map((s) => s.title), ["a"]);
      assert.match(parsed.warnings[0]?.message ?? "", /were not parsed: the Markdown nests too deeply or is too complex$/);
    }
  });

  test("parseSteps() returns on 1 MB of pathological inline markup, with a warning", hangGuard, () => {
    const inputs = [
      `1. ${"*a ".repeat(100_000)}b${" a*".repeat(100_000)}`,
      `1. ${"[a](".repeat(250_000)}`,
      `1. ${"a* ".repeat(330_000)}`,
      `1. ${"[".repeat(500_000)}${"]".repeat(500_000)}`,
    ];
    for (const input of inputs) {
      const parsed = parseSteps(`## Steps\n\n${input}\n`);
      assert.equal(parsed.warnings.length, 1);
    }
  });

  test("parseSteps() stops at a size budget on 5 MB of dense steps, with a warning", hangGuard, () => {
    const parsed = parseSteps(`## Steps\n\n${"1. **Step** — do a thing\n   - tools: a, b\n".repeat(120_000)}`);
    assert.ok(parsed.steps.length > 1_000);
    assert.deepEqual(parsed.steps[999], step(1, "Step", "do a thing", ["a", "b"]));
    assert.match(parsed.warnings.at(-1)?.message ?? "", /^lines \d+-240002 were not parsed: the file is too large to parse$/);
  });

  test("parseSteps() skips 5 MB without a steps heading unparsed, and trailing blank lines cheaply", hangGuard, () => {
    const prose = "Some prose about the service, *with* emphasis and [links](https://x.test).\n\n".repeat(65_000);
    assert.deepEqual(parseSteps(prose), { steps: [], warnings: [] });
    assert.deepEqual(parseSteps(`## Steps\n\n1. a\n${"\n".repeat(5_000_000)}`), { steps: [step(1, "a")], warnings: [] });
  });
});

describe("parseSteps() on long files, parsed in pieces", () => {
  // Files are cut at lines in column 1 into pieces of about 4 KB. A first step of about 4 KB moves the first cut
  // through every line of the tail, so each tricky construct meets a cut once.
  const padded = (tail: string, pad: number): string => `## Steps\n\n1. ${"s".repeat(3_900 + pad)}\n${tail}`;

  test("parseSteps() gives the same steps wherever the cut falls in a long file", () => {
    const tail = "1. **A** — x\n   more\n   ```\n   # code\n\n   ```\n- tools: t\n2. **B**\n\n   body\n" +
      "text\n3) c\n> q\n4. after quote\n\nStray text\n2. lazy\n\n```\n1. in fence\n\n# not heading\n```\n" +
      "<!--\n\n1. in comment\n-->\n<div>\n2. in html\n\n5. **E**\n- requires_confirmation: true\n";
    const expected = parseSteps(`## Steps\n\n${tail}`);
    assert.deepEqual(expected.steps.map((s) => s.number), [1, 2, 3, 4, 5]);
    assert.deepEqual(expected.steps[4], step(5, "E", "", [], true));
    for (let pad = 0; pad < tail.length + 200; pad++) {
      const parsed = parseSteps(padded(tail, pad));
      assert.deepEqual(parsed.steps.slice(1), expected.steps, `pad ${pad}`);
      assert.deepEqual(parsed.warnings.map((w) => [w.message, (w.line ?? 0) - 1]),
        expected.warnings.map((w) => [w.message, w.line]), `pad ${pad}`);
    }
  });

  test("parseSteps() keeps a long code fence whole, so list-like lines in it make no steps", () => {
    const fence = `\`\`\`\n${"1. not a step\n\n".repeat(3_000)}\`\`\`\n`;
    assert.deepEqual(numbers(`## Steps\n\n1. a\n\n${fence}\n2. b\n`), [1, 2]);
  });
});
