// Test helper: a gateway over a real engine and the real SQLite state store, served on a free loopback port through
// src/io/runtime.ts. Time is a manual clock shared by the engine, the request timeout and the rate limits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ManualClock, manualClock } from "../../../src/actors/clock.ts";
import { createDispatcher } from "../../../src/actors/dispatcher.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig, type DispatchResult, type EngineConfig } from "../../../src/actors/engine-types.ts";
import { createMetrics } from "../../../src/actors/metrics.ts";
import type { Tool } from "../../../src/actors/tools/tool.ts";
import { createTools } from "../../../src/actors/tools/tools.ts";
import type { Sop } from "../../../src/compiler/sop.ts";
import { type Config, decodeConfig } from "../../../src/io/config.ts";
import { createGateway, type Gateway } from "../../../src/io/http/gateway.ts";
import type { SourcesHealth } from "../../../src/io/http/healthz.ts";
import { serve, type Served } from "../../../src/io/runtime.ts";
import type { StateStore } from "../../../src/io/store/state-store.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop, start } from "../../actors/engine-fixture.ts";

/** Config sections as decoded from an empty config.toml: every default. */
const defaults = decodeConfig("", "config.toml").config as Config;

/** `[gateway]` keys to override; by default pairing is off so tests opt into what they check. */
export type GatewayOverrides = Partial<Config["gateway"]>;

export interface GatewayOptions {
  readonly sops?: readonly Sop[];
  readonly gateway?: GatewayOverrides;
  readonly secret?: string;
  readonly engine?: Partial<EngineConfig>;
  readonly extraTools?: readonly Tool[];
  readonly health?: SourcesHealth;
  /** An existing state folder (a restart); a fresh one otherwise. */
  readonly stateDir?: string;
  /** Replaces the store's `durable()` to inject a failed commit. */
  readonly durable?: () => Promise<void>;
}

/** What a test gets back from one HTTP request. */
export interface Reply {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array | ReadableStream<Uint8Array>;
}

export interface TestGateway {
  readonly gateway: Gateway;
  readonly engine: Engine;
  readonly store: StateStore;
  readonly clock: ManualClock;
  readonly stateDir: string;
  readonly url: string;
  readonly errors: string[];
  readonly fatal: Error[];
  readonly dispatched: (readonly DispatchResult[])[];
  /** Resolves each time the server has handed a request to the gateway (its timeout is armed then). */
  received(): Promise<void>;
  request(path: string, options?: RequestOptions): Promise<Reply>;
  /** Stops the server and closes the store; removes the state folder unless `keep`. */
  close(keep?: boolean): Promise<void>;
}

/** A webhook-triggered SOP: `/sop/{name}`, optionally with a condition. */
export function webhookSop(name: string, overrides: Partial<Sop> = {}, condition?: string): Sop {
  const trigger = condition === undefined
    ? { type: "webhook" as const, path: `/sop/${name}` }
    : { type: "webhook" as const, path: `/sop/${name}`, condition };
  return makeSop(name, { triggers: [trigger, { type: "manual" }], ...overrides });
}

/** Starts a gateway on 127.0.0.1 with a free port. */
export async function startGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "zeroclaw-gateway-"));
  const clock = manualClock(start);
  const opened = openStateStore(stateDir);
  const store: StateStore = options.durable === undefined ? opened : { ...opened, durable: options.durable };
  const metrics = createMetrics(clock);
  const engine = new Engine({
    sops: [...(options.sops ?? [])],
    config: { ...defaultEngineConfig, ...options.engine },
    clock,
    store,
    metrics,
  });
  const errors: string[] = [];
  const fatal: Error[] = [];
  const dispatched: (readonly DispatchResult[])[] = [];
  const gateway = createGateway({
    engine,
    dispatcher: createDispatcher(engine),
    store,
    clock,
    metrics,
    tools: [...createTools({ engine, clock }), ...(options.extraTools ?? [])],
    config: {
      gateway: { ...defaults.gateway, require_pairing: false, ...options.gateway },
      webhook: options.secret === undefined ? {} : { secret: options.secret },
    },
    health: () => options.health ?? { mqtt: { status: "disabled" }, cron: { status: "ok" }, peripherals: {} },
    onFatal: (error) => fatal.push(error),
    onDispatched: (results) => dispatched.push(results),
    monotonic: () => clock.now(),
    log: { error: (message) => errors.push(message) },
  });
  let arrived: (() => void) | undefined;
  const server: Served = await serve((request, peer) => {
    const answer = gateway.handle(request, peer);
    arrived?.();
    return answer;
  }, { host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    gateway,
    engine,
    store,
    clock,
    stateDir,
    url,
    errors,
    fatal,
    dispatched,
    received: () => new Promise<void>((resolve) => (arrived = resolve)),
    request: (path, request = {}) => send(url + path, request),
    async close(keep = false) {
      await server.stop();
      opened.close();
      if (!keep) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

async function send(url: string, options: RequestOptions): Promise<Reply> {
  const init: RequestInit & { duplex?: "half" } = { method: options.method ?? "POST", headers: options.headers ?? {} };
  if (options.body !== undefined) init.body = options.body;
  if (options.body instanceof ReadableStream) init.duplex = "half";
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, headers: response.headers, json };
}

/** JSON request headers, plus any given. */
export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": "application/json", ...extra };
}
