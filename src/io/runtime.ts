// The Bun/Deno adapter: the only file that touches `Bun.*` or `Deno.*` (DESIGN.md, STYLE.md §4).
// Edge: owns the listening socket. Everything else sees web-standard Request → Response handlers.

/** Handles one request; `peer` is the remote IP address as the runtime reports it. */
export type Handler = (request: Request, peer: string) => Promise<Response>;

/** A listening server. */
export interface Served {
  /** The bound port (the free one the system picked when asked for port 0). */
  readonly port: number;
  /** Stops accepting connections and resolves once the requests in flight have been answered. */
  stop(): Promise<void>;
}

interface BunServer {
  readonly port: number;
  requestIP(request: Request): { readonly address: string } | null;
  stop(closeActiveConnections?: boolean): Promise<void> | void;
}
interface BunLike {
  serve(options: {
    hostname: string; port: number; idleTimeout: number;
    fetch(request: Request, server: BunServer): Promise<Response>;
  }): BunServer;
}
interface DenoLike {
  serve(
    options: { hostname: string; port: number; onListen(): void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> };
}

/**
 * Idle seconds before Bun drops a connection. Bun's default (10 s) would cut a slow upload before the gateway's
 * 30 s request timeout can answer 408 (fan-in.md §3.1).
 */
const bunIdleTimeoutSecs = 40;

/** Serves `handler` on `host:port` with Bun.serve or Deno.serve; rejects when the address cannot be bound. */
export async function serve(handler: Handler, options: { host: string; port: number }): Promise<Served> {
  const { Bun, Deno } = globalThis as { Bun?: BunLike; Deno?: DenoLike };
  if (Bun !== undefined) {
    // Bun's graceful stop also waits for idle keep-alive connections, up to the idle timeout: the requests in flight
    // are counted, and once they are answered the remaining (idle) connections are closed.
    let inFlight = 0;
    let drained: (() => void) | undefined;
    const server = Bun.serve({
      hostname: options.host, port: options.port, idleTimeout: bunIdleTimeoutSecs,
      async fetch(request, self) {
        inFlight += 1;
        try {
          return await handler(request, self.requestIP(request)?.address ?? "unknown");
        } finally {
          inFlight -= 1;
          if (inFlight === 0) drained?.();
        }
      },
    });
    return {
      port: server.port,
      async stop() {
        const graceful = server.stop(false);
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
        await server.stop(true);
        await graceful;
      },
    };
  }
  if (Deno !== undefined) {
    // onListen replaces Deno's own "Listening on" line: the daemon prints the first stdout line (INTERFACES.md).
    const server = Deno.serve({ hostname: options.host, port: options.port, onListen() {} },
      (request, info) => handler(request, info.remoteAddr.hostname));
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  throw new Error("serve() needs Bun or Deno");
}
