// Reads every SOP folder below `sops_dir` and compiles the workspace (definitions.md §1.3, §1.4, D1).
// Edge: file-system reads only. Never throws: unreadable entries become diagnostics.
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { CompiledSop, CompileOptions } from "../compiler/compile-sop.ts";
import { compileWorkspace, type CompiledWorkspace, type SopFolder } from "../compiler/compile-workspace.ts";
import { diagnostic, type Diagnostic } from "../compiler/diagnostic.ts";
import { joinPath } from "./paths.ts";

/** The largest SOP.toml or SOP.md read; a bigger file is an error, never a stall (issue #2 "Bad input"). */
export const maxSopFileBytes = 1024 * 1024;

/** A compiled workspace plus the errors about the SOP folder itself. */
export interface LoadedWorkspace extends CompiledWorkspace {
  readonly sopsDir: string;
  readonly directoryErrors: readonly Diagnostic[];
}

/** Loads all SOPs of a folder; a missing folder is an empty workspace without diagnostics (§1.3 step 2). */
export function loadSops(sopsDir: string, options: CompileOptions): LoadedWorkspace {
  let names: string[];
  try {
    if (!statSync(sopsDir).isDirectory()) {
      return empty(sopsDir, [diagnostic("error", sopsDir, "cannot list SOP directory: not a directory")]);
    }
    names = readdirSync(sopsDir);
  } catch (error) {
    if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return empty(sopsDir, []);
    return empty(sopsDir, [diagnostic("error", sopsDir, `cannot list SOP directory: ${reason(error)}`)]);
  }
  const folders = names.flatMap((name) => readFolder(joinPath(sopsDir, name)));
  return { ...compileWorkspace(folders, options), sopsDir, directoryErrors: [] };
}

/** The errors that kept folders from loading, as opposed to validation findings about loaded SOPs (D1). */
export function loadErrors(workspace: LoadedWorkspace): Diagnostic[] {
  const failures = workspace.folders.filter((folder) => folder.sop === undefined);
  return [
    ...workspace.directoryErrors,
    ...failures.flatMap((folder) => folder.diagnostics.filter((d) => d.severity === "error")),
  ];
}

function empty(sopsDir: string, directoryErrors: Diagnostic[]): LoadedWorkspace {
  return { sops: [], folders: [], sopsDir, directoryErrors };
}

/** One entry: skipped silently unless it is a folder (symlinks followed) holding SOP.toml. */
function readFolder(folder: string): SopFolder[] {
  const tomlFile = joinPath(folder, "SOP.toml");
  const markdownFile = joinPath(folder, "SOP.md");
  try {
    if (!statSync(folder).isDirectory()) return [];
  } catch (error) {
    // A broken symlink is not a folder; anything else that stops us looking is reported (D1).
    if (errorCode(error) === "ENOENT") return [];
    return [failed(folder, folder, error)];
  }
  if (!exists(tomlFile)) return [];
  const toml = readText(tomlFile);
  if (typeof toml !== "string") return [{ folder, diagnostics: [toml] }];
  const markdown = exists(markdownFile) ? readText(markdownFile) : undefined;
  if (markdown !== undefined && typeof markdown !== "string") return [{ folder, diagnostics: [markdown] }];
  return [{ folder, tomlFile, toml, markdownFile, ...(markdown === undefined ? {} : { markdown }) }];
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The file as text, or the diagnostic that says why it cannot be used. */
function readText(file: string): string | Diagnostic {
  try {
    if (statSync(file).size > maxSopFileBytes) {
      return diagnostic("error", file, `file is too large (more than ${maxSopFileBytes} bytes)`);
    }
    const bytes = readFileSync(file);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return diagnostic("error", file, "file is not valid UTF-8");
    }
  } catch (error) {
    return diagnostic("error", file, `cannot read file: ${reason(error)}`);
  }
}

function failed(folder: string, file: string, error: unknown): CompiledSop {
  return { folder, diagnostics: [diagnostic("error", file, `cannot read file: ${reason(error)}`)] };
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

function reason(error: unknown): string {
  const code = errorCode(error);
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
