import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sop } from "../actors/tools/tool-fixture.ts";
import { closedUrl, startDaemon, startServer, type TestServer } from "./daemon-fixture.ts";
import { makeWorkspace, zeroclaw } from "./zeroclaw.ts";

const sops = [sop("backup")];

/** Runs `fn` against a stand-in daemon (needing `token`, when given), and closes it afterwards. */
async function withDaemon(fn: (daemon: TestServer) => Promise<void>, token?: string): Promise<void> {
  const daemon = await startDaemon(sops, token === undefined ? {} : { token });
  try {
    await fn(daemon);
  } finally {
    await daemon.close();
  }
}

const noRuns = { code: 0, stdout: "No active runs.\n", stderr: "" };

describe("run commands: reaching the daemon", () => {
  test("--url wins over ZEROCLAW_URL, which wins over the config's gateway port", () =>
    withDaemon(async (daemon) => {
      const dead = await closedUrl();
      const deadPort = new URL(dead).port;
      const ws = makeWorkspace({
        "live.toml": `[gateway]\nport = ${daemon.port}\n`,
        "dead.toml": `[gateway]\nport = ${deadPort}\n`,
      });
      const env = { ZEROCLAW_URL: dead };
      assert.deepEqual(await zeroclaw(["sop", "status", "--url", daemon.url], { env }), noRuns);
      const envOverConfig = { env: { ZEROCLAW_URL: daemon.url } };
      assert.deepEqual(await zeroclaw(["sop", "status", "--config", `${ws}/dead.toml`], envOverConfig), noRuns);
      assert.deepEqual(await zeroclaw(["sop", "status", "--config", `${ws}/live.toml`]), noRuns);
      const emptyUrl = { env: { ZEROCLAW_CONFIG: `${ws}/live.toml`, ZEROCLAW_URL: "" } };
      assert.deepEqual(await zeroclaw(["sop", "status"], emptyUrl), noRuns, "an empty ZEROCLAW_URL counts as unset");
      assert.equal((await zeroclaw(["sop", "status", "--config", `${ws}/live.toml`], { env })).code, 1);
    }));

  test("a URL with a trailing slash or a path prefix is joined without doubling slashes", async () => {
    const server = await startServer(() => ({ status: 200, body: { success: true, output: "ok", error: null } }));
    try {
      assert.equal((await zeroclaw(["sop", "cancel", "r", "--url", `${server.url}/`])).stdout, "ok\n");
      assert.equal((await zeroclaw(["sop", "cancel", "r", "--url", `${server.url}/zc/`])).stdout, "ok\n");
      assert.deepEqual(server.requests.map((r) => r.path), ["/api/tools/sop_cancel", "/zc/api/tools/sop_cancel"]);
    } finally {
      await server.close();
    }
  });

  test("without --url or ZEROCLAW_URL the default is port 42617 on 127.0.0.1, or the config's port", async () => {
    const dead = await closedUrl();
    const ws = makeWorkspace({ "config.toml": `[gateway]\nport = ${new URL(dead).port}\n` });
    const fromConfig = await zeroclaw(["sop", "pending", "--config", `${ws}/config.toml`]);
    assert.equal(fromConfig.code, 1);
    assert.match(fromConfig.stderr, new RegExp(`^Error: cannot reach the daemon at ${dead} \\(connection refused\\)`));
    const help = await zeroclaw(["sop", "pending", "--help"]);
    assert.match(help.stdout, /default http:\/\/127\.0\.0\.1:<\[gateway\] port, 42617>/);
  });

  test("a daemon that is down gives a clear error naming the URL and how to set it, exit 1", async () => {
    const dead = await closedUrl();
    for (const argv of [["sop", "execute", "x"], ["sop", "status"], ["sop", "status", "--json"], ["sop", "pending"]]) {
      const result = await zeroclaw([...argv, "--url", dead]);
      assert.equal(result.code, 1, argv.join(" "));
      assert.equal(result.stdout, "");
      assert.equal(result.stderr, `Error: cannot reach the daemon at ${dead} (connection refused); ` +
        'is "zeroclaw daemon" running? Set its address with --url or ZEROCLAW_URL\n');
    }
  });

  test("a bad URL, from the flag or the environment, is a usage error, exit 2", async () => {
    for (const url of ["localhost:42617", "ftp://127.0.0.1/", "not a url", "http://127.0.0.1:1/?q=1"]) {
      const flag = await zeroclaw(["sop", "status", "--url", url]);
      assert.deepEqual(flag, { code: 2, stdout: "",
        stderr: `Error: invalid daemon URL "${url}" (expected http://HOST:PORT or https://HOST:PORT)\n` }, url);
      assert.equal((await zeroclaw(["sop", "pending"], { env: { ZEROCLAW_URL: url } })).code, 2, url);
    }
  });

  test("an unusable config is reported when the port must come from it; --url skips the config", async () => {
    const ws = makeWorkspace({ "config.toml": '[gateway]\nport = "x"\n' });
    const result = await zeroclaw(["sop", "status", "--config", `${ws}/config.toml`], { cwd: ws });
    assert.deepEqual(result, { code: 1, stdout: "",
      stderr: 'Error: config.toml:2:8: "port" must be an integer (got string)\n' });
    const missing = await zeroclaw(["sop", "status", "--config", "/nonexistent/config.toml"]);
    assert.match(missing.stderr, /^Error: \/nonexistent\/config\.toml: cannot read file/);
    const zero = makeWorkspace({ "config.toml": "[gateway]\nport = 0\n" });
    const unknown = await zeroclaw(["sop", "status", "--config", `${zero}/config.toml`]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr,
      /^Error: the config's \[gateway\] port is 0, so the daemon's address is unknown: pass --url\n/);
    const dead = await closedUrl();
    const skipped = await zeroclaw(["sop", "status", "--config", `${ws}/config.toml`, "--url", dead]);
    assert.match(skipped.stderr, /^Error: cannot reach the daemon/);
  });
});

describe("run commands: the bearer token", () => {
  test("a 401 without a token tells to pass --token or ZEROCLAW_TOKEN, exit 1", () =>
    withDaemon(async (daemon) => {
      const result = await zeroclaw(["sop", "status", "--url", daemon.url]);
      assert.deepEqual(result, { code: 1, stdout: "", stderr: `Error: the daemon at ${daemon.url} requires a token: ` +
        "pass --token T or set ZEROCLAW_TOKEN (pair first: POST /pair)\n" });
      const pending = await zeroclaw(["sop", "pending", "--url", daemon.url]);
      assert.match(pending.stderr, /requires a token: pass --token T or set ZEROCLAW_TOKEN/);
    }, "secret"));

  test("a 401 with a wrong token says the token was refused, exit 1", () =>
    withDaemon(async (daemon) => {
      const result = await zeroclaw(["sop", "status", "--url", daemon.url, "--token", "wrong"]);
      assert.deepEqual(result, { code: 1, stdout: "",
        stderr: `Error: the daemon at ${daemon.url} refused the token: check --token or ZEROCLAW_TOKEN\n` });
    }, "secret"));

  test("--token wins over ZEROCLAW_TOKEN; either is sent as Authorization: Bearer", () =>
    withDaemon(async (daemon) => {
      assert.deepEqual(await zeroclaw(["sop", "status", "--url", daemon.url, "--token", "secret"],
        { env: { ZEROCLAW_TOKEN: "wrong" } }), noRuns);
      assert.deepEqual(await zeroclaw(["sop", "status", "--url", daemon.url], { env: { ZEROCLAW_TOKEN: "secret" } }),
        noRuns);
      assert.equal((await zeroclaw(["sop", "status", "--url", daemon.url, "--token", "wrong"],
        { env: { ZEROCLAW_TOKEN: "secret" } })).code, 1);
      assert.deepEqual(daemon.requests.map((r) => r.authorization), ["Bearer secret", "Bearer secret", "Bearer wrong"]);
    }, "secret"));

  test("no Authorization header is sent without a token", () =>
    withDaemon(async (daemon) => {
      await zeroclaw(["sop", "status", "--url", daemon.url], { env: { ZEROCLAW_TOKEN: "" } });
      assert.equal(daemon.requests[0]?.authorization, undefined);
    }));
});

describe("run commands: answers that are not tool results", () => {
  test("the daemon's {\"error\"} text is shown for any refusal; otherwise the HTTP status", async () => {
    const answers = [
      { status: 429, body: { error: "Too many requests" } },
      { status: 500, body: "<html>oops</html>" },
      { status: 404, body: "" },
      { status: 200, body: "<html>hello</html>" },
      { status: 200, body: { ok: true } },
      { status: 200, body: { success: false, output: "", error: null } },
    ];
    let next = 0;
    const server = await startServer(() => answers[next++] ?? { status: 500 });
    try {
      const errors: string[] = [];
      for (let i = 0; i < answers.length; i++) {
        errors.push((await zeroclaw(["sop", "cancel", "r", "--url", server.url])).stderr);
      }
      assert.deepEqual(errors, [
        "Error: Too many requests\n",
        `Error: the daemon at ${server.url} answered HTTP 500\n`,
        `Error: the daemon at ${server.url} has no tool "sop_cancel"; is it a zeroclaw daemon?\n`,
        `Error: the answer from ${server.url} is not a tool result; is it a zeroclaw daemon?\n`,
        `Error: the answer from ${server.url} is not a tool result; is it a zeroclaw daemon?\n`,
        "Error: the tool failed without an error text\n",
      ]);
    } finally {
      await server.close();
    }
  });

  test("pending and status --json refuse answers that are not run JSON; a bare 404 is an unknown run", async () => {
    const server = await startServer(() => ({ status: 200, body: [{ run_id: 1 }] }));
    try {
      const pending = await zeroclaw(["sop", "pending", "--url", server.url]);
      assert.deepEqual(pending,
        { code: 1, stdout: "", stderr: `Error: the answer from ${server.url} is not a list of runs\n` });
    } finally {
      await server.close();
    }
    const html = await startServer((request) => ({ status: request.path === "/api/runs" ? 200 : 404, body: "<html>" }));
    try {
      const status = await zeroclaw(["sop", "status", "--json", "--url", html.url]);
      assert.deepEqual(status, { code: 1, stdout: "",
        stderr: `Error: the answer from ${html.url} is not JSON; is it a zeroclaw daemon?\n` });
      const run = await zeroclaw(["sop", "status", "r1", "--json", "--url", html.url]);
      assert.deepEqual(run, { code: 1, stdout: "", stderr: "Error: No run found with ID 'r1'.\n" });
    } finally {
      await html.close();
    }
  });
});
