// Where the live system reports what it did (fan-in.md §1.8): an interface the IO layer implements (stderr lines in
// the daemon), so actors/ stays free of IO.

/** A leveled log line sink. */
export interface Logger {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}
