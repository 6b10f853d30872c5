// The metrics part of the `sop_status` text (engine.md §9.2 "include_metrics"): texts exact, byte for byte.
// Pure: no IO; windowed values read the collector's injected clock.
import { formatMetricValue } from "./metric-format.ts";
import type { Metrics } from "./metrics.ts";

/** The suffixes `sop_status` prints, in order (engine.md §9.2 list mode, part 3). */
export const STATUS_METRIC_SUFFIXES: readonly string[] = [
  "runs_completed",
  "runs_failed",
  "runs_cancelled",
  "completion_rate",
  "deviation_rate",
  "protocol_adherence_rate",
  "human_intervention_count",
  "human_intervention_rate",
  "timeout_auto_approvals",
  "timeout_approval_rate",
  "completion_rate_7d",
  "deviation_rate_7d",
  "completion_rate_30d",
  "deviation_rate_30d",
];

/**
 * Renders `⏎Metrics ({prefix}):⏎` and one `  {suffix}: {value}⏎` line per suffix that resolves, with prefix `sop` or
 * `sop.{sopName}`; without a collector, `⏎Metrics: not available (collector not configured)⏎` (engine.md §9.2).
 */
export function renderMetricsSection(metrics: Pick<Metrics, "lookup"> | undefined, sopName?: string): string {
  if (metrics === undefined) return "\nMetrics: not available (collector not configured)\n";
  const prefix = sopName === undefined ? "sop" : `sop.${sopName}`;
  let text = `\nMetrics (${prefix}):\n`;
  for (const suffix of STATUS_METRIC_SUFFIXES) {
    const value = metrics.lookup(`${prefix}.${suffix}`);
    if (value !== undefined) text += `  ${suffix}: ${formatMetricValue(value)}\n`;
  }
  return text;
}
