// Reads every SOP folder below `sops_dir` and compiles the workspace (definitions.md §1.3, §1.4, D1).
// Edge: file-system reads only. Never throws: unreadable entries become diagnostics.
import { readdirSync, statSync } from "node:fs";
import type { CompiledSop, CompileOptions } from "../compiler/compile-sop.ts";
import { compileWorkspace, type CompiledWorkspace, type SopFolder } from "../compiler/compile-workspace.ts";
import { diagnostic, type Diagnostic } from "../compiler/diagnostic.ts";
import { joinPath } from "./paths.ts";
import { describeFsError, errorCode, readTextFile } from "./text-file.ts";

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
    return empty(sopsDir, [diagnostic("error", sopsDir, `cannot list SOP directory: ${describeFsError(error)}`)]);
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
  const toml = readTextFile(tomlFile);
  if (!toml.ok) return [{ folder, diagnostics: [toml.error] }];
  const markdown = exists(markdownFile) ? readTextFile(markdownFile) : undefined;
  if (markdown !== undefined && !markdown.ok) return [{ folder, diagnostics: [markdown.error] }];
  return [{ folder, tomlFile, toml: toml.text, markdownFile, ...(markdown === undefined ? {} : { markdown: markdown.text }) }];
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function failed(folder: string, file: string, error: unknown): CompiledSop {
  return { folder, diagnostics: [diagnostic("error", file, `cannot read file: ${describeFsError(error)}`)] };
}
