// The engine's settings from `[sop]` in config.toml (engine.md §0.4, INTERFACES.md "Config file").
import type { EngineConfig } from "../actors/engine-types.ts";
import type { Config } from "./config.ts";

export function engineConfigOf(config: Config): EngineConfig {
  const sop = config.sop;
  return {
    maxConcurrentTotal: sop.max_concurrent_total,
    approvalTimeoutSecs: sop.approval_timeout_secs,
    approvalTimeoutAction: sop.approval_timeout_action,
    maxFinishedRuns: sop.max_finished_runs,
    maxQueuedTotal: sop.max_queued_total,
    payloadMaxBytes: sop.payload_max_bytes,
  };
}
