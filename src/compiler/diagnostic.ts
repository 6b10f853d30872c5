// Diagnostics: what the compiler says about user input instead of throwing (DECISIONS D1, definitions.md §1.5).
// Pure: no IO, no clock.

/** How bad a finding is: an error stops the SOP from loading or fails `validate`; a warning only fails `validate`. */
export type Severity = "error" | "warning";

/** One finding about one file, located when the parser knows where (1-based line and column). */
export interface Diagnostic {
  readonly severity: Severity;
  readonly file: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** A position inside one file, 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The result of parsing one small language (condition, topic filter, cron): a value, or a reason with a column. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly column?: number };

/** Builds a located diagnostic, leaving out the position when it is unknown (exactOptionalPropertyTypes). */
export function diagnostic(severity: Severity, file: string, message: string, at?: Position): Diagnostic {
  return at === undefined ? { severity, file, message } : { severity, file, message, line: at.line, column: at.column };
}
