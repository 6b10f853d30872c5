// The one place where a foreign failure (mqtt.js, node:net, node:tls, node:fs, the store) becomes text for the
// log and for /healthz (STYLE.md §12). Pure.

/** A readable text for anything thrown or emitted; an empty AggregateError (node:net trying each address) gives
 * its parts or its code. */
export function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message !== "") return error.message;
  const parts = error instanceof AggregateError ? error.errors.map(failureText).filter((text) => text !== "") : [];
  if (parts.length > 0) return [...new Set(parts)].join("; ");
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error.name;
}
