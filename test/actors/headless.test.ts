// Dispatch log lines (fan-in.md §1.4, §1.7, §1.8): exact texts and levels per dispatch result.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createDispatcher } from "../../src/actors/dispatcher.ts";
import { logDispatch } from "../../src/actors/headless.ts";
import { harness, makeSop } from "./engine-fixture.ts";
import { recordingLogger } from "./recording-logger.ts";

describe("logDispatch", () => {
  test("each result kind gets the reference's texts and levels; no_match logs nothing", () => {
    // Engine order: same priority, so load order.
    const { engine } = harness([
      makeSop("auto"), makeSop("gate", { executionMode: "supervised" }), makeSop("empty", {}, 0),
    ]);
    const dispatcher = createDispatcher(engine);
    const log = recordingLogger();
    const results = dispatcher.dispatch({ source: "manual", topic: null, payload: null });
    logDispatch(results, log);
    logDispatch(dispatcher.dispatch({ source: "manual", topic: null, payload: null }), log);
    logDispatch([{ kind: "no_match" }], log);
    const [auto, gate] = results.flatMap((r) => r.kind === "started" ? [r.runId] : []);
    const skipped = (name: string, reason: string) =>
      [`info SOP dispatch: skipped '${name}': ${reason}`, `info SOP headless dispatch: skipped '${name}': ${reason}`];
    assert.deepEqual(log.lines, [
      `info SOP audit: run ${auto} started for 'auto'`,
      `warn SOP headless dispatch: run ${auto} ('auto') ready for step 1 'Step 1' but no agent loop available to execute`,
      `info SOP audit: run ${gate} started for 'gate'`,
      `info SOP headless dispatch: run ${gate} ('gate') waiting for approval on step 1 'Step 1'. Timeout polling will`
        + " handle progression",
      ...skipped("empty", "SOP 'empty' has no steps defined"),
      ...skipped("auto", "Cannot start SOP 'auto': cooldown or concurrency limit reached"),
      ...skipped("gate", "Cannot start SOP 'gate': cooldown or concurrency limit reached"),
      ...skipped("empty", "SOP 'empty' has no steps defined"),
    ]);
  });
});
