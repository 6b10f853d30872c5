import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeConfig } from "../../src/io/config.ts";

describe("decodeConfig()", () => {
  test("decodeConfig() of an empty file gives every default of INTERFACES.md", () => {
    const { config, diagnostics } = decodeConfig("", "c.toml");
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(config?.sop, {
      default_execution_mode: "supervised", max_concurrent_total: 5, approval_timeout_secs: 300,
      approval_timeout_action: "auto_approve", max_finished_runs: 1000, max_queued_total: 1000, cron_catch_up: false,
      payload_max_bytes: 8192, scheduler_poll_secs: 15,
    });
    assert.equal(config?.gateway.port, 42617);
    assert.equal(config?.gateway.host, "127.0.0.1");
    assert.equal(config?.gateway.require_pairing, true);
    assert.equal(config?.mqtt, undefined);
    assert.deepEqual(config?.boards, []);
  });

  test("decodeConfig() reads the sections it knows", () => {
    const text = '[sop]\nsops_dir = "p"\n[gateway]\nport = 8080\n[channels_config.mqtt]\nbroker_url = "mqtt://h"\n' +
      'topics = ["a/#"]\n[[peripherals.boards]]\nboard = "b"\npath = "/dev/ttyUSB0"\n';
    const { config, diagnostics } = decodeConfig(text, "c.toml");
    assert.deepEqual(diagnostics, []);
    assert.equal(config?.sop.sops_dir, "p");
    assert.equal(config?.gateway.port, 8080);
    assert.equal(config?.mqtt?.client_id, "zeroclaw");
    assert.deepEqual(config?.mqtt?.topics, ["a/#"]);
    assert.deepEqual(config?.boards, [{ board: "b", transport: "serial", path: "/dev/ttyUSB0", baud: 115200 }]);
  });

  test("decodeConfig() warns about unknown keys and reference keys it does not use, and accepts [sop] enabled", () => {
    const text = "[sop]\nenabled = true\nmax_concurent_total = 3\n[cron]\nenabled = true\n[agent]\nx = 1\n";
    const { config, diagnostics } = decodeConfig(text, "c.toml");
    assert.ok(config !== undefined);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.message, d.line]), [
      ["warning", 'unknown key "max_concurent_total" in [sop] (did you mean "max_concurrent_total"?)', 3],
      ["warning", 'key "cron.enabled" is not used by this runtime', 5],
      ["warning", 'unknown key "agent" in the top-level table', 6],
    ]);
  });

  test("decodeConfig() names reference keys that this runtime does not use", () => {
    const { diagnostics } = decodeConfig("[reliability]\nscheduler_poll_secs = 5\n[channels_config.webhook]\nport = 1\n", "c.toml");
    assert.ok(diagnostics.some((d) => d.message === 'key "channels_config.webhook.port" is not used by this runtime'));
  });

  test("decodeConfig() fails on wrong types and unknown enum values, with positions", () => {
    const { config, diagnostics } = decodeConfig('[sop]\nmax_concurrent_total = "5"\napproval_timeout_action = "x"\n', "c.toml");
    assert.equal(config, undefined);
    assert.deepEqual(diagnostics.map((d) => [d.message, d.line, d.column]), [
      ['"max_concurrent_total" must be an integer (got string)', 2, 24],
      ['unknown approval_timeout_action "x" (expected auto_approve, wait, cancel)', 3, 27],
    ]);
  });

  test("decodeConfig() turns a TOML syntax error into one located diagnostic", () => {
    const { config, diagnostics } = decodeConfig("[sop\n", "c.toml");
    assert.equal(config, undefined);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]?.message ?? "", /^TOML syntax error: /);
    assert.equal(diagnostics[0]?.line, 1);
  });

  test("decodeConfig() never throws on hostile input", () => {
    for (const text of ["\u0000", "a = " + "[".repeat(100_000), "\uFEFF[sop]\r\nsops_dir = 'x'\r\n", "x".repeat(1_000_000)]) {
      const decoded = decodeConfig(text, "c.toml");
      assert.ok(Array.isArray(decoded.diagnostics));
    }
    assert.equal(decodeConfig("\uFEFF[sop]\r\nsops_dir = 'x'\r\n", "c.toml").config?.sop.sops_dir, "x");
  });
});
