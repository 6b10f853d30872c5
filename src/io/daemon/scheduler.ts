// The scheduler tick (fan-in.md §6.5): every `scheduler_poll_secs` (at least 1), and once at start so a deadline that
// passed while the daemon was down acts at once, it runs the approval-timeout check (engine.md §4.2, D7). Missed ticks
// are skipped, not replayed: a tick that overruns simply delays the next one.
import { checkApprovalTimeouts } from "../../actors/approval-timeouts.ts";
import type { Engine } from "../../actors/engine.ts";
import { logAction } from "../../actors/headless.ts";
import type { Logger } from "../../actors/logger.ts";

/** One source's contribution to a tick (the cron check of §6.3 runs before the timeout check). */
export type TickTask = () => void;

export interface Scheduler {
  stop(): void;
  /** `ok`, or the last error a tick step threw (for /healthz), and how many ticks ran. */
  state(): { readonly status: "ok" | "error"; readonly lastError: string | null; readonly ticks: number };
}

export function startScheduler(engine: Engine, pollSecs: number, tasks: readonly TickTask[], log: Logger): Scheduler {
  let lastError: string | null = null;
  let ticks = 0;
  const timeouts = (): void => {
    for (const outcome of checkApprovalTimeouts(engine)) {
      if (outcome.kind === "auto_approved") {
        const { action } = outcome;
        if (action.kind === "execute_step") {
          log.warn(`SOP approval timeout: run ${outcome.runId} auto-approved, ready for step ${action.step.number}`
            + ` '${action.step.title}' but no agent loop available`);
        }
        logAction(action, engine.run(outcome.runId)?.run.sop_name ?? "", log);
      } else {
        log.info(`SOP approval timeout: run ${outcome.runId} ${outcome.kind}`);
      }
    }
  };
  const tick = (): void => {
    ticks += 1;
    let failed: string | null = null;
    // Each step on its own: a task that throws does not keep the approval-timeout check from running (§6.5).
    for (const step of [...tasks, timeouts]) {
      try {
        step();
      } catch (error) {
        // A failed commit is fatal and reported by the store; anything else is logged, and the next tick tries again.
        failed = error instanceof Error ? error.message : String(error);
        log.error(`scheduler tick failed: ${failed}`);
      }
    }
    lastError = failed;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = (): void => {
    tick();
    timer = setTimeout(loop, Math.max(1, pollSecs) * 1000);
  };
  loop();
  return {
    stop: () => clearTimeout(timer),
    state: () => ({ status: lastError === null ? "ok" : "error", lastError, ticks }),
  };
}
