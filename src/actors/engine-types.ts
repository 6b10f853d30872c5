// What the engine answers: actions for the caller, dispatch results, and its configuration (engine.md §1.1, §0.4).
// Pure types.
import type { Step } from "../compiler/sop.ts";

/** `[sop]` config keys the engine uses (engine.md §0.4). */
export interface EngineConfig {
  readonly maxConcurrentTotal: number;
  readonly approvalTimeoutSecs: number;
  readonly approvalTimeoutAction: "auto_approve" | "wait" | "cancel";
  readonly maxFinishedRuns: number;
  readonly maxQueuedTotal: number;
  readonly payloadMaxBytes: number;
}

/** The defaults of INTERFACES.md. */
export const defaultEngineConfig: EngineConfig = {
  maxConcurrentTotal: 5,
  approvalTimeoutSecs: 300,
  approvalTimeoutAction: "auto_approve",
  maxFinishedRuns: 1000,
  maxQueuedTotal: 1000,
  payloadMaxBytes: 8192,
};

/** What the engine asks its caller to do next (engine.md §1.1). */
export type Action =
  | { readonly kind: "execute_step" | "wait_approval"; readonly runId: string; readonly step: Step; readonly context: string }
  | { readonly kind: "completed"; readonly runId: string; readonly sopName: string }
  | { readonly kind: "failed"; readonly runId: string; readonly sopName: string; readonly reason: string };

/** An engine operation's result: a value, or the engine's error text (rendered into tool texts at the edge). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** One entry of a dispatch (fan-in.md §1.3). */
export type DispatchResult =
  | { readonly kind: "started"; readonly runId: string; readonly sopName: string; readonly action: Action }
  | { readonly kind: "queued"; readonly sopName: string }
  | { readonly kind: "skipped"; readonly sopName: string; readonly reason: string }
  | { readonly kind: "no_match" };
