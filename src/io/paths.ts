// Where things are: config file, workspace, SOP folder and state folder (INTERFACES.md "Locations", definitions.md §1.2).
// Edge: reads the environment it is given; no file access.

/** The environment variables and flags that decide locations. */
export interface LocationInputs {
  readonly configFlag?: string;
  readonly workspaceFlag?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Resolved locations; `configExplicit` is true when the user named the file (then it must exist). */
export interface Locations {
  readonly configFile: string;
  readonly configExplicit: boolean;
  readonly workspace: string;
}

/** Applies flag, then environment variable, then the default under `~/.zeroclaw`. */
export function resolveLocations(inputs: LocationInputs): Locations {
  const home = inputs.env["HOME"];
  const base = home === undefined || home === "" ? ".zeroclaw" : joinPath(home, ".zeroclaw");
  const configFile = nonEmpty(inputs.configFlag) ?? nonEmpty(inputs.env["ZEROCLAW_CONFIG"]);
  const workspace = nonEmpty(inputs.workspaceFlag) ?? nonEmpty(inputs.env["ZEROCLAW_WORKSPACE"]);
  return {
    configFile: configFile === undefined ? joinPath(base, "config.toml") : expandTilde(configFile, home),
    configExplicit: configFile !== undefined,
    workspace: workspace === undefined ? joinPath(base, "workspace") : expandTilde(workspace, home),
  };
}

/** Resolves a configured folder (`sops_dir`, `state_dir`): tilde expansion only, then relative to the workspace. */
export function resolveFolder(configured: string | undefined, workspace: string, fallback: string,
  home: string | undefined): string {
  // A plain emptiness test: " " is a (strange) folder name, "" means unset (definitions.md §1.2).
  if (configured === undefined || configured === "") return joinPath(workspace, fallback);
  const expanded = expandTilde(configured, home);
  return expanded.startsWith("/") ? expanded : joinPath(workspace, expanded);
}

/** Joins as text, without canonicalising, so paths print as the user wrote them (definitions.md §1.2, §1.4). */
export function joinPath(directory: string, name: string): string {
  return directory.endsWith("/") ? `${directory}${name}` : `${directory}/${name}`;
}

/** `~` and `~/x` become the home folder; `~user`, `$VARS` and an unknown home are left alone. */
function expandTilde(path: string, home: string | undefined): string {
  if (home === undefined || home === "" || !path.startsWith("~")) return path;
  if (path === "~") return home;
  return path.startsWith("~/") ? joinPath(home, path.slice(2)) : path;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
