// Shared start of every definition command: resolve locations, read config.toml, load and compile the SOPs.
// Edge: prints config diagnostics to stderr.
import type { Args } from "./args.ts";
import { flagValue } from "./args.ts";
import { loadConfig, type Config } from "../io/config.ts";
import { resolveFolder, resolveLocations } from "../io/paths.ts";
import { loadSops, type LoadedWorkspace } from "../io/sop-loader.ts";
import { renderDiagnostic } from "./render-diagnostic.ts";
import type { Terminal } from "./terminal.ts";
import type { Sop } from "../compiler/sop.ts";
import { sopNotFound } from "../compiler/texts.ts";

/** The loaded workspace and the config it was loaded with. */
export interface OpenWorkspace {
  readonly config: Config;
  readonly workspace: LoadedWorkspace;
  /** `[sop] state_dir`, resolved like `sops_dir` (default `<workspace>/state`). */
  readonly stateDir: string;
}

/** Loads config and SOPs; undefined (after printing `Error: …`) when the config cannot be used. */
export function openWorkspace(args: Args, terminal: Terminal): OpenWorkspace | undefined {
  const locations = resolveLocations({
    ...optional("configFlag", flagValue(args, "config")),
    ...optional("workspaceFlag", flagValue(args, "workspace")),
    env: terminal.env,
  });
  const decoded = loadConfig(locations.configFile, locations.configExplicit);
  for (const d of decoded.diagnostics) {
    const text = renderDiagnostic(d, terminal.cwd);
    terminal.stderr(d.severity === "error" ? `Error: ${text}\n` : `warning: ${text}\n`);
  }
  if (decoded.config === undefined) return undefined;
  const home = terminal.env["HOME"];
  const sopsDir = resolveFolder(decoded.config.sop.sops_dir, locations.workspace, "sops", home);
  const workspace = loadSops(sopsDir, { defaultExecutionMode: decoded.config.sop.default_execution_mode });
  const stateDir = resolveFolder(decoded.config.sop.state_dir, locations.workspace, "state", home);
  return { config: decoded.config, workspace, stateDir };
}

/** Loads the workspace and takes the SOP named by the first positional; undefined after printing the error. */
export function openSop(args: Args, terminal: Terminal): Sop | undefined {
  const opened = openWorkspace(args, terminal);
  if (opened === undefined) return undefined;
  const name = args.positionals[0] ?? "";
  const sop = opened.workspace.sops.find((s) => s.name === name);
  if (sop === undefined) terminal.stderr(`Error: ${sopNotFound(name)}\n`);
  return sop;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
