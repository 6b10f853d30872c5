// A serialport binding of our own: `stty` sets the line up, `node:fs` reads it. serialport's native binding aborts the
// process under Bun (oven-sh/bun#18546), so this one uses only what Bun, Deno and the compiled binary all provide
// (DESIGN.md "Serial ports"). Edge: owns one file descriptor per open port. Read-only: sensors talk, we listen.
import { execFile } from "node:child_process";
import { closeSync, constants, openSync, readSync } from "node:fs";
import type { SerialBinding, SerialBindingPort, SerialOpenOptions, SerialPortInfo } from "./serial-binding.ts";

/** How long a read waits before asking the tty again while no byte has come: doubling from `minMs` to `maxMs`. */
export interface PollInterval {
  readonly minMs: number;
  readonly maxMs: number;
}

// Why poll: Node reads a tty through libuv's epoll (tty.ReadStream), but Bun's tty.ReadStream fails with EAGAIN on a
// non-blocking descriptor and none of the three runtimes lets net.Socket wrap a tty. A blocking fs.read would hold a
// thread-pool thread that closing the descriptor does not release, so `stop()` could never finish it. A non-blocking
// readSync never waits; an idle line is asked again after 1 → 20 ms (at 115200 baud, 20 ms is 230 bytes, far below the
// kernel's 4 KiB tty buffer), and straight away while bytes keep coming.
const defaultPoll: PollInterval = { minMs: 1, maxMs: 20 };

const defaults: Omit<Required<SerialOpenOptions>, "path" | "baudRate"> = {
  dataBits: 8, lock: false, stopBits: 1, parity: "none", rtscts: false, xon: false, xoff: false, xany: false,
  hupcl: true,
};

/** A binding for `@serialport/stream` that opens tty devices with `node:fs` after `stty -F PATH BAUD raw -echo`. */
export class TtyBinding implements SerialBinding {
  readonly #poll: PollInterval;

  constructor(poll: PollInterval = defaultPoll) {
    this.#poll = poll;
  }

  /** Listing ports needs udev or sysfs walking; boards name their path in config, so there is nothing to list. */
  list(): Promise<SerialPortInfo[]> {
    return Promise.resolve([]);
  }

  /** Opens `path` non-blocking, then configures the line; rejects with the `node:fs` or `stty` error. */
  async open(options: SerialOpenOptions): Promise<TtyPort> {
    const { O_RDONLY, O_NOCTTY, O_NONBLOCK } = constants;
    // Open first: the settings then stay while we hold the descriptor (a driver may reset them on the last close).
    // O_NOCTTY: a serial line must never become the daemon's controlling terminal.
    const fd = openSync(options.path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    try {
      await stty(options.path, options.baudRate);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new TtyPort(fd, { ...defaults, ...options }, this.#poll);
  }
}

/** One open tty. Reads never block; `close()` cancels a pending read as the binding contract asks. */
export class TtyPort implements SerialBindingPort {
  readonly openOptions: Required<SerialOpenOptions>;
  isOpen = true;
  readonly #fd: number;
  readonly #poll: PollInterval;
  #pending: { readonly timer: ReturnType<typeof setTimeout>; readonly reject: (error: Error) => void } | undefined;

  constructor(fd: number, openOptions: Required<SerialOpenOptions>, poll: PollInterval) {
    this.#fd = fd;
    this.openOptions = openOptions;
    this.#poll = poll;
  }

  /** Resolves with at least one byte; rejects on a read error or end of file (the device is gone). */
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    return new Promise((resolve, reject) => {
      const attempt = (waitMs: number): void => {
        this.#pending = undefined;
        if (!this.isOpen) return reject(canceled());
        let bytesRead: number;
        try {
          bytesRead = readSync(this.#fd, buffer, offset, length, null);
        } catch (error) {
          if (!isErrno(error, "EAGAIN", "EWOULDBLOCK", "EINTR")) return reject(error as Error);
          const timer = setTimeout(() => attempt(Math.min(waitMs * 2, this.#poll.maxMs)), waitMs);
          this.#pending = { timer, reject };
          return;
        }
        // A raw tty returns at least one byte or EAGAIN; 0 is a hang-up (a pty whose other end closed, a USB
        // adapter pulled out), which @serialport/stream would take as a clean end instead of a disconnect.
        if (bytesRead === 0) return reject(new Error("end of file"));
        resolve({ buffer, bytesRead });
      };
      attempt(this.#poll.minMs);
    });
  }

  close(): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error("Port is not open"));
    this.isOpen = false;
    if (this.#pending !== undefined) {
      clearTimeout(this.#pending.timer);
      this.#pending.reject(canceled());
      this.#pending = undefined;
    }
    closeSync(this.#fd);
    return Promise.resolve();
  }

  write(): Promise<void> {
    return Promise.reject(new Error("TtyBinding is read-only"));
  }

  /** Sets another baud rate with `stty`. */
  async update(options: { baudRate: number }): Promise<void> {
    await stty(this.openOptions.path, options.baudRate);
    this.openOptions.baudRate = options.baudRate;
  }

  /** Modem control lines are not driven: a read-only sensor line needs none. */
  set(): Promise<void> {
    return Promise.resolve();
  }

  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }> {
    return Promise.resolve({ cts: false, dsr: false, dcd: false });
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return Promise.resolve({ baudRate: this.openOptions.baudRate });
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }
}

/** `stty -F PATH BAUD raw -echo` (GNU coreutils and BusyBox); rejects with stty's first line of stderr. */
function stty(path: string, baud: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("stty", ["-F", path, String(baud), "raw", "-echo"], { timeout: 10_000 }, (error, _stdout, stderr) => {
      if (error === null) return resolve();
      // Deno runs it as /usr/bin/stty, which stty then names itself: the same text on every runtime.
      const said = (String(stderr).split("\n")[0]?.trim() ?? "").replace(/^\S*\/stty:/, "stty:");
      reject(new Error(said !== "" ? said : `stty failed: ${error.message}`));
    });
  });
}

function canceled(): Error {
  return Object.assign(new Error("Port closed"), { canceled: true });
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return typeof error === "object" && error !== null && codes.includes(String((error as { code?: unknown }).code));
}
