// What a dispatch logs, with the reference's texts and levels: a skip (fan-in.md §1.4), a run's start audit (§1.7),
// and headless processing (§1.8): the daemon executes no steps, so after each dispatch it logs and does nothing else.
import type { Action, DispatchResult } from "./engine-types.ts";
import type { Logger } from "./logger.ts";

/** Logs each dispatch result; `no_match` logs nothing. */
export function logDispatch(results: readonly DispatchResult[], log: Logger): void {
  for (const result of results) {
    if (result.kind === "started") {
      log.info(`SOP audit: run ${result.runId} started for '${result.sopName}'`);
      logAction(result.action, result.sopName, log);
    } else if (result.kind === "queued") {
      log.info(`SOP headless dispatch: queued '${result.sopName}'`);
    } else if (result.kind === "skipped") {
      log.info(`SOP dispatch: skipped '${result.sopName}': ${result.reason}`);
      log.info(`SOP headless dispatch: skipped '${result.sopName}': ${result.reason}`);
    }
  }
}

/** Logs the action of a run that just started, from a dispatch or admitted from the queue. */
export function logAction(action: Action, sopName: string, log: Logger): void {
  const run = `run ${action.runId} ('${sopName}')`;
  switch (action.kind) {
    case "execute_step":
      log.warn(`SOP headless dispatch: ${run} ready for step ${action.step.number} '${action.step.title}' but no agent`
        + " loop available to execute");
      return;
    case "wait_approval":
      log.info(`SOP headless dispatch: ${run} waiting for approval on step ${action.step.number}`
        + ` '${action.step.title}'. Timeout polling will handle progression`);
      return;
    case "completed":
      log.info(`SOP headless dispatch: ${run} completed immediately`);
      return;
    case "failed":
      log.warn(`SOP headless dispatch: ${run} failed: ${action.reason}`);
  }
}
