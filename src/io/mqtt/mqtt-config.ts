// `[channels_config.mqtt]` checked with the reference's texts and in its order, and the broker address as the
// reference reads it (fan-in.md §5.1, §5.2; DECISIONS D11). Pure: the TLS files are only named here.
import type { Section } from "../config-schema.ts";
import type { mqttFields } from "../config-schema.ts";
import * as texts from "./mqtt-texts.ts";

/** The decoded `[channels_config.mqtt]` section (src/io/config.ts), snake_case as in config.toml. */
export type MqttSection = Section<typeof mqttFields>;

export type Qos = 0 | 1 | 2;

/** A checked MQTT configuration, ready to connect with. */
export interface MqttSettings {
  readonly protocol: "mqtt" | "mqtts";
  readonly host: string;
  readonly port: number;
  readonly clientId: string;
  /** Subscription filters in config order, without the `$share/` prefix. */
  readonly topics: readonly string[];
  readonly qos: Qos;
  /** Present only when both username and password are set (fan-in.md §5.1). */
  readonly credentials?: { readonly username: string; readonly password: string };
  readonly keepAliveSecs: number;
  /** `false` asks the broker for a persistent session (D11). */
  readonly cleanSession: boolean;
  readonly sharedGroup?: string;
  /** Present only with `use_tls`; files that are absent leave Node's defaults (system roots, no client cert). */
  readonly tls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string };
}

/** A checked value, or the first error's text. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Checks the section in the reference's order, stopping at the first error (fan-in.md §5.1). */
export function checkMqttConfig(section: MqttSection): Checked<MqttSettings> {
  const url = section.broker_url ?? "";
  const tlsScheme = url.startsWith("mqtts://");
  if (!tlsScheme && !url.startsWith("mqtt://")) return fail(texts.badScheme);
  if (section.qos < 0 || section.qos > 2) return fail(texts.badQos(section.qos));
  const topics = section.topics ?? [];
  if (topics.length === 0) return fail(texts.noTopics);
  if (section.client_id === "") return fail(texts.emptyClientId);
  if (section.use_tls && !tlsScheme) return fail(texts.tlsWithPlainScheme);
  if (tlsScheme && !section.use_tls) return fail(texts.plainWithTlsScheme);
  // Not checked by the reference: values that mqtt.js or the broker would reject less clearly.
  if (section.keep_alive_secs < 0 || section.keep_alive_secs > 65535) {
    return fail(texts.badKeepAlive(section.keep_alive_secs));
  }
  if (section.shared_group !== undefined && !/^[^/+#]+$/.test(section.shared_group)) {
    return fail(texts.badSharedGroup(section.shared_group));
  }
  const { host, port } = parseBrokerAddress(url);
  return {
    ok: true,
    value: {
      protocol: tlsScheme ? "mqtts" : "mqtt", host, port, clientId: section.client_id, topics: [...topics],
      qos: section.qos as Qos, keepAliveSecs: section.keep_alive_secs, cleanSession: section.clean_session,
      ...(section.username !== undefined && section.password !== undefined
        ? { credentials: { username: section.username, password: section.password } } : {}),
      ...(section.shared_group === undefined ? {} : { sharedGroup: section.shared_group }),
      ...(section.use_tls ? { tls: tlsFiles(section) } : {}),
    },
  };
}

/**
 * Host and port of `mqtt://…` or `mqtts://…` as the reference reads them (fan-in.md §5.2): the host ends at the
 * first `:`, the port is the text after the last `:` as a 16-bit number, else 8883 for mqtts:// and 1883 otherwise.
 */
export function parseBrokerAddress(url: string): { readonly host: string; readonly port: number } {
  const tlsScheme = url.startsWith("mqtts://");
  const rest = url.slice(tlsScheme ? "mqtts://".length : url.startsWith("mqtt://") ? "mqtt://".length : 0);
  const colon = rest.indexOf(":");
  const host = colon < 0 ? rest : rest.slice(0, colon);
  const portText = colon < 0 ? "" : rest.slice(rest.lastIndexOf(":") + 1);
  // Rust's u16 parsing: ASCII digits with an optional leading `+`, at most 65535.
  const port = /^\+?[0-9]+$/.test(portText) ? Number(portText) : Number.NaN;
  return { host, port: port <= 65535 ? port : tlsScheme ? 8883 : 1883 };
}

/** The filter actually subscribed: `$share/{group}/{filter}` with a shared group (D11). */
export function subscriptionFilter(settings: Pick<MqttSettings, "sharedGroup">, filter: string): string {
  return settings.sharedGroup === undefined ? filter : `$share/${settings.sharedGroup}/${filter}`;
}

function tlsFiles(section: MqttSection): NonNullable<MqttSettings["tls"]> {
  return {
    ...(section.ca_file === undefined ? {} : { caFile: section.ca_file }),
    ...(section.cert_file === undefined ? {} : { certFile: section.cert_file }),
    ...(section.key_file === undefined ? {} : { keyFile: section.key_file }),
  };
}

function fail(message: string): Checked<never> {
  return { ok: false, message };
}
