// Test helper: a Logger that keeps every line as `{level} {text}`, for asserting the exact log texts of the specs.
import type { Logger } from "../../src/actors/logger.ts";

/** A logger and the lines it received, in order. */
export type RecordingLogger = Logger & { readonly lines: string[] };

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (text) => void lines.push(`info ${text}`),
    warn: (text) => void lines.push(`warn ${text}`),
    error: (text) => void lines.push(`error ${text}`),
  };
}
