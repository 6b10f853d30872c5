// Property tests (issue #8): SOP.toml (decodeManifest), SOP.md (parseSteps) and a whole SOP folder (compileSop)
// return a value or diagnostics for any text, within the call bound, with output bounded by the input.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { compileSop } from "../../src/compiler/compile-sop.ts";
import { decodeManifest } from "../../src/compiler/manifest.ts";
import { parseSteps } from "../../src/compiler/steps.ts";
import { anyText, assertBounded, checkProperty, mutated, pathological, timed } from "./property.ts";

const manifestSamples = [
  `[sop]\nname = "deploy-prod"\ndescription = "Deploy"\nversion = "1.0.0"\npriority = "high"\n` +
    `execution_mode = "supervised"\ncooldown_secs = 300\nmax_concurrent = 1\nqueue = 2\n\n` +
    `[[triggers]]\ntype = "webhook"\npath = "/sop/deploy"\ncondition = "$.env == \\"prod\\""\n\n` +
    `[[triggers]]\ntype = "mqtt"\ntopic = "sensors/+/temperature"\ncondition = "$.value > 85"\n\n` +
    `[[triggers]]\ntype = "cron"\nexpression = "0 8 * * 1-5"\ntimezone = "Europe/Berlin"\n\n` +
    `[[triggers]]\ntype = "peripheral"\nboard = "boiler"\nsignal = "temp"\ncondition = "> 85"\n\n` +
    `[[triggers]]\ntype = "manual"\n`,
  `triggers = [{ type = "manual" }, { type = "webhook", path = "/x", condition = "> 1" }]\n[sop]\nname = "n"\n` +
    `description = "d"\n`,
];
const tomlFragments = ["[sop]", "[[triggers]]", "\n", " = ", '"', "'", "'''", '"""', "name", "type", "webhook",
  "mqtt", "cron", "peripheral", "manual", "condition", "$.a", " > ", "1", "-1", "1e400", "0x7f", "18446744073709551616",
  "true", "[", "]", "{", "}", ",", ".", "#", "\\u0000", "\\", "\r\n", "\uFEFF", "\u0000", "é", "\ud800", "inf", "nan",
  "1979-05-27T07:32:00Z", "priority", "queue", "cooldown_secs", "max_concurrent", "execution_mode"];
const manifestText = fc.oneof(anyText(tomlFragments, 600), mutated(manifestSamples, tomlFragments),
  pathological(["[", "[[", "{a=", "a.", '"', "'''", "x = [", "\\", "#", "\n", "[sop]\n"], ["]", "1", "\n"]));

const markdownSamples = [
  "# Deploy\n\n## Steps\n\n1. **Preflight** — Check health.\n   - tools: http_request, shell\n" +
    "2. **Deploy** — Run it.\n   - requires_confirmation: true\n3. **Verify** — Watch.\n",
  "## Steps\n\n1. One\n\n   Body text with `code` and *emphasis*.\n\n   ```sh\n   run\n   ```\n2) Two\n" +
    "## Notes\n\n- not a step\n",
];
const markdownFragments = ["## Steps", "#", "\n", "\n\n", "1. ", "2) ", "10. ", "- ", "* ", "   ", "\t", "**", "*", "_",
  "`", "```", "~~~", ">", "<div>", "</div>", "[", "](", ")", "!", "\\", "—", "tools:", "requires_confirmation: true",
  "|", "---", "===", "\r\n", "\uFEFF", "\u0000", "\ud83d", "&amp;", "<!--", "-->"];
const markdownText = fc.oneof(anyText(markdownFragments, 800), mutated(markdownSamples, markdownFragments),
  pathological(["> ", "- ", "1. ", "*", "_", "[", "`", "  ", "<", "**a", "![", "\\"], ["\n", "x", "## Steps\n1. a"]));

describe("properties: SOP files", () => {
  test("decodeManifest() returns a manifest or diagnostics for any text, in bounded time and size", () => {
    checkProperty("decodeManifest", manifestText, (text) => {
      const decoded = timed("decodeManifest", () => decodeManifest(text, { file: "SOP.toml",
        defaultExecutionMode: "supervised" }));
      const failed = decoded.diagnostics.some((d) => d.severity === "error");
      assert.equal(decoded.manifest === undefined, failed, "a manifest exactly when no error");
      for (const d of decoded.diagnostics) {
        assert.equal(typeof d.message, "string");
        assert.equal(d.file, "SOP.toml");
      }
      assertBounded(decoded, text.length, "decodeManifest");
    });
  });

  test("parseSteps() returns steps and warnings for any text, in bounded time and size", () => {
    checkProperty("parseSteps", markdownText, (text) => {
      const parsed = timed("parseSteps", () => parseSteps(text));
      assert.ok(Array.isArray(parsed.steps) && Array.isArray(parsed.warnings));
      for (const step of parsed.steps) assert.ok(Number.isSafeInteger(step.number) && step.number >= 0);
      assertBounded(parsed, text.length, "parseSteps");
    });
  });

  test("compileSop() compiles any SOP.toml with any SOP.md to a SOP or diagnostics, in bounded time and size", () => {
    checkProperty("compileSop", fc.tuple(manifestText, fc.option(markdownText)), ([toml, markdown]) => {
      const source = { folder: "sops/x", tomlFile: "sops/x/SOP.toml", toml, markdownFile: "sops/x/SOP.md",
        ...(markdown === null ? {} : { markdown }) };
      const compiled = timed("compileSop", () => compileSop(source, { defaultExecutionMode: "auto" }));
      assert.ok(compiled.sop !== undefined || compiled.diagnostics.some((d) => d.severity === "error"));
      assertBounded(compiled, toml.length + (markdown?.length ?? 0), "compileSop");
    });
  });
});
