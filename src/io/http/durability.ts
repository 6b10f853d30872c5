// No answer before the state it reports is on disk (issue #4): every state-changing route ends by awaiting the
// store's group commit. A failed commit is fatal: the answer is 500 and the daemon is told to stop.
import type { Logger } from "../../actors/logger.ts";
import type { StateStore } from "../store/state-store.ts";
import { internal } from "./responses.ts";

/** The commit discipline of one gateway. */
export interface Durability {
  /** True once a commit failed: the store refuses changes, so the engine is not available (fan-in.md §3.2 row 7). */
  readonly failed: boolean;
  /** Whether everything changed so far is on disk; false (after telling `onFatal`) when the commit failed. */
  settle(): Promise<boolean>;
  /** Runs `work`, then answers its response once durable; an exception in `work` is a 500, never a crash. */
  commit(work: () => Response): Promise<Response>;
}

/** Creates the commit discipline over `store`. */
export function createDurability(store: Pick<StateStore, "durable">, onFatal: (error: Error) => void,
  log: Pick<Logger, "error">): Durability {
  let failed = false;
  const settle = async (): Promise<boolean> => {
    try {
      await store.durable();
      return true;
    } catch (error) {
      if (!failed) {
        failed = true;
        log.error(`gateway: state database commit failed: ${String(error)}`);
        onFatal(error instanceof Error ? error : new Error(String(error)));
      }
      return false;
    }
  };
  return {
    get failed() {
      return failed;
    },
    settle,
    async commit(work) {
      let response: Response;
      try {
        response = work();
      } catch (error) {
        log.error(`gateway: ${String(error)}`);
        response = internal();
      }
      // Awaited even after an exception: part of the change may be pending, and a failed commit must stop the daemon.
      return (await settle()) ? response : internal();
    },
  };
}
