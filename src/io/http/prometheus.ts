// `GET /metrics` in the Prometheus text format (engine.md §7.8): the collector's all-time counters and escalations,
// the engine's active, waiting and queued counts, dispatch results by source, and source health. Values are read
// from their one source of truth when scraped; only dispatch results are counted here. Edge: prom-client.
import { Counter, Gauge, Registry } from "prom-client";
import type { Engine } from "../../actors/engine.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import type { Metrics } from "../../actors/metrics.ts";
import type { TriggerSource } from "../../compiler/sop.ts";
import type { SourcesHealth } from "./healthz.ts";

type Labels = Record<string, string>;
type Series = Iterable<readonly [Labels, number]>;

/** The collector's all-time counters (engine.md §7.1), exported as `zeroclaw_sop_{name}_total`. */
const collectorCounters = [
  "runs_completed", "runs_failed", "runs_cancelled", "steps_executed", "steps_defined", "steps_failed",
  "steps_skipped", "human_approvals", "timeout_auto_approvals",
] as const;

/** The daemon's Prometheus registry. */
export interface PrometheusMetrics {
  /** Where the event sources register their own counters. */
  readonly registry: Registry;
  /** Counts one dispatch's results; the daemon calls it for MQTT, cron and peripheral events too. */
  countDispatch(source: TriggerSource, results: readonly DispatchResult[]): void;
  /** The `/metrics` response. */
  respond(): Promise<Response>;
}

/** Creates the registry over one engine; `metrics` is the engine's collector, when it has one. */
export function createPrometheus(engine: Engine, metrics: Metrics | undefined, health: () => SourcesHealth)
  : PrometheusMetrics {
  const registry = new Registry();
  for (const name of collectorCounters) {
    derived(Counter, registry, `zeroclaw_sop_${name}_total`, `All-time ${name.replaceAll("_", " ")} (engine.md §7.1); `
      + "the series without a sop label is the global set", ["sop"], () => collectorSeries(metrics, name));
  }
  derived(Counter, registry, "zeroclaw_sop_escalated_waits_total", "Approval waits marked escalated (D7)", ["sop"],
    () => escalationSeries(metrics, "escalated_waits"));
  derived(Gauge, registry, "zeroclaw_sop_escalated_runs", "Runs whose wait is escalated now (D7)", ["sop"],
    () => escalationSeries(metrics, "escalated_now"));
  derived(Gauge, registry, "zeroclaw_sop_active_runs", "Active runs, running or waiting (engine.md §1.2)", ["sop"],
    () => perSop(engine, (sop) => engine.activeCount(sop)));
  derived(Gauge, registry, "zeroclaw_sop_waiting_runs", "Runs waiting for approval", ["sop"], () => {
    const waiting = tally(engine.activeRuns().filter(({ run }) => run.status === "waiting_approval")
      .map(({ run }) => run.sop_name));
    return perSop(engine, (sop) => waiting.get(sop) ?? 0);
  });
  derived(Gauge, registry, "zeroclaw_sop_queued_starts", "Starts in the admission queue (D8)", ["sop"], () => {
    const queued = tally(engine.queued().map((start) => start.sopName));
    return perSop(engine, (sop) => queued.get(sop) ?? 0);
  });
  derived(Gauge, registry, "zeroclaw_source_up", "1 when an enabled event source is healthy", ["source", "board"],
    () => sourceSeries(health()));
  const dispatches = new Counter({ name: "zeroclaw_dispatch_results_total", registers: [registry],
    help: "Dispatch results by event source and result (fan-in.md §1.3)", labelNames: ["source", "result"] });
  const dispatchSeries = new Map<string, ReturnType<typeof dispatches.labels>>();
  return {
    registry,
    countDispatch(source, results) {
      for (const result of results) {
        // A labelled child per (source, result), made once: labelling by object on every request hashed the labels.
        const key = `${source} ${result.kind}`;
        let child = dispatchSeries.get(key);
        if (child === undefined) dispatchSeries.set(key, child = dispatches.labels(source, result.kind));
        child.inc();
      }
    },
    async respond() {
      const body = await registry.metrics();
      return new Response(body, { headers: { "content-type": registry.contentType } });
    },
  };
}

/** A metric whose series are read at scrape time from `read`. */
function derived(kind: typeof Counter | typeof Gauge, registry: Registry, name: string, help: string,
  labelNames: string[], read: () => Series): void {
  new kind({
    name, help, labelNames, registers: [registry],
    collect(this: Counter | Gauge) {
      this.reset();
      for (const [labels, value] of read()) {
        if (this instanceof Gauge) this.set(labels, value);
        else this.inc(labels, value);
      }
    },
  });
}

function* collectorSeries(metrics: Metrics | undefined, name: (typeof collectorCounters)[number]): Series {
  if (metrics === undefined) return;
  const snapshot = metrics.snapshot();
  yield [{}, snapshot.global[name]];
  for (const [sop, counters] of Object.entries(snapshot.per_sop)) yield [{ sop }, counters[name]];
}

function* escalationSeries(metrics: Metrics | undefined, name: "escalated_waits" | "escalated_now"): Series {
  if (metrics === undefined) return;
  const escalations = metrics.escalations();
  yield [{}, escalations.global[name]];
  for (const [sop, counts] of Object.entries(escalations.per_sop)) yield [{ sop }, counts[name]];
}

/** The global value, then one series per loaded SOP. */
function* perSop(engine: Engine, count: (sop: string) => number): Series {
  const sops = engine.sops().map((sop) => sop.name);
  yield [{}, sops.reduce((sum, sop) => sum + count(sop), 0)];
  for (const sop of sops) yield [{ sop }, count(sop)];
}

function tally(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

function* sourceSeries(health: SourcesHealth): Series {
  const up = (status: string) => (status === "ok" ? 1 : 0);
  if (health.mqtt.status !== "disabled") yield [{ source: "mqtt" }, up(health.mqtt.status)];
  if (health.cron.status !== "disabled") yield [{ source: "cron" }, up(health.cron.status)];
  for (const [board, state] of Object.entries(health.peripherals)) {
    if (state.status !== "disabled") yield [{ source: "peripheral", board }, up(state.status)];
  }
}
