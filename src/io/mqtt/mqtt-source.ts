// The MQTT event source: one broker connection that subscribes on every connect, reconnects with capped backoff,
// turns each message into a SopEvent for the dispatcher, one at a time in arrival order, and acknowledges QoS 1/2
// only once the dispatch is on disk (fan-in.md §5.3, DECISIONS D11). Edge: owns the broker connection.
import { connect, type IClientOptions, type IPublishPacket, type MqttClient } from "mqtt";
import type { Dispatcher } from "../../actors/dispatcher.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import { logDispatch } from "../../actors/headless.ts";
import type { Logger } from "../../actors/logger.ts";
import type { SopEvent } from "../../compiler/match-index.ts";
import { createHash } from "node:crypto";
import type { StateStore } from "../store/state-store.ts";
import { clientOptions } from "./mqtt-client-options.ts";
import { checkMqttConfig, subscriptionFilter, type MqttSection, type MqttSettings } from "./mqtt-config.ts";
import { failureText } from "./mqtt-failure.ts";
import { holdAcks, type HeldAcks } from "./mqtt-held-acks.ts";
import { decodePayload } from "./mqtt-payload.ts";
import { zeroCounters, type MqttCounters, type MqttHealth, type MqttState } from "./mqtt-status.ts";
import * as texts from "./mqtt-texts.ts";

export interface MqttSourceOptions {
  /** The decoded `[channels_config.mqtt]` section; checked here with the reference's texts (fan-in.md §5.1). */
  readonly config: MqttSection;
  readonly dispatcher: Pick<Dispatcher, "dispatch">;
  /**
   * A QoS 1/2 message is acknowledged only after `durable()` resolves; a rejection stops the source for good. With
   * `mqttDeliveries`, a redelivery of a message whose dispatch was committed but whose acknowledgement was lost (a
   * broker restart, a killed daemon) is recognised and acknowledged without a second dispatch.
   */
  readonly store: Pick<StateStore, "durable"> & Partial<Pick<StateStore, "mqttDeliveries">>;
  readonly log: Logger;
  /**
   * Told of every dispatch once it is durable and logged (fan-in.md §1.8), in arrival order, for metrics, as the
   * webhook routes do.
   */
  readonly onDispatched?: (results: readonly DispatchResult[], event: SopEvent) => void;
  /** Bodies longer than this are dropped and counted (default 65,536, as `[gateway] max_body_bytes`). */
  readonly maxPayloadBytes?: number;
  /** "replace" (default, fan-in.md §1.2) dispatches invalid UTF-8 with U+FFFD; "drop" drops the message. */
  readonly invalidUtf8?: "replace" | "drop";
  /** Delay before the first reconnection, doubled after each failure up to `maxMs` (default 2 s → 60 s, §5.3). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** How long to wait for CONNACK (default 30 s). */
  readonly connectTimeoutMs?: number;
}

/** A running MQTT source. */
export interface MqttSource {
  health(): MqttHealth;
  counters(): MqttCounters;
  /** Stops reconnecting, waits until every dispatched message is settled (acknowledgements written), disconnects. */
  stop(): Promise<void>;
}

const defaults = { maxPayloadBytes: 65_536, backoff: { initialMs: 2_000, maxMs: 60_000 }, connectTimeoutMs: 30_000 };

/** Starts the source: checks the config, connects, and keeps the connection up until `stop()`; never throws. */
export function startMqttSource(options: MqttSourceOptions): MqttSource {
  const checked = checkMqttConfig(options.config);
  if (!checked.ok) {
    options.log.error(texts.listenerFailed(checked.message));
    const health: MqttHealth = { state: "failed", broker: null, lastError: checked.message, lastErrorAt: Date.now(),
      connectedAt: null };
    return { health: () => health, counters: () => zeroCounters, stop: () => Promise.resolve() };
  }
  return new Listener(checked.value, options).source();
}

type Ack = (error: Error | number, code?: number) => void;
const noMatch = (result: DispatchResult) => result.kind === "no_match";
const settledAtOnce = Promise.resolve(true);
/** An acknowledgement written: its packet id, the connection it went out on, and when (epoch ms). */
interface AckedDelivery {
  readonly id: number;
  readonly connection: number;
  readonly at: number;
}

/** How long after an acknowledgement on a live connection its delivery record is kept. */
const ackSettleMs = 10_000;
type Dispatched = { readonly event: SopEvent; readonly results: readonly DispatchResult[] };

/** One source's connection, state and counters. */
class Listener {
  readonly #settings: MqttSettings;
  readonly #options: MqttSourceOptions;
  readonly #maxPayloadBytes: number;
  readonly #backoff: { readonly initialMs: number; readonly maxMs: number };
  #client: MqttClient | undefined;
  #acks: HeldAcks | undefined;
  /** Counts connections, so an acknowledgement is never written on a later connection than its message's. */
  #connection = 0;
  #state: MqttState = "connecting";
  #lastError: string | null = null;
  #lastErrorAt: number | null = null;
  #connectedAt: number | null = null;
  #erroredSinceConnect = false;
  #lastConnectionError: unknown;
  #failures = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** The last message's settlement: messages settle in arrival order; `stop()` waits for it. */
  #settled: Promise<boolean> = Promise.resolve(true);
  /** Messages whose settlement is still pending. */
  #unsettled = 0;
  /** QoS 2 messages acknowledged with PUBREC and not yet released: a redelivery is not dispatched twice. */
  readonly #awaitingRelease = new Set<number>();
  /** Acknowledgements written whose delivery records are still kept (see #releaseAcked). */
  #acked: AckedDelivery[] = [];
  /** Packet ids with a delivery record whose acknowledgement is not written yet. */
  readonly #recorded = new Set<number>();
  readonly #counts: { -readonly [K in keyof MqttCounters]: number } = { ...zeroCounters };

  constructor(settings: MqttSettings, options: MqttSourceOptions) {
    this.#settings = settings;
    this.#options = options;
    this.#maxPayloadBytes = options.maxPayloadBytes ?? defaults.maxPayloadBytes;
    this.#backoff = options.backoff ?? defaults.backoff;
    this.#open();
  }

  source(): MqttSource {
    return {
      health: () => ({ state: this.#state, broker: `${this.#settings.host}:${this.#settings.port}`,
        lastError: this.#lastError, lastErrorAt: this.#lastErrorAt, connectedAt: this.#connectedAt }),
      counters: () => ({ ...this.#counts }),
      stop: () => this.#stop(),
    };
  }

  /** Builds the client; a TLS file that cannot be read is retried with backoff, as the file may appear. */
  #open(): void {
    const built = clientOptions(this.#settings, this.#options.connectTimeoutMs ?? defaults.connectTimeoutMs);
    if (!built.ok) {
      this.#recordError(built.message);
      this.#options.log.warn(texts.listenerFailed(built.message));
      this.#scheduleRetry(() => this.#open());
      return;
    }
    const client = connect({ ...built.value, manualConnect: true, customHandleAcks: this.#onAckable } satisfies
      IClientOptions);
    // Called for every message once mqtt.js is done with it; QoS 0 messages are dispatched here (no ack to hold).
    client.handleMessage = (packet, callback) => {
      if (packet.qos === 0) void this.#settle(this.#receive(packet.topic, packet.payload));
      callback();
    };
    this.#acks = holdAcks(client, (id) => {
      if (this.#recorded.delete(id)) this.#acked.push({ id, connection: this.#connection, at: Date.now() });
    });
    client.on("connect", (connack) => {
      this.#connection++;
      void this.#onConnect(client, connack.sessionPresent);
    });
    client.on("error", (error) => this.#onError(error));
    client.on("close", () => this.#onClose());
    client.on("packetreceive", (packet) => {
      if (packet.cmd === "pubrel" && packet.messageId !== undefined) this.#awaitingRelease.delete(packet.messageId);
    });
    this.#client = client;
    client.connect();
  }

  /**
   * QoS 1/2: dispatch now; PUBACK / PUBREC is held until the dispatch is durable and on the connection it came on
   * (fan-in.md §5.3 step 4), while the next message is already dispatched (mqtt-held-acks.ts).
   */
  readonly #onAckable = (topic: string, payload: Buffer, packet: IPublishPacket, ack: Ack): void => {
    const id = packet.messageId;
    if (packet.qos === 2 && id !== undefined && this.#awaitingRelease.has(id)) {
      this.#counts.received++;
      this.#counts.dropped++; // a redelivery whose PUBREC was lost: already dispatched
      ack(0);
      return;
    }
    const deliveries = this.#options.store.mqttDeliveries;
    this.#releaseAcked(packet.dup === true);
    // The digest is computed only where it is needed: for a redelivery, and for a message that changed something.
    const digest = () => deliveryDigest(this.#settings.clientId, topic, payload);
    if (packet.dup && id !== undefined && deliveries?.carried(id, digest()) === true) {
      this.#counts.received++;
      this.#counts.redelivered++; // dispatched before its acknowledgement was lost: acknowledge it once durable
      this.#recorded.add(id);
      const settled = this.#settle("dropped");
      this.#acks?.hold(id, settled === true ? settledAtOnce : settled);
      ack(0);
      return;
    }
    const dispatched = this.#receive(topic, payload);
    // Recorded in the batch of the dispatch itself, so the record and the run are durable together or not at all.
    if (id !== undefined && deliveries !== undefined && typeof dispatched === "object"
      && !dispatched.results.every(noMatch)) {
      deliveries.record(id, digest());
      this.#recorded.add(id);
    }
    const settled = this.#settle(dispatched);
    if (settled === true) {
      if (packet.qos === 2 && id !== undefined) this.#awaitingRelease.add(id);
      // Still through the hold: mqtt.js then goes on without waiting for the socket write of each acknowledgement.
      if (id !== undefined) this.#acks?.hold(id, settledAtOnce);
    } else if (id !== undefined) {
      const connection = this.#connection;
      this.#acks?.hold(id, settled.then((durable) => {
        if (!durable || connection !== this.#connection || this.#client?.connected !== true) return false;
        if (packet.qos === 2) this.#awaitingRelease.add(id);
        return true;
      }));
    }
    ack(0);
  };

  /**
   * Forgets the delivery records of acknowledged messages once the broker surely has the acknowledgement, so that a
   * later message reusing the packet id is never taken for a redelivery: acknowledgements written on this connection
   * at least `ackSettleMs` ago (the connection stayed up, so the broker read them), and, at the first new message of
   * a connection, those of earlier connections (the broker redelivers unacknowledged messages before new ones).
   * Until then a redelivery after a lost acknowledgement (a broker restart, a killed daemon) is still recognised.
   */
  #releaseAcked(redelivery: boolean): void {
    const deliveries = this.#options.store.mqttDeliveries;
    if (deliveries === undefined || this.#acked.length === 0) return;
    const now = Date.now();
    const kept: AckedDelivery[] = [];
    for (const entry of this.#acked) {
      const settled = entry.connection === this.#connection ? now - entry.at >= ackSettleMs : !redelivery;
      if (settled) deliveries.forget(entry.id);
      else kept.push(entry);
    }
    this.#acked = kept;
  }

  /**
   * Waits until the dispatch is on disk and every earlier message is settled, then tells `onDispatched`; false when
   * the store failed: then nothing is acknowledged (the broker keeps the message for the next session) and the source
   * stops for good. Chained, because promises of different commit batches need not settle in order. `true` at once
   * when the message changed nothing (no match, or dropped) and nothing before it is unsettled: the common case of
   * traffic that no SOP listens to costs no promise.
   */
  #settle(dispatched: Dispatched | "dropped" | undefined): Promise<boolean> | true {
    if (this.#unsettled === 0 && (dispatched === "dropped" || dispatched?.results.every(noMatch) === true)) {
      if (dispatched !== "dropped") this.#tell(dispatched);
      return true;
    }
    this.#unsettled++;
    const durable = this.#options.store.durable();
    durable.catch(() => {}); // handled below, once the earlier messages are settled
    const settled = this.#settled.then(() => durable).then(() => {
      this.#unsettled--;
      if (dispatched !== undefined && dispatched !== "dropped") this.#tell(dispatched);
      return true;
    }, (error: unknown) => {
      this.#unsettled--;
      this.#fail(error);
      return false;
    });
    this.#settled = settled;
    return settled;
  }

  #tell({ event, results }: Dispatched): void {
    logDispatch(results, this.#options.log); // as the serial and cron sources do
    try {
      this.#options.onDispatched?.(results, event);
    } catch (error) {
      this.#options.log.error(texts.dispatchFailed(event.topic ?? "", failureText(error)));
    }
  }

  /**
   * Turns one message into an event and dispatches it; counts and logs what it cannot dispatch ("dropped", or
   * undefined when the dispatch threw). Never throws.
   */
  #receive(topic: string, body: Uint8Array | string): Dispatched | "dropped" | undefined {
    this.#counts.received++;
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    const decoded = decodePayload(bytes, this.#maxPayloadBytes);
    if (decoded.kind === "too_large") {
      this.#counts.tooLarge++;
      this.#counts.dropped++;
      this.#options.log.warn(texts.payloadTooLarge(topic, decoded.bytes, this.#maxPayloadBytes));
      return "dropped";
    }
    if (!decoded.validUtf8) {
      const drop = this.#options.invalidUtf8 === "drop";
      this.#counts.notUtf8++;
      this.#options.log.warn(texts.payloadNotUtf8(topic, drop));
      if (drop) {
        this.#counts.dropped++;
        return "dropped";
      }
    }
    const event: SopEvent = { source: "mqtt", topic, payload: decoded.text };
    try {
      const results = this.#options.dispatcher.dispatch(event);
      this.#counts.dispatched++;
      return { event, results };
    } catch (error) {
      const text = texts.dispatchFailed(topic, failureText(error));
      this.#counts.errors++;
      this.#recordError(text);
      this.#options.log.error(text);
      return undefined;
    }
  }

  /** Resubscribes on every connection, then reports healthy (fan-in.md §5.3 step 3, D11). */
  async #onConnect(client: MqttClient, sessionPresent: boolean): Promise<void> {
    if (!sessionPresent) this.#awaitingRelease.clear();
    for (const topic of this.#settings.topics) {
      const filter = subscriptionFilter(this.#settings, topic);
      try {
        await client.subscribeAsync(filter, { qos: this.#settings.qos });
      } catch (error) {
        if (this.#client !== client || !client.connected) return; // the connection dropped meanwhile: onClose retries
        const text = texts.subscribeFailed(filter, failureText(error));
        this.#counts.connectionErrors++;
        this.#erroredSinceConnect = true;
        this.#recordError(text);
        this.#options.log.warn(text);
        client.end(true); // a subscription error is an error of the listener: reconnect with backoff
        return;
      }
      this.#options.log.info(texts.subscribed(filter));
    }
    if (this.#client !== client || !client.connected || this.#state === "stopped") return;
    this.#failures = 0;
    this.#erroredSinceConnect = false;
    this.#counts.connects++;
    this.#state = "connected";
    this.#connectedAt = Date.now();
    this.#options.log.info(texts.connected);
  }

  #onError(error: unknown): void {
    if (this.#state === "stopped" || this.#state === "failed") return;
    // mqtt.js emits a TLS failure twice (its TLS handler and its stream handler): one error, counted once.
    if (error === this.#lastConnectionError) return;
    this.#lastConnectionError = error;
    const text = failureText(error);
    this.#counts.connectionErrors++;
    this.#erroredSinceConnect = true;
    this.#recordError(text);
    this.#options.log.warn(texts.connectionError(text));
  }

  #onClose(): void {
    if (this.#state === "stopped" || this.#state === "failed") return;
    if (!this.#erroredSinceConnect) this.#onError(new Error("connection closed"));
    this.#state = "disconnected";
    this.#connectedAt = null;
    const client = this.#client;
    if (client !== undefined) this.#scheduleRetry(() => client.reconnect());
  }

  #scheduleRetry(attempt: () => void): void {
    if (this.#retry !== undefined) return;
    const delay = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** Math.min(this.#failures, 30));
    this.#failures++;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#state === "stopped" || this.#state === "failed") return;
      this.#state = "connecting";
      this.#erroredSinceConnect = false;
      attempt();
    }, delay);
  }

  /** The store can no longer commit: stop for good without acknowledging (StateStore.durable, the daemon stops). */
  #fail(error: unknown): void {
    if (this.#state === "failed" || this.#state === "stopped") return;
    const text = failureText(error);
    this.#counts.errors++;
    this.#recordError(text);
    this.#state = "failed";
    this.#connectedAt = null;
    this.#options.log.error(texts.listenerFailed(text));
    clearTimeout(this.#retry);
    this.#client?.end(true);
  }

  #recordError(text: string): void {
    this.#lastError = text;
    this.#lastErrorAt = Date.now();
  }

  async #stop(): Promise<void> {
    if (this.#state === "stopped") return;
    const wasFailed = this.#state === "failed";
    this.#state = "stopped";
    this.#connectedAt = null;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#settled;
    const client = this.#client;
    if (client === undefined || wasFailed) return;
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}

/** Which message a packet carried: the session's client id, the topic and the payload bytes. */
function deliveryDigest(clientId: string, topic: string, payload: Uint8Array): string {
  return createHash("sha256").update(clientId).update("\u0000").update(topic).update("\u0000").update(payload)
    .digest("hex");
}
