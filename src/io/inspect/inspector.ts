// Live inspection (`zeroclaw daemon --inspect PORT`, `[inspect] port`): XState inspection events of the supervisor and
// every run actor, turned into Stately inspection events by @statelyai/inspect, sent to every browser connected over
// WebSocket. Edge: owns a listening socket (node:http + ws, which Bun and Deno both run).
import { createServer, type Server } from "node:http";
import { createInspector, type StatelyInspectionEvent } from "@statelyai/inspect";
import { WebSocket, WebSocketServer } from "ws";
import type { EngineOptions } from "../../actors/engine.ts";
import { inspectorPage } from "./inspector-page.ts";

/** What XState hands an inspection observer (the Engine's `inspect` option). */
export type InspectionObserver = NonNullable<EngineOptions["inspect"]>;

/** A running inspector. */
export interface Inspector {
  /** The bound port (the free one the system picked when asked for port 0). */
  readonly port: number;
  /** The page to open in a browser: it embeds the Stately Inspector. */
  readonly url: string;
  /** The XState inspection callback: the Engine's `inspect` option. */
  readonly inspect: InspectionObserver;
  /** Closes every connection and the socket. */
  stop(): Promise<void>;
}

/** Options of `startInspector()`. */
export interface InspectorOptions {
  /** The address to listen on; loopback by default, since events carry run payloads. */
  readonly host?: string;
  /** How many recent events a browser that connects late is sent first (default 200, as @statelyai/inspect). */
  readonly replay?: number;
  /** Where the embedded inspector UI is loaded from. */
  readonly inspectorUrl?: string;
}

/** Starts the inspector on `port` (0 for a free one); rejects when the address cannot be bound. */
export async function startInspector(port: number, options: InspectorOptions = {}): Promise<Inspector> {
  const host = options.host ?? "127.0.0.1";
  const page = inspectorPage(options.inspectorUrl);
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  });
  const bound = await listen(server, host, port);
  // Attached once listening: ws re-emits the server's errors, and a failed listen is already a rejection.
  const sockets = new WebSocketServer({ server });
  const recent = replayBuffer(options.replay ?? 200);
  sockets.on("connection", (socket) => {
    for (const text of recent.all()) socket.send(text);
  });
  sockets.on("error", () => {}); // a failing connection must not crash the daemon; the browser reconnects
  const inspector = createInspector({
    send(event: StatelyInspectionEvent) {
      const text = serialize(event);
      if (text === undefined) return;
      recent.add(text);
      for (const socket of sockets.clients) if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
  });
  return {
    port: bound,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/`,
    inspect: (event) => inspector.inspect.next?.(event),
    stop: () => close(server, sockets),
  };
}

/** The last `size` serialized events. */
function replayBuffer(size: number): { add(text: string): void; all(): readonly string[] } {
  const texts: string[] = [];
  return {
    add(text) {
      texts.push(text);
      if (texts.length > size) texts.shift();
    },
    all: () => texts,
  };
}

/**
 * JSON text of an event, or undefined if it cannot be serialized. XState snapshots and actor refs have `toJSON`
 * (a child ref is `{ id }`), so run contexts come out as the plain run records they are.
 */
function serialize(event: StatelyInspectionEvent): string | undefined {
  try {
    return JSON.stringify(event);
  } catch {
    return undefined; // an event holding something circular: the inspector skips it, the daemon goes on
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason = error.code === "EADDRINUSE" ? "the port is in use" : `${error.message} (${error.code})`;
      reject(new Error(`cannot start the inspector on ${host}:${port}: ${reason}`));
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

function close(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const socket of sockets.clients) socket.terminate();
  return new Promise((resolve) => {
    sockets.close(() => server.close(() => resolve()));
    server.closeAllConnections();
  });
}
