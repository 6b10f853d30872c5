// The schedule table's log texts, byte for byte as the reference writes them (fan-in.md §6.2, definitions.md §7.1).
// Pure.

/** fan-in.md §6.2 (exact): a trigger with the wrong field count; `error` is the §7.2 field-count text. */
export function invalidCronExpression(raw: string, sopName: string, error: string): string {
  return `SopCronCache: invalid cron expression '${raw}' in SOP '${sopName}': ${error}`;
}

/** fan-in.md §6.2 (exact): any other parse error (a bad field, an unknown time zone) of the normalized expression. */
export function failedCronSchedule(normalized: string, sopName: string, error: string): string {
  return `SopCronCache: failed to parse cron schedule '${normalized}' for SOP '${sopName}': ${error}`;
}

/** fan-in.md §6.2 (exact): logged once the table is built. */
export function cachedCronSchedules(count: number): string {
  return `SopCronCache: cached ${count} cron schedule(s)`;
}
