import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { decodeConfig } from "../../../src/io/config.ts";
import { clientOptions } from "../../../src/io/mqtt/mqtt-client-options.ts";
import {
  checkMqttConfig, parseBrokerAddress, subscriptionFilter, type MqttSection, type MqttSettings,
} from "../../../src/io/mqtt/mqtt-config.ts";

/** The defaults config.ts applies (config-schema.ts mqttFields). */
const sectionDefaults: MqttSection = {
  client_id: "zeroclaw", qos: 1, use_tls: false, keep_alive_secs: 30, clean_session: true,
};
const valid: MqttSection = { ...sectionDefaults, broker_url: "mqtt://broker:1883", topics: ["site/#"] };

function errorOf(section: Partial<MqttSection>, base: MqttSection = valid): string | undefined {
  const checked = checkMqttConfig({ ...base, ...section });
  return checked.ok ? undefined : checked.message;
}

function settingsOf(section: Partial<MqttSection>): MqttSettings {
  const checked = checkMqttConfig({ ...valid, ...section });
  assert.ok(checked.ok, checked.ok ? "" : checked.message);
  return checked.value;
}

describe("checkMqttConfig()", () => {
  test("checkMqttConfig() gives the reference's exact texts (fan-in.md §5.1)", () => {
    assert.equal(errorOf({ broker_url: "tcp://broker" }), "mqtt.broker_url must start with mqtt:// or mqtts://");
    assert.equal(errorOf({ broker_url: "MQTT://broker" }), "mqtt.broker_url must start with mqtt:// or mqtts://");
    assert.equal(errorOf({ qos: 3 }), "mqtt.qos must be 0, 1, or 2 (got 3)");
    assert.equal(errorOf({ topics: [] }), "mqtt.topics must contain at least one topic");
    assert.equal(errorOf({ client_id: "" }), "mqtt.client_id must not be empty");
    assert.equal(errorOf({ use_tls: true }),
      "mqtt.use_tls is true but broker_url uses mqtt:// scheme. Use mqtts:// for TLS connections");
    assert.equal(errorOf({ broker_url: "mqtts://broker" }),
      "mqtt.broker_url uses mqtts:// scheme but use_tls is false. Set use_tls = true or use mqtt:// for plaintext");
  });

  test("checkMqttConfig() stops at the first error, in the reference's order", () => {
    const allWrong = { broker_url: "http://x", qos: 7, topics: [], client_id: "", use_tls: true };
    assert.equal(errorOf(allWrong), "mqtt.broker_url must start with mqtt:// or mqtts://");
    assert.equal(errorOf({ ...allWrong, broker_url: "mqtt://x" }), "mqtt.qos must be 0, 1, or 2 (got 7)");
    assert.equal(errorOf({ ...allWrong, broker_url: "mqtt://x", qos: 0 }),
      "mqtt.topics must contain at least one topic");
    assert.equal(errorOf({ ...allWrong, broker_url: "mqtt://x", qos: 0, topics: ["a"] }),
      "mqtt.client_id must not be empty");
    assert.match(errorOf({ ...allWrong, broker_url: "mqtt://x", qos: 0, topics: ["a"], client_id: "c" }) ?? "",
      /^mqtt\.use_tls is true/);
  });

  test("checkMqttConfig() reports a missing broker_url and missing topics with the same texts", () => {
    assert.equal(errorOf({}, { ...sectionDefaults, topics: ["a"] }),
      "mqtt.broker_url must start with mqtt:// or mqtts://");
    assert.equal(errorOf({}, { ...sectionDefaults, broker_url: "mqtt://b" }),
      "mqtt.topics must contain at least one topic");
  });

  test("checkMqttConfig() refuses a keep-alive MQTT cannot carry and a share name with / + #", () => {
    assert.equal(errorOf({ keep_alive_secs: 70000 }), "mqtt.keep_alive_secs must be between 0 and 65535 (got 70000)");
    assert.equal(errorOf({ keep_alive_secs: -1 }), "mqtt.keep_alive_secs must be between 0 and 65535 (got -1)");
    assert.equal(errorOf({ shared_group: "" }),
      'mqtt.shared_group must be a non-empty name without "/", "+" or "#" (got "")');
    assert.equal(errorOf({ shared_group: "a/b" }),
      'mqtt.shared_group must be a non-empty name without "/", "+" or "#" (got "a/b")');
    assert.equal(errorOf({ shared_group: "zeroclaw" }), undefined);
  });

  test("checkMqttConfig() keeps the settings, credentials only when both are set", () => {
    assert.deepEqual(settingsOf({}), { protocol: "mqtt", host: "broker", port: 1883, clientId: "zeroclaw",
      topics: ["site/#"], qos: 1, keepAliveSecs: 30, cleanSession: true });
    assert.equal(settingsOf({ username: "u" }).credentials, undefined);
    assert.equal(settingsOf({ password: "p" }).credentials, undefined);
    assert.deepEqual(settingsOf({ username: "u", password: "" }).credentials, { username: "u", password: "" });
    const tls = settingsOf({ broker_url: "mqtts://b", use_tls: true, ca_file: "/ca.pem", key_file: "/k.pem" });
    assert.deepEqual([tls.protocol, tls.port, tls.tls], ["mqtts", 8883, { caFile: "/ca.pem", keyFile: "/k.pem" }]);
    assert.equal(settingsOf({ ca_file: "/ca.pem" }).tls, undefined, "TLS files are read only with use_tls");
    const persistent = settingsOf({ clean_session: false, shared_group: "g", qos: 2 });
    assert.deepEqual([persistent.cleanSession, persistent.sharedGroup, persistent.qos], [false, "g", 2]);
  });

  test("checkMqttConfig() accepts the section decodeConfig() produces from config.toml", () => {
    const text = '[channels_config.mqtt]\nbroker_url = "mqtts://broker.example:8884"\ntopics = ["a/#", "b"]\n'
      + 'use_tls = true\nclean_session = false\nshared_group = "zeroclaw"\nqos = 2\n';
    const section = decodeConfig(text, "c.toml").config?.mqtt;
    assert.ok(section !== undefined);
    const checked = checkMqttConfig(section);
    assert.ok(checked.ok);
    const { host, port, topics } = checked.value;
    assert.deepEqual([host, port, topics], ["broker.example", 8884, ["a/#", "b"]]);
  });
});

describe("parseBrokerAddress()", () => {
  test("parseBrokerAddress() reads host and port as the reference does (fan-in.md §5.2)", () => {
    assert.deepEqual(parseBrokerAddress("mqtt://broker:1884"), { host: "broker", port: 1884 });
    assert.deepEqual(parseBrokerAddress("mqtt://broker"), { host: "broker", port: 1883 });
    assert.deepEqual(parseBrokerAddress("mqtts://broker"), { host: "broker", port: 8883 });
    assert.deepEqual(parseBrokerAddress("mqtt://10.0.0.5:0"), { host: "10.0.0.5", port: 0 });
    assert.deepEqual(parseBrokerAddress("mqtt://broker:+1885"), { host: "broker", port: 1885 });
  });

  test("parseBrokerAddress() falls back to the default port when the text after the last colon is not a u16", () => {
    assert.deepEqual(parseBrokerAddress("mqtt://broker:1883/x"), { host: "broker", port: 1883 });
    assert.deepEqual(parseBrokerAddress("mqtts://broker:70000"), { host: "broker", port: 8883 });
    assert.deepEqual(parseBrokerAddress("mqtt://broker:"), { host: "broker", port: 1883 });
    assert.deepEqual(parseBrokerAddress("mqtt://broker:-1"), { host: "broker", port: 1883 });
  });

  test("parseBrokerAddress() ends the host at the first colon, so IPv6 literals are not supported", () => {
    assert.deepEqual(parseBrokerAddress("mqtt://[::1]:1883"), { host: "[", port: 1883 });
    assert.deepEqual(parseBrokerAddress("mqtt://a:b:1999"), { host: "a", port: 1999 });
  });
});

describe("subscriptionFilter()", () => {
  test("subscriptionFilter() prefixes $share/{group}/ only with a shared group (D11)", () => {
    assert.equal(subscriptionFilter({}, "site/#"), "site/#");
    assert.equal(subscriptionFilter({ sharedGroup: "zeroclaw" }, "site/#"), "$share/zeroclaw/site/#");
  });
});

describe("clientOptions()", () => {
  test("clientOptions() is an options object: MQTT 5, no mqtt.js reconnect or resubscribe", () => {
    const built = clientOptions(settingsOf({ username: "u", password: "p", keep_alive_secs: 10 }), 5_000);
    assert.ok(built.ok);
    assert.deepEqual(built.value, { host: "broker", port: 1883, protocol: "mqtt", protocolVersion: 5,
      clientId: "zeroclaw", clean: true, keepalive: 10, connectTimeout: 5_000, reconnectPeriod: 0, resubscribe: false,
      username: "u", password: "p" });
  });

  test("clientOptions() asks for a session that never expires when clean_session = false", () => {
    const built = clientOptions(settingsOf({ clean_session: false }), 5_000);
    assert.ok(built.ok);
    assert.equal(built.value.clean, false);
    assert.deepEqual(built.value.properties, { sessionExpiryInterval: 0xffffffff });
  });

  test("clientOptions() reads the TLS files, and names the one it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), "zeroclaw-mqtt-options-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "ca.pem"), "CA");
    const tls = { broker_url: "mqtts://broker", use_tls: true, ca_file: join(dir, "ca.pem") };
    const built = clientOptions(settingsOf(tls), 5_000);
    assert.ok(built.ok);
    assert.equal(built.value.protocol, "mqtts");
    assert.equal(String(built.value.ca), "CA");
    assert.equal(built.value.rejectUnauthorized, true);
    const missing = clientOptions(settingsOf({ ...tls, cert_file: join(dir, "none.pem") }), 5_000);
    assert.ok(!missing.ok);
    assert.match(missing.message, /^Cannot read mqtt\.cert_file ".*none\.pem": .*(ENOENT|No such file|not found)/i);
  });
});
