// One peripheral board: opens its serial device through `@serialport/stream`, splits the bytes into lines, turns each
// line into a `{board}/{signal}` event dispatched in arrival order, and reopens the device with capped backoff when it
// cannot be opened or goes away (fan-in.md §7, DECISIONS D12). Edge: owns the device while open.
import { SerialPortStream } from "@serialport/stream";
import type { Dispatcher } from "../../actors/dispatcher.ts";
import type { DispatchResult } from "../../actors/engine-types.ts";
import { logDispatch } from "../../actors/headless.ts";
import type { Logger } from "../../actors/logger.ts";
import type { SopEvent } from "../../compiler/match-index.ts";
import type { StateStore } from "../store/state-store.ts";
import { LineSplitter, type LinePiece } from "./line-splitter.ts";
import type { SerialBinding } from "./serial-binding.ts";
import { zeroCounters, type BoardCounters, type BoardHealth, type BoardState } from "./serial-status.ts";
import * as texts from "./serial-texts.ts";
import { decodeLine, parseSignalLine } from "./signal-line.ts";

/** A checked `[[peripherals.boards]]` entry. */
export interface BoardSettings {
  readonly board: string;
  readonly path: string;
  readonly baud: number;
}

/** What every board shares: where events go, and the tunables (peripherals.ts fills in the defaults). */
export interface BoardContext {
  readonly dispatcher: Pick<Dispatcher, "dispatch">;
  readonly store: Pick<StateStore, "durable">;
  readonly log: Logger;
  readonly onDispatched?: (results: readonly DispatchResult[], event: SopEvent) => void;
  readonly binding: SerialBinding;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly maxLineBytes: number;
  readonly dropWarningIntervalMs: number;
  readonly now: () => number;
}

/** One board's reader: started by the constructor, ended by `stop()`. Never throws; every failure is in `health()`. */
export class SerialBoard {
  readonly #settings: BoardSettings;
  readonly #context: BoardContext;
  readonly #counts: { -readonly [K in keyof BoardCounters]: number } = { ...zeroCounters };
  #state: BoardState = "opening";
  #lastError: string | null = null;
  #lastErrorAt: number | null = null;
  #openedAt: number | null = null;
  #retryAt: number | null = null;
  #delayMs: number;
  #stopped = false;
  #stream: SerialPortStream | undefined;
  #sleeping: { readonly timer: ReturnType<typeof setTimeout>; readonly wake: () => void } | undefined;
  /** Headless logging of the lines dispatched so far, in order, each after its dispatch is durable. */
  #logged: Promise<void> = Promise.resolve();
  readonly #running: Promise<void>;
  #drops = { lastWarnAt: Number.NEGATIVE_INFINITY, suppressed: 0 };

  constructor(settings: BoardSettings, context: BoardContext) {
    this.#settings = settings;
    this.#context = context;
    this.#delayMs = context.backoff.initialMs;
    this.#running = this.#run();
  }

  health(): BoardHealth {
    const { board, path, baud } = this.#settings;
    return { board, path, baud, state: this.#state, lastError: this.#lastError, lastErrorAt: this.#lastErrorAt,
      openedAt: this.#openedAt, retryAt: this.#retryAt, counters: { ...this.#counts } };
  }

  /** Stops reopening, closes the device, and waits until the lines already read are dispatched and logged. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#sleeping !== undefined) {
      clearTimeout(this.#sleeping.timer);
      this.#sleeping.wake();
    }
    this.#close();
    await this.#running;
    await this.#logged;
    if (this.#state !== "failed") this.#state = "stopped";
    this.#openedAt = null;
    this.#retryAt = null;
  }

  async #run(): Promise<void> {
    while (!this.#stopped && !this.#failed()) {
      const stream = await this.#open();
      if (stream === undefined) {
        if (this.#stopped) return;
        await this.#sleep((delay) => texts.openFailed(this.#settings.board, this.#settings.path, this.#lastError ?? "",
          delay));
        continue;
      }
      const reason = await this.#read(stream);
      this.#openedAt = null;
      if (this.#stopped || this.#failed()) return;
      this.#counts.disconnects++;
      this.#recordError(reason);
      await this.#sleep((delay) => texts.disconnected(this.#settings.board, this.#settings.path, reason, delay));
    }
  }

  /** Resolves with the open stream, or undefined after recording why it could not be opened. */
  #open(): Promise<SerialPortStream | undefined> {
    const { board, path, baud } = this.#settings;
    const stream = new SerialPortStream({ binding: this.#context.binding, path, baudRate: baud, autoOpen: false });
    return new Promise((resolve) => {
      stream.open((error) => {
        if (error !== null) {
          this.#counts.openFailures++;
          this.#recordError(failureText(error));
          return resolve(undefined);
        }
        if (this.#stopped) {
          stream.close(() => resolve(undefined));
          return;
        }
        this.#stream = stream;
        this.#state = "open";
        this.#openedAt = this.#context.now();
        this.#retryAt = null;
        this.#delayMs = this.#context.backoff.initialMs;
        this.#counts.opens++;
        this.#context.log.info(texts.opened(board, path, baud));
        resolve(stream);
      });
    });
  }

  /** Reads until the device goes away or is closed; resolves with the reason. */
  #read(stream: SerialPortStream): Promise<string> {
    const splitter = new LineSplitter(this.#context.maxLineBytes);
    return new Promise((resolve) => {
      let ended = false;
      const end = (reason: string): void => {
        if (ended) return;
        ended = true;
        const rest = splitter.flush();
        if (rest !== undefined) this.#receive(rest);
        stream.removeAllListeners();
        stream.on("error", () => {}); // a late error from an abandoned stream must not become an uncaught one
        if (this.#stream === stream) this.#stream = undefined;
        if (stream.isOpen) stream.close();
        resolve(reason);
      };
      stream.on("data", (chunk: Buffer) => {
        for (const piece of splitter.push(chunk)) this.#receive(piece);
      });
      // @serialport/stream closes itself on a read error and emits `close` with a DisconnectedError.
      stream.on("close", (error: Error | null) => end(error === null ? "closed" : failureText(error)));
      stream.on("end", () => end("end of file"));
      stream.on("error", (error: Error) => end(failureText(error)));
    });
  }

  /** One piece from the splitter: counted, and dispatched at once when it is a signal (fan-in.md §7). */
  #receive(piece: LinePiece): void {
    if (piece.kind === "oversized") {
      this.#counts.oversized++;
      return this.#dropped(texts.oversized(piece.length, this.#context.maxLineBytes));
    }
    if (piece.kind === "partial") {
      this.#counts.partial++;
      return this.#dropped(texts.partial(piece.length));
    }
    this.#counts.lines++;
    const decoded = decodeLine(piece.bytes);
    if (!decoded.valid) this.#counts.notUtf8++;
    const parsed = parseSignalLine(decoded.text);
    if (parsed.kind === "blank") {
      this.#counts.blank++;
      return;
    }
    if (parsed.kind === "invalid") {
      this.#counts.invalid++;
      return this.#dropped(parsed.reason);
    }
    if (this.#state === "failed") return; // the store refuses changes: nothing more is dispatched
    this.#dispatch({ source: "peripheral", topic: `${this.#settings.board}/${parsed.signal}`, payload: parsed.payload });
  }

  /**
   * Dispatches now (matching and starting are synchronous, so lines start runs one at a time in arrival order), then
   * logs the results once the store has them on disk. The waits overlap, so one group commit can cover many lines.
   */
  #dispatch(event: SopEvent): void {
    let results: DispatchResult[];
    try {
      results = this.#context.dispatcher.dispatch(event);
    } catch (error) {
      this.#counts.errors++;
      this.#context.log.error(texts.dispatchFailed(this.#settings.board, event.topic ?? "", failureText(error)));
      return;
    }
    this.#counts.dispatched++;
    const durable = this.#context.store.durable();
    this.#logged = this.#logged.then(() => durable).then(() => {
      logDispatch(results, this.#context.log);
      this.#context.onDispatched?.(results, event);
    }, (error: unknown) => this.#storeFailed(error));
  }

  /** A failed commit: the daemon stops, so this board stops reading rather than start runs that cannot be kept. */
  #storeFailed(error: unknown): void {
    this.#counts.errors++;
    if (this.#state === "failed") return;
    const text = failureText(error);
    this.#recordError(text);
    this.#state = "failed";
    this.#context.log.error(texts.storeFailed(this.#settings.board, text));
    this.#close();
  }

  /** Warns about a dropped line, at most once per interval, saying how many were dropped quietly in between. */
  #dropped(reason: string): void {
    const now = this.#context.now();
    if (now - this.#drops.lastWarnAt < this.#context.dropWarningIntervalMs) {
      this.#drops.suppressed++;
      return;
    }
    this.#context.log.warn(texts.droppedLine(this.#settings.board, reason, this.#drops.suppressed));
    this.#drops = { lastWarnAt: now, suppressed: 0 };
  }

  /** Waits out the current backoff delay (logged with `say`), then doubles it up to the cap. */
  #sleep(say: (delayMs: number) => string): Promise<void> {
    const delay = this.#delayMs;
    this.#delayMs = Math.min(delay * 2, this.#context.backoff.maxMs);
    this.#state = "reopening";
    this.#retryAt = this.#context.now() + delay;
    this.#context.log.warn(say(delay));
    return new Promise((resolve) => {
      const wake = (): void => {
        this.#sleeping = undefined;
        this.#retryAt = null;
        resolve();
      };
      this.#sleeping = { timer: setTimeout(wake, delay), wake };
    });
  }

  /** A method, not a field test: the state changes across the awaits of `#run`, which TypeScript cannot see. */
  #failed(): boolean {
    return this.#state === "failed";
  }

  #close(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream?.isOpen === true) stream.close();
  }

  #recordError(text: string): void {
    this.#lastError = text;
    this.#lastErrorAt = this.#context.now();
  }
}

/** Foreign errors (node:fs, stty, the stream) become one line of text, in this one place. */
export function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // node:fs says "ENOENT: no such file or directory, open '/dev/x'": keep the part a person reads.
  const errno = /^E[A-Z]+: ([^,]+)/.exec(error.message);
  return errno?.[1] ?? error.message;
}
