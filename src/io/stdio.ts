// Standard output and error for the CLI through plain file-descriptor writes.
// Edge: `node:tty` and `process.stdout` load the whole stream stack, ~12 ms of a cold `sop validate`
// (bench/cold-start.ts); a definition command needs neither.
import { fstatSync, statSync, writeSync } from "node:fs";

const encoder = new TextEncoder();

/** Writes all of `text` to a file descriptor, retrying when a non-blocking pipe is full. */
export function writeAll(fd: number, text: string): void {
  const bytes = encoder.encode(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as { code?: string }).code !== "EAGAIN") throw error;
    }
  }
}

/** Whether a descriptor is a terminal: a character device other than /dev/null. */
export function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isCharacterDevice() && stat.rdev !== statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}
