// startInspector(): a WebSocket client (the runtime's own WebSocket, as a browser's) receives the Stately inspection
// events of the supervisor and of a run that the test starts and drives through the tools (issue #7). Runs under
// Bun and Deno; real sockets, so events are awaited with a deadline.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig } from "../../../src/actors/engine-types.ts";
import { memoryStore } from "../../../src/actors/memory-store.ts";
import { createTools } from "../../../src/actors/tools/tools.ts";
import type { Tool } from "../../../src/actors/tools/tool.ts";
import { startInspector, type Inspector } from "../../../src/io/inspect/inspector.ts";
import { manualClock } from "../../../src/actors/clock.ts";
import { sop, startedId, step, T0 } from "../../actors/tools/tool-fixture.ts";

/** The fields of a Stately inspection event this test reads. */
interface Received {
  readonly type: string;
  readonly name?: string;
  readonly sessionId: string;
  readonly parentId?: string;
  readonly definition?: string;
  readonly event?: { readonly type: string };
  readonly snapshot?: { readonly value?: unknown; readonly context?: { readonly run?: { readonly status: string } } };
}

/** A connected WebSocket client and everything it received. */
interface Watcher {
  readonly events: Received[];
  /** Resolves with the first event (in arrival order) that matches, waiting up to 5 s. */
  next(match: (event: Received) => boolean): Promise<Received>;
  close(): void;
}

async function watch(inspector: Inspector): Promise<Watcher> {
  const socket = new WebSocket(`ws://127.0.0.1:${inspector.port}`);
  const events: Received[] = [];
  socket.onmessage = (message) => events.push(JSON.parse(String(message.data)) as Received);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  return {
    events,
    async next(match) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const found = events.find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no matching event in ${JSON.stringify(events.map((e) => e.type))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => socket.close(),
  };
}

const gated = sop("gated", {
  executionMode: "supervised",
  steps: [step(1, { title: "Check" }), step(2, { title: "Change" })],
});

describe("startInspector()", () => {
  let inspector: Inspector;
  let tools: readonly Tool[];

  before(async () => {
    inspector = await startInspector(0);
    const clock = manualClock(T0);
    const engine = new Engine({ sops: [gated], config: defaultEngineConfig, clock, store: memoryStore(),
      inspect: inspector.inspect });
    tools = createTools({ engine, clock });
  });

  after(() => inspector.stop());

  function call(name: string, args: Record<string, unknown>): string {
    const tool = tools.find((t) => t.name === name);
    if (tool === undefined) throw new TypeError(name);
    return tool.call(args).output;
  }

  test("a client sees the supervisor, then a run actor under it with its machine, states and events", async () => {
    const client = await watch(inspector);
    const supervisor = await client.next((e) => e.type === "@xstate.actor" && e.name === "supervisor");
    const runId = startedId({ success: true, output: call("sop_execute", { name: "gated" }), error: null });
    const run = await client.next((e) => e.type === "@xstate.actor" && e.name === runId);
    assert.equal(run.parentId, supervisor.sessionId, "the run actor is a child of the supervisor");
    assert.match(run.definition ?? "", /"id":/, "the run's machine definition, for the inspector's diagram");
    const waiting = await client.next((e) => e.type === "@xstate.snapshot" && e.sessionId === run.sessionId);
    assert.equal(waiting.snapshot?.context?.run?.status, "waiting_approval");

    call("sop_approve", { run_id: runId });
    call("sop_advance", { run_id: runId, status: "completed", output: "ok" });
    call("sop_advance", { run_id: runId, status: "completed", output: "done" });
    await client.next((e) => e.type === "@xstate.snapshot" && e.sessionId === run.sessionId &&
      e.snapshot?.context?.run?.status === "completed");
    const sent = client.events.filter((e) => e.type === "@xstate.event" && e.sessionId === run.sessionId)
      .map((e) => e.event?.type);
    assert.ok(sent.includes("step.completed"), JSON.stringify(sent));
    client.close();
  });

  test("a client that connects late is sent the recent events first", async () => {
    const late = await watch(inspector);
    const first = await late.next(() => true);
    assert.deepEqual([first.type, first.name], ["@xstate.actor", "supervisor"]);
    late.close();
  });

  test("the page at the inspector's address embeds the Stately Inspector and reads its own WebSocket", async () => {
    assert.equal(inspector.url, `http://127.0.0.1:${inspector.port}/`);
    const response = await fetch(inspector.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
    const page = await response.text();
    assert.match(page, /<iframe id="inspector" src="https:\/\/stately\.ai\/inspect">/);
    assert.match(page, /new WebSocket\(.*location\.host\)/);
  });
});

describe("startInspector() failures and stop", () => {
  test("a port in use is refused with a clear error", async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, "127.0.0.1", () =>
      resolve((taken.address() as { port: number }).port)));
    await assert.rejects(startInspector(port), new Error(`cannot start the inspector on 127.0.0.1:${port}: ` +
      "the port is in use"));
    await new Promise((resolve) => taken.close(resolve));
  });

  test("stop() closes connected clients and the socket", async () => {
    const inspector = await startInspector(0);
    const socket = new WebSocket(`ws://127.0.0.1:${inspector.port}`);
    await new Promise((resolve) => (socket.onopen = resolve));
    const closed = new Promise((resolve) => (socket.onclose = resolve));
    await inspector.stop();
    await closed;
    await assert.rejects(fetch(inspector.url));
  });
});
