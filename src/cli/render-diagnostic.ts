// Diagnostics as text: `{file}:{line}:{column}: {message}` with the file relative to the current folder (§1.5).
// Edge-free rendering; the current folder is passed in.
import { isAbsolute, relative, resolve } from "node:path";
import type { Diagnostic } from "../compiler/diagnostic.ts";

/** The file as shown to users: relative to `cwd` when it lies below it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const below = relative(cwd, absolute);
  return below !== "" && !below.startsWith("..") && !isAbsolute(below) ? below : absolute;
}

/** The one-line text form of a diagnostic (definitions.md §1.5). */
export function renderDiagnostic(d: Diagnostic, cwd: string): string {
  const file = displayPath(d.file, cwd);
  if (d.line === undefined) return `${file}: ${d.message}`;
  if (d.column === undefined) return `${file}:${d.line}: ${d.message}`;
  return `${file}:${d.line}:${d.column}: ${d.message}`;
}

/** A GitHub Actions workflow command for a diagnostic (INTERFACES.md `--format github`), escaped as GitHub requires. */
export function renderGithubAnnotation(d: Diagnostic, cwd: string): string {
  const property = (value: string): string => escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const parts = [`file=${property(displayPath(d.file, cwd))}`];
  if (d.line !== undefined) parts.push(`line=${d.line}`);
  if (d.line !== undefined && d.column !== undefined) parts.push(`col=${d.column}`);
  return `::${d.severity} ${parts.join(",")}::${escapeData(d.message)}`;
}

function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
