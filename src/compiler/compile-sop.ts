// One SOP folder's texts → a loaded SOP plus every diagnostic `sop validate` reports for it (definitions.md §1.4, §4).
// Pure: the caller reads the files; this never throws on their contents.
import { checkTriggers } from "./check-triggers.ts";
import { diagnostic, type Diagnostic } from "./diagnostic.ts";
import { decodeManifest } from "./manifest.ts";
import type { ExecutionMode, Sop, Step } from "./sop.ts";
import { parseSteps } from "./steps.ts";
import * as texts from "./texts.ts";
import { locateToml } from "./toml-locator.ts";

/** The files of one SOP folder, read by the caller. `markdown` is undefined when SOP.md does not exist. */
export interface SopSource {
  readonly folder: string;
  readonly tomlFile: string;
  readonly toml: string;
  readonly markdownFile: string;
  readonly markdown?: string;
}

/** A compiled folder: `sop` is set when it loads; `diagnostics` are load errors, or else validation findings. */
export interface CompiledSop {
  readonly folder: string;
  readonly sop?: Sop;
  readonly name?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Options that come from config.toml. */
export interface CompileOptions {
  readonly defaultExecutionMode: ExecutionMode;
}

/** Compiles one SOP folder: decodes SOP.toml, parses SOP.md, and runs the checks of definitions.md §4. */
export function compileSop(source: SopSource, options: CompileOptions): CompiledSop {
  const decoded = decodeManifest(source.toml, { file: source.tomlFile, ...options });
  const named = decoded.name === undefined ? {} : { name: decoded.name };
  if (decoded.manifest === undefined) return { folder: source.folder, ...named, diagnostics: decoded.diagnostics };
  const parsed = parseSteps(source.markdown ?? "");
  const sop: Sop = { ...decoded.manifest, steps: parsed.steps, location: source.folder };
  const stepWarnings = parsed.warnings.map((w) =>
    diagnostic("warning", source.markdownFile, w.message, w.line === undefined ? undefined : {
      line: w.line,
      column: w.column ?? 1,
    })
  );
  const diagnostics = [
    ...referenceWarnings(sop, source),
    ...triggerDiagnostics(sop, source),
    ...(sop.maxConcurrent === 0 ? [diagnostic("warning", source.tomlFile, "max_concurrent is 0: the SOP can never start",
      locateToml(source.toml).value(["sop", "max_concurrent"]))] : []),
    ...decoded.diagnostics,
    ...stepWarnings,
  ];
  return { folder: source.folder, sop, name: sop.name, diagnostics };
}

/** definitions.md §4.1, texts and order exact. */
function referenceWarnings(sop: Sop, source: SopSource): Diagnostic[] {
  const warn = (file: string, message: string): Diagnostic => diagnostic("warning", file, message);
  const warnings: Diagnostic[] = [];
  if (sop.name === "") warnings.push(warn(source.tomlFile, texts.sopNameEmpty));
  if (sop.description === "") warnings.push(warn(source.tomlFile, texts.sopDescriptionEmpty));
  if (sop.triggers.length === 0) warnings.push(warn(source.tomlFile, texts.sopNoTriggers));
  if (sop.steps.length === 0) warnings.push(warn(source.markdownFile, texts.sopNoSteps));
  sop.steps.forEach((step: Step, i) => {
    if (step.number !== i + 1) warnings.push(warn(source.markdownFile, texts.stepNumberingGap(i + 1, step.number)));
    if (step.title === "") warnings.push(warn(source.markdownFile, texts.stepEmptyTitle(step.number)));
  });
  return warnings;
}

function triggerDiagnostics(sop: Sop, source: SopSource): Diagnostic[] {
  const findings = checkTriggers(sop.triggers);
  if (findings.length === 0) return [];
  const locator = locateToml(source.toml);
  return findings.map((f) =>
    diagnostic(f.severity, source.tomlFile, f.message, locator.value(["triggers", f.index, f.key]))
  );
}
