// All SOP folders → the loaded SOPs in engine order, plus each folder's diagnostics (definitions.md §1.3, §4.2).
// Pure: the caller lists and reads the folders.
import { compareCodePoints } from "./code-point-order.ts";
import { compileSop, type CompiledSop, type CompileOptions, type SopSource } from "./compile-sop.ts";
import { diagnostic } from "./diagnostic.ts";
import type { Sop } from "./sop.ts";

/** The workspace as the runtime sees it: loadable SOPs by name, and what each folder produced. */
export interface CompiledWorkspace {
  /** Loaded SOPs sorted by name in code-point order; a duplicate name keeps only its first folder. */
  readonly sops: readonly Sop[];
  /** Every folder, in folder-name order, with its diagnostics (duplicates carry their error). */
  readonly folders: readonly CompiledSop[];
}

/** A folder as the caller read it: its texts, or the diagnostics of a folder that could not be read. */
export type SopFolder = SopSource | CompiledSop;

/** Compiles every folder and resolves duplicate names: the first folder in name order wins (Resolved detail 11). */
export function compileWorkspace(entries: readonly SopFolder[], options: CompileOptions): CompiledWorkspace {
  const ordered = [...entries].sort((a, b) => compareCodePoints(a.folder, b.folder));
  const firstFolder = new Map<string, string>();
  const folders = ordered.map((source): CompiledSop => {
    if (!("toml" in source)) return source;
    const compiled = compileSop(source, options);
    if (compiled.sop === undefined) return compiled;
    const first = firstFolder.get(compiled.sop.name);
    if (first === undefined) {
      firstFolder.set(compiled.sop.name, compiled.folder);
      return compiled;
    }
    const duplicate = diagnostic("error", source.tomlFile, `duplicate SOP name "${compiled.sop.name}" (also in ${first})`);
    return { folder: compiled.folder, name: compiled.sop.name, diagnostics: [duplicate, ...compiled.diagnostics] };
  });
  const sops = folders.flatMap((f) => (f.sop === undefined ? [] : [f.sop]));
  return { sops: sops.sort((a, b) => compareCodePoints(a.name, b.name)), folders };
}
