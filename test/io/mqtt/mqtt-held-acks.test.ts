import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { MqttClient } from "mqtt";
import { holdAcks } from "../../../src/io/mqtt/mqtt-held-acks.ts";

type Packet = { readonly cmd: string; readonly messageId?: number };

/** A stand-in with mqtt.js's internal `_sendPacket(packet, cb)`, recording what it writes. */
function fakeClient(): { client: MqttClient; written: Packet[] } {
  const written: Packet[] = [];
  const client = {
    _sendPacket(packet: Packet, cb?: () => void) {
      written.push(packet);
      cb?.();
    },
  };
  return { client: client as unknown as MqttClient, written };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("holdAcks()", () => {
  test("holdAcks() lets mqtt.js go on at once and writes a held PUBACK once its condition is true", async () => {
    const { client, written } = fakeClient();
    const acks = holdAcks(client);
    let commit!: (ok: boolean) => void;
    acks.hold(7, new Promise<boolean>((resolve) => (commit = resolve)));
    let next = false;
    (client as unknown as { _sendPacket(p: Packet, cb: () => void): void })._sendPacket({ cmd: "puback", messageId: 7 },
      () => (next = true));
    assert.equal(next, true, "the next packet is not held up");
    await tick();
    assert.deepEqual(written, []);
    commit(true);
    await tick();
    assert.deepEqual(written, [{ cmd: "puback", messageId: 7 }]);
  });

  test("holdAcks() never writes an acknowledgement whose condition is false", async () => {
    const { client, written } = fakeClient();
    holdAcks(client).hold(3, Promise.resolve(false));
    (client as unknown as { _sendPacket(p: Packet): void })._sendPacket({ cmd: "pubrec", messageId: 3 });
    await tick();
    assert.deepEqual(written, []);
  });

  test("holdAcks() passes other packets, and acknowledgements nobody held, straight through", () => {
    const { client, written } = fakeClient();
    holdAcks(client).hold(1, Promise.resolve(true));
    const send = (client as unknown as { _sendPacket(p: Packet): void })._sendPacket;
    send.call(client, { cmd: "subscribe", messageId: 1 });
    send.call(client, { cmd: "puback", messageId: 2 });
    send.call(client, { cmd: "pingreq" });
    assert.deepEqual(written,
      [{ cmd: "subscribe", messageId: 1 }, { cmd: "puback", messageId: 2 }, { cmd: "pingreq" }]);
  });

  test("holdAcks() refuses a client without _sendPacket, so an mqtt.js upgrade that renames it fails loudly", () => {
    assert.throws(() => holdAcks({} as MqttClient), /mqtt\.js has no _sendPacket/);
  });
});
