// The serial peripheral source (fan-in.md §7, DECISIONS D12): one reader per `[[peripherals.boards]]` entry, each
// opening its device, dispatching `{board}/{signal}` events and reopening with capped backoff. Edge: the daemon starts
// it with the decoded config and stops it on shutdown.
import type { Dispatcher } from "../../actors/dispatcher.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import type { Logger } from "../../actors/logger.ts";
import type { SopEvent } from "../../compiler/match-index.ts";
import type { Config } from "../config.ts";
import type { StateStore } from "../store/state-store.ts";
import { SerialBoard, type BoardContext, type BoardSettings } from "./serial-board.ts";
import type { SerialBinding } from "./serial-binding.ts";
import { zeroCounters, type BoardHealth } from "./serial-status.ts";
import * as texts from "./serial-texts.ts";
import { TtyBinding } from "./tty-binding.ts";

export interface PeripheralsOptions {
  /** The decoded `[[peripherals.boards]]` entries (`Config.boards`). */
  readonly boards: Config["boards"];
  readonly dispatcher: Pick<Dispatcher, "dispatch">;
  /** Each dispatch's results are logged only after `durable()` resolves; a rejection stops the board for good. */
  readonly store: Pick<StateStore, "durable">;
  /** Opens, disconnects, dropped lines, and the headless lines of every dispatch (fan-in.md §1.8). */
  readonly log: Logger;
  /** Told of every dispatch once it is durable and logged, in arrival order (for /metrics). */
  readonly onDispatched?: (results: readonly DispatchResult[], event: SopEvent) => void;
  /** How ports are opened (default: `TtyBinding`, stty + node:fs); tests pass `@serialport/binding-mock`. */
  readonly binding?: SerialBinding;
  /** Delay before reopening, doubled after each failure up to `maxMs` (default 2 s → 60 s, fan-in.md §7). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Lines longer than this (without `\n`) are dropped and counted (default 65,536, as `[gateway] max_body_bytes`). */
  readonly maxLineBytes?: number;
  /** At most one dropped-line warning per board in this time; the rest are counted (default 10 s). */
  readonly dropWarningIntervalMs?: number;
  /** Epoch ms for health times (default `Date.now`). */
  readonly now?: () => number;
}

/** The running source. */
export interface Peripherals {
  /**
   * Each board's health and counters, keyed by board name; an entry that cannot start (no `board`, no `path`, baud
   * 0, a board name used twice) is keyed by its place, `peripherals.boards[i]`, and is `failed`.
   */
  health(): Readonly<Record<string, BoardHealth>>;
  /** Closes every device and waits until the lines already read are dispatched and logged. */
  stop(): Promise<void>;
}

const defaults = { backoff: { initialMs: 2_000, maxMs: 60_000 }, maxLineBytes: 65_536, dropWarningIntervalMs: 10_000 };

/** Starts one reader per board; never throws, and a board that cannot start does not stop the others. */
export function startPeripherals(options: PeripheralsOptions): Peripherals {
  const context: BoardContext = {
    dispatcher: options.dispatcher, store: options.store, log: options.log,
    ...(options.onDispatched === undefined ? {} : { onDispatched: options.onDispatched }),
    binding: options.binding ?? new TtyBinding(),
    backoff: options.backoff ?? defaults.backoff,
    maxLineBytes: options.maxLineBytes ?? defaults.maxLineBytes,
    dropWarningIntervalMs: options.dropWarningIntervalMs ?? defaults.dropWarningIntervalMs,
    now: options.now ?? Date.now,
  };
  const boards = new Map<string, SerialBoard>();
  const refused = new Map<string, BoardHealth>();
  options.boards.forEach((entry, i) => {
    const key = `peripherals.boards[${i}]`;
    const checked = checkBoard(entry, boards);
    if (typeof checked === "string") {
      options.log.error(texts.badBoard(key, checked));
      refused.set(key, refusedHealth(entry, checked, context.now()));
      return;
    }
    boards.set(checked.board, new SerialBoard(checked, context));
  });
  return {
    health: () => ({
      ...Object.fromEntries([...boards].map(([name, board]) => [name, board.health()])),
      ...Object.fromEntries(refused),
    }),
    stop: async () => {
      await Promise.all([...boards.values()].map((board) => board.stop()));
    },
  };
}

type BoardEntry = Config["boards"][number];

/** The settings of an entry that can be opened, or why it cannot. */
function checkBoard(entry: BoardEntry, started: ReadonlyMap<string, SerialBoard>): BoardSettings | string {
  const { board, path, baud } = entry;
  if (board === undefined || board === "") return `"board" is missing or empty`;
  if (path === undefined || path === "") return `"path" is missing or empty for board "${board}"`;
  // stty reads baud 0 as "hang up the line", not as a speed.
  if (baud === 0) return `"baud" must be greater than 0 for board "${board}"`;
  if (started.has(board)) return `board "${board}" is configured twice; its topics would be indistinguishable`;
  return { board, path, baud };
}

function refusedHealth(entry: BoardEntry, error: string, now: number): BoardHealth {
  return { board: entry.board ?? "", path: entry.path ?? null, baud: entry.baud, state: "failed", lastError: error,
    lastErrorAt: now, openedAt: null, retryAt: null, counters: zeroCounters };
}
