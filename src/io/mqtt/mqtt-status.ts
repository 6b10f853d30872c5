// What the MQTT source reports: health for /healthz and counters for /metrics (prom-client, read at scrape time).
// Plain values; the counters are registered on the daemon's registry.
import { Counter, type Registry } from "prom-client";

/** `connected` is the only healthy state; `failed` means it will not try again (bad config, failed store). */
export type MqttState = "connecting" | "connected" | "disconnected" | "failed" | "stopped";

/** The source's health (INTERFACES.md `/healthz` `sources.mqtt`). */
export interface MqttHealth {
  readonly state: MqttState;
  /** `host:port` as parsed from `broker_url`, or null when the config is invalid. */
  readonly broker: string | null;
  /** The last connection, subscription, TLS-file, dispatch or store error, kept after a reconnection. */
  readonly lastError: string | null;
  /** Epoch ms of `lastError`. */
  readonly lastErrorAt: number | null;
  /** Epoch ms of the current connection's subscriptions completing, null while not connected. */
  readonly connectedAt: number | null;
}

/** Running totals since the source started. */
export interface MqttCounters {
  /** Messages received from the broker. */
  readonly received: number;
  /** Messages handed to the dispatcher (whatever they matched). */
  readonly dispatched: number;
  /** Messages not dispatched: over the size limit, not UTF-8 under the "drop" policy, or duplicate QoS 2 deliveries. */
  readonly dropped: number;
  /** Redeliveries of messages already dispatched (their acknowledgement was lost): acknowledged, not dispatched. */
  readonly redelivered: number;
  /** Payloads over the size limit (all dropped). */
  readonly tooLarge: number;
  /** Payloads that were not valid UTF-8 (dispatched with U+FFFD, or dropped under the "drop" policy). */
  readonly notUtf8: number;
  /** Dispatches that threw, and a state store that could not commit. */
  readonly errors: number;
  /** Connection errors: refused, lost, TLS, broker refusals of the connection or of a subscription. */
  readonly connectionErrors: number;
  /** Successful connections (connected and subscribed), reconnections included. */
  readonly connects: number;
}

export const zeroCounters: MqttCounters = {
  received: 0, dispatched: 0, dropped: 0, redelivered: 0, tooLarge: 0, notUtf8: 0, errors: 0, connectionErrors: 0, connects: 0,
};

/** The health as `/healthz` shows a source (src/io/http/healthz.ts `SourceHealth`): unhealthy with the last error
 * text while not connected after an error (fan-in.md §5.3 step 4). */
export function sourceHealth(health: MqttHealth)
  : { readonly status: "starting" | "ok" } | { readonly status: "error"; readonly error: string } {
  if (health.state === "connected") return { status: "ok" };
  if (health.state === "stopped") return { status: "error", error: "stopped" };
  return health.lastError === null ? { status: "starting" } : { status: "error", error: health.lastError };
}

const counterHelp: Record<keyof MqttCounters, readonly [name: string, help: string]> = {
  received: ["zeroclaw_mqtt_messages_received_total", "MQTT messages received from the broker"],
  dispatched: ["zeroclaw_mqtt_messages_dispatched_total", "MQTT messages dispatched to SOP triggers"],
  dropped: ["zeroclaw_mqtt_messages_dropped_total", "MQTT messages not dispatched (too large, not UTF-8, duplicate)"],
  redelivered: ["zeroclaw_mqtt_messages_redelivered_total",
    "MQTT redeliveries of messages already dispatched, acknowledged without a second dispatch"],
  tooLarge: ["zeroclaw_mqtt_payloads_too_large_total", "MQTT payloads over the size limit"],
  notUtf8: ["zeroclaw_mqtt_payloads_not_utf8_total", "MQTT payloads that were not valid UTF-8"],
  errors: ["zeroclaw_mqtt_errors_total", "MQTT dispatch and state store failures"],
  connectionErrors: ["zeroclaw_mqtt_connection_errors_total", "MQTT connection and subscription errors"],
  connects: ["zeroclaw_mqtt_connects_total", "MQTT connections established and subscribed"],
};

/** Registers one Prometheus counter per figure, read from `counters` at scrape time (`/metrics`). */
export function registerMqttMetrics(registry: Registry, counters: () => MqttCounters): void {
  for (const key of Object.keys(counterHelp) as (keyof MqttCounters)[]) {
    const [name, help] = counterHelp[key];
    new Counter({
      name, help, registers: [registry],
      collect(this: Counter) {
        this.reset();
        this.inc(counters()[key]);
      },
    });
  }
}
