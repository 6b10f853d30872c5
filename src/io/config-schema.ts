// The keys of config.toml that this runtime reads, with their types and defaults (INTERFACES.md "Config file").
// Data only. Section objects keep the file's snake_case names so a key reads the same in code, docs and TOML.
import { executionModes, type ExecutionMode } from "../compiler/sop.ts";

/** How one config value is typed; `default` is applied when the key is absent. */
export type Field =
  | { readonly kind: "string"; readonly default?: string }
  | { readonly kind: "boolean"; readonly default: boolean }
  | { readonly kind: "integer"; readonly default: number }
  | { readonly kind: "enum"; readonly values: readonly string[]; readonly default: string }
  | { readonly kind: "strings"; readonly default?: readonly string[] };

function text(): { kind: "string" };
function text(fallback: string): { kind: "string"; default: string };
function text(fallback?: string): Field {
  return fallback === undefined ? { kind: "string" } : { kind: "string", default: fallback };
}
function flag(fallback: boolean): { kind: "boolean"; default: boolean } {
  return { kind: "boolean", default: fallback };
}
function count(fallback: number): { kind: "integer"; default: number } {
  return { kind: "integer", default: fallback };
}
function oneOf<const V extends string>(values: readonly V[], fallback: V)
  : { kind: "enum"; values: readonly V[]; default: V } {
  return { kind: "enum", values, default: fallback };
}

/** `[sop]` (definitions.md §1.6). */
export const sopFields = {
  sops_dir: text(),
  default_execution_mode: oneOf(executionModes, "supervised"),
  max_concurrent_total: count(5),
  approval_timeout_secs: count(300),
  approval_timeout_action: oneOf(["auto_approve", "wait", "cancel"], "auto_approve"),
  max_finished_runs: count(1000),
  max_queued_total: count(1000),
  state_dir: text(),
  cron_catch_up: flag(false),
  payload_max_bytes: count(8192),
  scheduler_poll_secs: count(15),
} satisfies Record<string, Field>;

/** `[gateway]` (fan-in.md §8). */
export const gatewayFields = {
  host: text("127.0.0.1"),
  port: count(42617),
  require_pairing: flag(true),
  allow_public_bind: flag(false),
  paired_tokens: { kind: "strings", default: [] as readonly string[] },
  pair_rate_limit_per_minute: count(10),
  webhook_rate_limit_per_minute: count(60),
  trust_forwarded_headers: flag(false),
  rate_limit_max_keys: count(10000),
  idempotency_ttl_secs: count(300),
  idempotency_max_keys: count(10000),
  max_body_bytes: count(65536),
  hmac_secret: text(),
  mcp: flag(false),
  api_rate_limit_per_minute: count(600),
} satisfies Record<string, Field>;

/** `[channels_config.webhook]`. */
export const webhookFields = { secret: text() } satisfies Record<string, Field>;

/** `[channels_config.mqtt]` (fan-in.md §5.1); validated with the reference's texts by the MQTT source. */
export const mqttFields = {
  broker_url: text(),
  client_id: text("zeroclaw"),
  topics: { kind: "strings" } as { kind: "strings" },
  qos: count(1),
  username: text(),
  password: text(),
  use_tls: flag(false),
  keep_alive_secs: count(30),
  clean_session: flag(true),
  shared_group: text(),
  ca_file: text(),
  cert_file: text(),
  key_file: text(),
} satisfies Record<string, Field>;

/** `[inspect]`: the live XState inspector of `zeroclaw daemon` (issue #7); port 0 (the default) = off. */
export const inspectFields = { port: count(0) } satisfies Record<string, Field>;

/** One `[[peripherals.boards]]` entry (fan-in.md §7). */
export const boardFields = {
  board: text(),
  transport: oneOf(["serial"], "serial"),
  path: text(),
  baud: count(115200),
} satisfies Record<string, Field>;

/** Reference keys that this runtime does not use: warned about by name (definitions.md, Resolved detail 12). */
export const unusedReferenceKeys: readonly string[] = [
  "cron.enabled",
  "reliability.scheduler_poll_secs",
  "channels_config.webhook.port",
];

/** Keys accepted silently although unused (definitions.md, Resolved detail 10). */
export const silentlyAcceptedKeys: readonly string[] = ["sop.enabled"];

type Value<F> = F extends { kind: "string" } ? string
  : F extends { kind: "boolean" } ? boolean
  : F extends { kind: "integer" } ? number
  : F extends { kind: "enum"; values: readonly (infer V)[] } ? V
  : readonly string[];
type HasDefault<F> = F extends { default: unknown } ? true : false;

/** The decoded shape of a section: keys with a default are always present, others optional. */
export type Section<S extends Record<string, Field>> =
  & { readonly [K in keyof S as HasDefault<S[K]> extends true ? K : never]: Value<S[K]> }
  & { readonly [K in keyof S as HasDefault<S[K]> extends true ? never : K]?: Value<S[K]> };

/** `[sop]` with the execution mode narrowed. */
export type SopConfig = Omit<Section<typeof sopFields>, "default_execution_mode"> & {
  readonly default_execution_mode: ExecutionMode;
};
