// PUBACK and PUBREC held back until the dispatch they acknowledge is durable, without holding back the next message.
// mqtt.js writes these acknowledgements itself and parses the next packet only once the write is done, so waiting
// inside `customHandleAcks` would allow one fsync per message: about 1,000 QoS 1 messages/s on this machine, and
// latency without bound beyond that (docs/benchmarks.md). Held here instead, several messages share one group
// commit (StateStore.durable) and their acknowledgements follow it in arrival order.
// Edge: wraps `_sendPacket`, an internal method of mqtt.js 5.16 (pinned in package.json). If an mqtt.js upgrade
// renames it, `holdAcks` throws at start; if it stops routing acknowledgements through it, the tests "a QoS 1/2
// message whose commit fails is not acknowledged" fail.
import type { MqttClient } from "mqtt";

type SendPacket = (packet: { readonly cmd: string; readonly messageId?: number }, cb?: (error?: Error) => void,
  ...rest: unknown[]) => void;

/** Registers the condition under which a message's acknowledgement may be written. */
export interface HeldAcks {
  /** PUBACK/PUBREC for `messageId` is written when `until` resolves true, and never when it resolves false. */
  hold(messageId: number, until: Promise<boolean>): void;
}

/**
 * Routes the client's PUBACK and PUBREC packets through held promises; others pass straight through. `onSent` is told
 * each held acknowledgement's message id once it is written.
 */
export function holdAcks(client: MqttClient, onSent: (messageId: number) => void = () => {}): HeldAcks {
  const internals = client as unknown as { _sendPacket?: SendPacket };
  const send = internals._sendPacket;
  if (typeof send !== "function") throw new TypeError("mqtt.js has no _sendPacket: acknowledgements cannot be held");
  const held = new Map<number, Promise<boolean>>();
  internals._sendPacket = function (this: MqttClient, packet, cb, ...rest) {
    const id = packet.messageId;
    const until = (packet.cmd === "puback" || packet.cmd === "pubrec") && id !== undefined ? held.get(id) : undefined;
    if (id === undefined || until === undefined) return send.call(this, packet, cb, ...rest);
    held.delete(id);
    cb?.(); // mqtt.js goes on to the next packet now
    void until.then((ok) => {
      if (!ok) return;
      send.call(this, packet, undefined, ...rest);
      onSent(id);
    });
  };
  return { hold: (messageId, until) => void held.set(messageId, until) };
}
