// The MQTT source over TLS against a real mosquitto: a throwaway CA and server certificate made with openssl, the
// trust anchor from ca_file, a client certificate, an untrusted server, and a TLS file that appears late.
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { makeCertificates, type Certificates } from "./certificates.ts";
import { startMosquitto, type Mosquitto } from "./mosquitto.ts";
import { connected, mqttSop, publisher, startedSops, waitFor, wireSource } from "./mqtt-fixture.ts";

describe("startMqttSource() over TLS", () => {
  let certs: Certificates;
  let broker: Mosquitto;
  let mutual: Mosquitto;

  before(async () => {
    certs = makeCertificates();
    const tls = { caFile: certs.caFile, certFile: certs.serverCert, keyFile: certs.serverKey };
    broker = await startMosquitto({ tls });
    mutual = await startMosquitto({ tls: { ...tls, requireCertificate: true } });
  });
  after(async () => {
    await Promise.all([broker.dispose(), mutual.dispose()]);
    rmSync(certs.dir, { recursive: true, force: true });
  });

  test("mqtts:// with ca_file: a message over TLS starts a run", async () => {
    const wired = wireSource(broker, [mqttSop("secure", "tls/#")],
      { client_id: "tls1", topics: ["tls/#"], use_tls: true, ca_file: certs.caFile });
    try {
      await connected(wired);
      const pub = await publisher(broker, { protocol: "mqtts", ca: readFileSync(certs.caFile) });
      await pub.publishAsync("tls/door", "open", { qos: 1 });
      await waitFor("the run", () => startedSops(wired).length === 1);
      assert.equal(wired.dispatched[0]?.event.payload, "open");
      await pub.endAsync();
    } finally {
      await wired.dispose();
    }
  });

  test("cert_file and key_file present a client certificate to a broker that requires one", async () => {
    const withCert = wireSource(mutual, [], { client_id: "tls2", use_tls: true, ca_file: certs.caFile,
      cert_file: certs.clientCert, key_file: certs.clientKey });
    const without = wireSource(mutual, [], { client_id: "tls3", use_tls: true, ca_file: certs.caFile });
    try {
      await connected(withCert);
      await waitFor("the refusal", () => without.source.counters().connectionErrors >= 1);
      assert.notEqual(without.source.health().state, "connected");
      assert.notEqual(without.source.health().lastError, null);
    } finally {
      await Promise.all([withCert.dispose(), without.dispose()]);
    }
  });

  test("a server certificate from an untrusted CA is refused and reported", async () => {
    const wired = wireSource(broker, [], { client_id: "tls4", use_tls: true, ca_file: certs.otherCaFile });
    try {
      await waitFor("two attempts", () => wired.source.counters().connectionErrors >= 2);
      assert.notEqual(wired.source.health().state, "connected");
      assert.match(wired.source.health().lastError ?? "", /self.signed certificate in certificate chain/);
      const [first, second] = wired.log.lines;
      assert.match(first ?? "", /^warn MQTT SOP listener: connection error: self.signed certificate/);
      assert.equal(second, first, "one line per attempt");
    } finally {
      await wired.dispose();
    }
  });

  test("a ca_file that cannot be read is reported, and used once it appears", async () => {
    const late = join(certs.dir, "late-ca.crt");
    const wired = wireSource(broker, [], { client_id: "tls5", use_tls: true, ca_file: late });
    try {
      await waitFor("the error", () => wired.source.health().lastError !== null);
      assert.match(wired.source.health().lastError ?? "", /^Cannot read mqtt\.ca_file ".*late-ca\.crt": /);
      assert.match(wired.log.lines[0] ?? "", /^warn MQTT SOP listener: Cannot read mqtt\.ca_file /);
      copyFileSync(certs.caFile, late);
      await connected(wired);
    } finally {
      await wired.dispose();
    }
  });
});
