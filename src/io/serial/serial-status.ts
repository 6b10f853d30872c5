// What the serial peripheral source reports per board: health for /healthz and counters for /metrics (prom-client,
// read at scrape time). Plain values; the counters are registered on the daemon's registry.
import { Counter, type Registry } from "prom-client";
import type { SourceHealth } from "../http/healthz.ts";

/**
 * `open` is the only healthy state. `reopening`: waiting to retry after an open failure or a disconnect. `failed`: it
 * will not try again (a config entry that cannot work, a failed state store).
 */
export type BoardState = "opening" | "open" | "reopening" | "failed" | "stopped";

/** Running totals for one board since the source started. */
export interface BoardCounters {
  /** Complete lines read (blank ones included). */
  readonly lines: number;
  /** Lines dispatched as `{board}/{signal}` events, whatever they matched. */
  readonly dispatched: number;
  /** Lines blank after trimming (ignored, fan-in.md §7). */
  readonly blank: number;
  /** Lines dropped as garbage: bad JSON, not an object, no string `signal`. */
  readonly invalid: number;
  /** Lines over the length limit (dropped). */
  readonly oversized: number;
  /** Unfinished lines lost when the device went away (dropped). */
  readonly partial: number;
  /** Lines that were not valid UTF-8 (dispatched with U+FFFD). */
  readonly notUtf8: number;
  /** Dispatches that threw, and a state store that could not commit. */
  readonly errors: number;
  /** Successful opens, reopens included. */
  readonly opens: number;
  /** Failed open attempts (missing path, permissions, `stty` refusing the device or the baud rate). */
  readonly openFailures: number;
  /** Read errors and ends of file on an open device. */
  readonly disconnects: number;
}

export const zeroCounters: BoardCounters = {
  lines: 0, dispatched: 0, blank: 0, invalid: 0, oversized: 0, partial: 0, notUtf8: 0, errors: 0, opens: 0,
  openFailures: 0, disconnects: 0,
};

/** One board's health (INTERFACES.md `/healthz` `sources.peripherals`, and /metrics). */
export interface BoardHealth {
  readonly board: string;
  readonly path: string | null;
  readonly baud: number;
  readonly state: BoardState;
  /** The last open, read, dispatch, store or config error, kept after a successful reopen. */
  readonly lastError: string | null;
  /** Epoch ms of `lastError`. */
  readonly lastErrorAt: number | null;
  /** Epoch ms of the current open, null while closed. */
  readonly openedAt: number | null;
  /** Epoch ms of the next open attempt while `reopening`, else null. */
  readonly retryAt: number | null;
  readonly counters: BoardCounters;
}

/** The boards as `/healthz` shows them (src/io/http/healthz.ts `SourcesHealth.peripherals`), keyed like `health`. */
export function peripheralsSourceHealth(health: Readonly<Record<string, BoardHealth>>)
  : Readonly<Record<string, SourceHealth>> {
  return Object.fromEntries(Object.entries(health).map(([key, board]) => [key, boardSourceHealth(board)]));
}

function boardSourceHealth(board: BoardHealth): SourceHealth {
  if (board.state === "open") return { status: "ok" };
  if (board.state === "stopped") return { status: "error", error: "stopped" };
  return board.lastError === null ? { status: "starting" } : { status: "error", error: board.lastError };
}

const counterHelp: Record<keyof BoardCounters, readonly [name: string, help: string]> = {
  lines: ["zeroclaw_peripheral_lines_total", "Serial lines read from a peripheral board"],
  dispatched: ["zeroclaw_peripheral_lines_dispatched_total", "Serial lines dispatched as peripheral events"],
  blank: ["zeroclaw_peripheral_lines_blank_total", "Blank serial lines (ignored)"],
  invalid: ["zeroclaw_peripheral_lines_invalid_total", "Serial lines dropped as garbage (bad JSON, no signal)"],
  oversized: ["zeroclaw_peripheral_lines_oversized_total", "Serial lines over the length limit (dropped)"],
  partial: ["zeroclaw_peripheral_lines_partial_total", "Unfinished serial lines lost at a disconnect"],
  notUtf8: ["zeroclaw_peripheral_lines_not_utf8_total", "Serial lines that were not valid UTF-8"],
  errors: ["zeroclaw_peripheral_errors_total", "Peripheral dispatch and state store failures"],
  opens: ["zeroclaw_peripheral_opens_total", "Serial devices opened, reopens included"],
  openFailures: ["zeroclaw_peripheral_open_failures_total", "Failed attempts to open a serial device"],
  disconnects: ["zeroclaw_peripheral_disconnects_total", "Serial devices that went away while open"],
};

/** Registers one Prometheus counter per figure, labelled by board, read from `health` at scrape time (`/metrics`). */
export function registerPeripheralMetrics(registry: Registry, health: () => Readonly<Record<string, BoardHealth>>)
  : void {
  for (const key of Object.keys(counterHelp) as (keyof BoardCounters)[]) {
    const [name, help] = counterHelp[key];
    new Counter({
      name, help, labelNames: ["board"], registers: [registry],
      collect(this: Counter) {
        this.reset();
        for (const [board, state] of Object.entries(health())) this.inc({ board }, state.counters[key]);
      },
    });
  }
}
