// The MQTT source's user-visible texts: the reference's byte for byte where fan-in.md §5 marks them exact, std style
// otherwise. Pure. test/io/mqtt/mqtt-texts.test.ts pins them.

/** fan-in.md §5.1 validation 1 (exact). */
export const badScheme = "mqtt.broker_url must start with mqtt:// or mqtts://";

/** fan-in.md §5.1 validation 2 (exact). */
export function badQos(qos: number): string {
  return `mqtt.qos must be 0, 1, or 2 (got ${qos})`;
}

/** fan-in.md §5.1 validation 3 (exact). */
export const noTopics = "mqtt.topics must contain at least one topic";

/** fan-in.md §5.1 validation 4 (exact). */
export const emptyClientId = "mqtt.client_id must not be empty";

/** fan-in.md §5.1 validation 5 (exact). */
export const tlsWithPlainScheme =
  "mqtt.use_tls is true but broker_url uses mqtt:// scheme. Use mqtts:// for TLS connections";

/** fan-in.md §5.1 validation 6 (exact). */
export const plainWithTlsScheme =
  "mqtt.broker_url uses mqtts:// scheme but use_tls is false. Set use_tls = true or use mqtt:// for plaintext";

/** After the reference's checks: MQTT's keep-alive is a 16-bit number of seconds. */
export function badKeepAlive(secs: number): string {
  return `mqtt.keep_alive_secs must be between 0 and 65535 (got ${secs})`;
}

/** fan-in.md §5.3 step 3 (exact). */
export function subscribed(filter: string): string {
  return `MQTT SOP listener: subscribed to '${filter}'`;
}

/** fan-in.md §5.3 step 3 (exact). */
export const connected = "MQTT SOP listener: connected to broker";

/** fan-in.md §5.3 step 4 (exact). */
export function connectionError(error: string): string {
  return `MQTT SOP listener: connection error: ${error}`;
}

/** The listener stopped for good: an invalid config or a state store that can no longer commit. */
export function listenerFailed(error: string): string {
  return `MQTT SOP listener: ${error}`;
}

/** A subscription the broker refused: an error of the listener (fan-in.md §5.3 step 3), retried with backoff. */
export function subscribeFailed(filter: string, error: string): string {
  return `MQTT SOP listener: cannot subscribe to '${filter}': ${error}`;
}

/** A TLS file that cannot be read: retried with backoff, as the file may appear. */
export function cannotReadFile(key: string, file: string, error: string): string {
  return `Cannot read mqtt.${key} "${file}": ${error}`;
}

/** A payload over the size limit: dropped, counted, acknowledged. */
export function payloadTooLarge(topic: string, bytes: number, limit: number): string {
  return `MQTT SOP listener: dropped a message on '${topic}': payload of ${bytes} bytes exceeds ${limit}`;
}

/** A payload that is not UTF-8: its invalid sequences become U+FFFD (fan-in.md §1.2), or it is dropped. */
export function payloadNotUtf8(topic: string, dropped: boolean): string {
  return `MQTT SOP listener: payload on '${topic}' is not valid UTF-8${dropped ? "; message dropped" : ""}`;
}

/** A dispatch that threw: counted; the message is still acknowledged once the store is durable. */
export function dispatchFailed(topic: string, error: string): string {
  return `MQTT SOP listener: dispatch failed for a message on '${topic}': ${error}`;
}

/** After the reference's checks: a share name may not be empty nor hold `/`, `+` or `#` (MQTT 5 §4.8.2). */
export function badSharedGroup(group: string): string {
  return `mqtt.shared_group must be a non-empty name without "/", "+" or "#" (got "${group}")`;
}
