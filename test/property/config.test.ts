// Property tests (issue #8): config.toml (decodeConfig) and the MQTT section check take any text, answering a config
// or diagnostics within the call bound; a decoded config always holds the types its schema promises.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { decodeConfig } from "../../src/io/config.ts";
import { checkMqttConfig, parseBrokerAddress } from "../../src/io/mqtt/mqtt-config.ts";
import { anyText, assertBounded, checkProperty, mutated, pathological, timed } from "./property.ts";

const configSample = `[sop]
sops_dir = "sops"
default_execution_mode = "auto"
max_concurrent_total = 5
approval_timeout_secs = 300
approval_timeout_action = "cancel"
state_dir = "~/state"

[gateway]
host = "127.0.0.1"
port = 42617
paired_tokens = ["zc_abc", "${"a".repeat(64)}"]
trust_forwarded_headers = true
hmac_secret = "s"

[channels_config.webhook]
secret = "w"

[channels_config.mqtt]
broker_url = "mqtts://broker.local:8883"
topics = ["sensors/#", "ops/+/deploy"]
qos = 1
clean_session = false
shared_group = "g"
username = "u"
password = "p"
use_tls = true

[[peripherals.boards]]
board = "boiler"
path = "/dev/ttyUSB0"
baud = 9600

[inspect]
port = 0

[cron]
enabled = true
`;
const configFragments = ["[sop]", "[gateway]", "[channels_config.mqtt]", "[[peripherals.boards]]", "[cron]", "\n",
  " = ", '"', "'", "[", "]", "{", "}", ",", "port", "qos", "host", "-1", "99999999999999999999", "1.5", "true",
  "broker_url", "mqtt://", "mqtts://", "topics", "max_body_bytes", "sops_dir", "state_dir", "../..", "~", "/", "\\",
  "\u0000", "\uFEFF", "#", "inf", "1979-05-27", "paired_tokens", "[[", "]]"];
const configText = fc.oneof(anyText(configFragments, 600), mutated([configSample], configFragments),
  pathological(["[", "[[", "a.", "{a=", "x = [", "[a]\n", '"'], ["]", "1"]));

describe("properties: config.toml", () => {
  test("decodeConfig() returns a config or errors for any text; a config has its schema's types", () => {
    checkProperty("decodeConfig", configText, (text) => {
      const decoded = timed("decodeConfig", () => decodeConfig(text, "config.toml"));
      assertBounded(decoded, text.length, "decodeConfig");
      const failed = decoded.diagnostics.some((d) => d.severity === "error");
      assert.equal(decoded.config === undefined, failed);
      const config = decoded.config;
      if (config === undefined) return;
      assert.ok(Number.isSafeInteger(config.gateway.port) && config.gateway.port >= 0);
      assert.ok(Number.isSafeInteger(config.sop.max_concurrent_total));
      assert.ok(config.gateway.paired_tokens.every((token) => typeof token === "string"));
      assert.equal(typeof config.gateway.require_pairing, "boolean");
      if (config.mqtt !== undefined) {
        const mqtt = config.mqtt;
        const checked = timed("checkMqttConfig", () => checkMqttConfig(mqtt));
        if (checked.ok) {
          assert.ok(checked.value.port >= 0 && checked.value.port <= 65_535, `port ${checked.value.port}`);
          assert.ok(checked.value.topics.length > 0);
        } else assert.equal(typeof checked.message, "string");
      }
    });
  });

  test("parseBrokerAddress() takes any URL text", () => {
    const url = fc.oneof(anyText(["mqtt://", "mqtts://", ":", "@", "[", "]", "::1", "1883", "99999", "/", "?", "#",
      "%", "host", "user:pass@"], 80), fc.webUrl().map((u) => u.replace(/^https?/, "mqtt")));
    checkProperty("parseBrokerAddress", url, (text) => {
      const address = timed("parseBrokerAddress", () => parseBrokerAddress(text));
      assert.equal(typeof address.host, "string");
      assert.ok(Number.isInteger(address.port));
    });
  });
});
