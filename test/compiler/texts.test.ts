// Pins every reference text byte for byte (STYLE.md §13): a change here breaks users' scripts and dashboards.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as texts from "../../src/compiler/texts.ts";

describe("texts", () => {
  test("the validation warnings are the reference's (definitions.md §4.1)", () => {
    assert.equal(texts.sopNameEmpty, "SOP name is empty");
    assert.equal(texts.sopDescriptionEmpty, "SOP description is empty");
    assert.equal(texts.sopNoTriggers, "SOP has no triggers defined");
    assert.equal(texts.sopNoSteps, "SOP has no steps (missing or empty SOP.md)");
    assert.equal(texts.stepNumberingGap(2, 4), "Step numbering gap: expected 2, got 4");
    assert.equal(texts.stepEmptyTitle(3), "Step 3 has an empty title");
  });

  test("the load and command texts are the specified ones (D1, definitions.md §5, §7.2)", () => {
    assert.equal(texts.unknownTriggerType("email"),
      'unknown trigger type "email" (expected manual, webhook, mqtt, cron, peripheral)');
    assert.equal(texts.noSopsToValidate, "No SOPs to validate.");
    assert.equal(texts.validationCompletedWithWarnings, "Validation completed with warnings");
    assert.equal(texts.validationFailedWithErrors, "Validation failed with errors");
    assert.equal(texts.sopNotFound("x"), "SOP not found: x");
    assert.equal(texts.invalidCronFieldCount("", 0), "Invalid cron expression:  (expected 5, 6, or 7 fields, got 0)");
  });
});
