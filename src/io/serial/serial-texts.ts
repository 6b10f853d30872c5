// The serial peripheral source's log texts (fan-in.md §7 fixes none; std message style). Pure.
// test/io/serial/serial-texts.test.ts pins them.

function seconds(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** The device is open and being read. */
export function opened(board: string, path: string, baud: number): string {
  return `Peripheral '${board}': opened ${path} at ${baud} baud`;
}

/** Opening failed; the next attempt is scheduled. */
export function openFailed(board: string, path: string, reason: string, retryMs: number): string {
  return `Peripheral '${board}': cannot open ${path}: ${reason}; retrying in ${seconds(retryMs)}`;
}

/** The open device went away (read error, end of file); it is reopened after `retryMs`. */
export function disconnected(board: string, path: string, reason: string, retryMs: number): string {
  return `Peripheral '${board}': ${path} disconnected: ${reason}; reopening in ${seconds(retryMs)}`;
}

/** A line that became no event; `suppressed` more were dropped since the previous such warning. */
export function droppedLine(board: string, reason: string, suppressed: number): string {
  const more = suppressed === 0 ? "" : ` (${suppressed} more dropped since the last warning)`;
  return `Peripheral '${board}': dropped a line: ${reason}${more}`;
}

/** A line longer than the limit. */
export function oversized(length: number, maxBytes: number): string {
  return `line of ${length} bytes is longer than ${maxBytes} bytes`;
}

/** A line cut short by the device going away. */
export function partial(length: number): string {
  return `incomplete line of ${length} bytes at disconnect`;
}

/** The dispatcher threw (the engine could not commit). */
export function dispatchFailed(board: string, topic: string, error: string): string {
  return `Peripheral '${board}': dispatch of '${topic}' failed: ${error}`;
}

/** The state store could not commit: the board stops reading (the daemon stops too). */
export function storeFailed(board: string, error: string): string {
  return `Peripheral '${board}': the state store failed, reading stopped: ${error}`;
}

/** A `[[peripherals.boards]]` entry that cannot be opened at all; it is not retried. */
export function badBoard(key: string, reason: string): string {
  return `Peripheral '${key}': not started: ${reason}`;
}
