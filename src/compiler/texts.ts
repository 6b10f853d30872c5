// User-visible texts that the reference defines byte for byte (definitions.md, DECISIONS D1).
// Pure. Each text names its spec section; test/compiler/texts.test.ts pins them.

/** definitions.md §4.1: the reference validation warnings, in the order they are produced. */
export const sopNameEmpty = "SOP name is empty";
export const sopDescriptionEmpty = "SOP description is empty";
export const sopNoTriggers = "SOP has no triggers defined";
export const sopNoSteps = "SOP has no steps (missing or empty SOP.md)";

/** definitions.md §4.1 (D2: fires for gaps, duplicates and lists not starting at 1). */
export function stepNumberingGap(expected: number, got: number): string {
  return `Step numbering gap: expected ${expected}, got ${got}`;
}

/** definitions.md §4.1. */
export function stepEmptyTitle(number: number): string {
  return `Step ${number} has an empty title`;
}

/** DECISIONS D1, definitions.md §2.4: the whole SOP fails to load. */
export function unknownTriggerType(type: string): string {
  return `unknown trigger type "${type}" (expected manual, webhook, mqtt, cron, peripheral)`;
}

/** definitions.md §5.2: `sop validate` when no SOP and no load failure is selected. */
export const noSopsToValidate = "No SOPs to validate.";
/** definitions.md §5.2 (exact). */
export const validationCompletedWithWarnings = "Validation completed with warnings";
/** definitions.md §5.2 (wording not fixed by the reference). */
export const validationFailedWithErrors = "Validation failed with errors";

/** definitions.md §5.2, §5.3: a name that selects nothing. */
export function sopNotFound(name: string): string {
  return `SOP not found: ${name}`;
}

/** definitions.md §7.2 (exact; D5): an expression with a field count other than 5, 6 or 7. */
export function invalidCronFieldCount(trimmed: string, fields: number): string {
  return `Invalid cron expression: ${trimmed} (expected 5, 6, or 7 fields, got ${fields})`;
}

/** definitions.md §4.2: an unknown key, with a suggestion when a known key is close. */
export function unknownKey(key: string, where: string, suggestion: string | undefined): string {
  return `unknown key "${key}" in ${where}${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}`;
}
