// The daemon's log: one line per entry on stderr, `{ISO time} {LEVEL} {text}`, so stdout keeps only the lines a
// script reads (the listening address and the pairing code).
import type { Logger } from "../../actors/logger.ts";

export function lineLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  const entry = (level: string) => (text: string) => write(`${new Date(now()).toISOString()} ${level} ${text}\n`);
  return { info: entry("INFO"), warn: entry("WARN"), error: entry("ERROR") };
}
