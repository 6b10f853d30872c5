// mqtt.js connection options from checked settings: always an options object (a URL string prints a deprecation
// warning in the compiled binary, DESIGN.md), MQTT 5, TLS files read with node:fs. Edge: reads the TLS files.
import { readFileSync } from "node:fs";
import type { IClientOptions } from "mqtt";
import type { Checked, MqttSettings } from "./mqtt-config.ts";
import { cannotReadFile } from "./mqtt-texts.ts";
import { failureText } from "./mqtt-failure.ts";

/** MQTT 5 "never expires": a persistent session outlives any disconnection, as `clean_session = false` did in 3.1.1. */
const sessionNeverExpires = 0xffffffff;

/**
 * The options for `mqtt.connect()`, or the text of the TLS file that cannot be read. MQTT 5 because mqtt.js honours
 * `customHandleAcks` (PUBACK/PUBREC after the store commit) only for protocol version 5. Reconnection and
 * resubscription are the source's own (fan-in.md §5.3, D11), so mqtt.js's are off.
 */
export function clientOptions(settings: MqttSettings, connectTimeoutMs: number): Checked<IClientOptions> {
  const tls = readTlsFiles(settings.tls);
  if (!tls.ok) return tls;
  return {
    ok: true,
    value: {
      host: settings.host,
      port: settings.port,
      protocol: settings.protocol,
      protocolVersion: 5,
      clientId: settings.clientId,
      clean: settings.cleanSession,
      keepalive: settings.keepAliveSecs,
      connectTimeout: connectTimeoutMs,
      reconnectPeriod: 0,
      resubscribe: false,
      ...(settings.cleanSession ? {} : { properties: { sessionExpiryInterval: sessionNeverExpires } }),
      ...(settings.credentials ?? {}),
      ...tls.value,
    },
  };
}

type TlsOptions = Pick<IClientOptions, "ca" | "cert" | "key" | "rejectUnauthorized">;

function readTlsFiles(files: MqttSettings["tls"]): Checked<TlsOptions> {
  if (files === undefined) return { ok: true, value: {} };
  const value: { -readonly [K in keyof TlsOptions]: TlsOptions[K] } = { rejectUnauthorized: true };
  const wanted = [["ca_file", "ca", files.caFile], ["cert_file", "cert", files.certFile],
    ["key_file", "key", files.keyFile]] as const;
  for (const [key, option, file] of wanted) {
    if (file === undefined) continue;
    try {
      value[option] = readFileSync(file);
    } catch (error) {
      return { ok: false, message: cannotReadFile(key, file, failureText(error)) };
    }
  }
  return { ok: true, value };
}
