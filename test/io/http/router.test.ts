import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matchRoute, rawPath } from "../../../src/io/http/router.ts";

describe("matchRoute()", () => {
  test("matchRoute() names the fixed endpoints", () => {
    assert.deepEqual(matchRoute("/pair"), { kind: "pair", method: "POST" });
    assert.deepEqual(matchRoute("/webhook"), { kind: "webhook", method: "POST" });
    assert.deepEqual(matchRoute("/metrics"), { kind: "metrics", method: "GET" });
    assert.deepEqual(matchRoute("/healthz"), { kind: "healthz", method: "GET" });
  });

  test("matchRoute() sends /sop/ with a non-empty rest to the SOP webhook, not /sop or /sop/", () => {
    assert.deepEqual(matchRoute("/sop/deploy/prod"), { kind: "sop-webhook", method: "POST" });
    assert.deepEqual(matchRoute("/sop//"), { kind: "sop-webhook", method: "POST" });
    assert.equal(matchRoute("/sop"), undefined);
    assert.equal(matchRoute("/sop/"), undefined);
    assert.equal(matchRoute("/webhook/"), undefined);
    assert.equal(matchRoute("/"), undefined);
  });

  test("matchRoute() decodes /api path segments", () => {
    assert.deepEqual(matchRoute("/api/tools/sop_list"), {
      kind: "api",
      api: { kind: "tool", method: "POST", tool: "sop_list" },
    });
    assert.deepEqual(matchRoute("/api/sops"), { kind: "api", api: { kind: "sops", method: "GET" } });
    assert.deepEqual(matchRoute("/api/sops/a%20b"), {
      kind: "api",
      api: { kind: "sop", method: "GET", name: "a b", part: "definition" },
    });
    assert.deepEqual(matchRoute("/api/sops/x/machine"), {
      kind: "api",
      api: { kind: "sop", method: "GET", name: "x", part: "machine" },
    });
    assert.deepEqual(matchRoute("/api/runs"), { kind: "api", api: { kind: "runs", method: "GET" } });
    assert.deepEqual(matchRoute("/api/runs/r1"), { kind: "api", api: { kind: "run", method: "GET", runId: "r1" } });
    assert.deepEqual(matchRoute("/api/runs/r1/advance"), {
      kind: "api",
      api: { kind: "run-command", method: "POST", runId: "r1", command: "advance" },
    });
  });

  test("matchRoute() gives an /api path that names nothing an undefined api route", () => {
    for (
      const path of [
        "/api",
        "/api/",
        "/api/tools",
        "/api/tools/x/y",
        "/api/sops/x/y",
        "/api/runs/r1/undo",
        "/api/runs/r1/constructor",
        "/api/runs/%E0%A4%A",
        "/api/runs/",
        "/api/other",
      ]
    ) {
      assert.deepEqual(matchRoute(path), { kind: "api", api: undefined }, path);
    }
  });
});

test("rawPath() keeps percent-encoding and drops the query string and fragment", () => {
  assert.equal(rawPath("http://127.0.0.1:8080/sop/a%2Fb?x=1"), "/sop/a%2Fb");
  assert.equal(rawPath("http://[::1]:8080/webhook#f"), "/webhook");
  assert.equal(rawPath("http://host"), "/");
});
