// Command-line arguments: flags after the command words, `--flag value` or `--flag=value` (INTERFACES.md).
// Pure. A usage error is a value; the caller prints it and exits 2.

/** What a command accepts: flags (boolean or taking a value) and named positionals. */
export interface ArgSpec {
  readonly flags: Readonly<Record<string, "boolean" | "value">>;
  readonly positionals: readonly string[];
  readonly required: number;
}

/** Parsed arguments: flag values by name (`true` for boolean flags) and positionals in order. */
export interface Args {
  readonly flags: Readonly<Record<string, string | true>>;
  readonly positionals: readonly string[];
}

/** Parses argv against a spec; `--help` is always accepted; `--` ends flags. */
export function parseArgs(argv: readonly string[], spec: ArgSpec): { ok: true; args: Args } | { ok: false; error: string } {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (onlyPositionals || !arg.startsWith("--") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const kind = name === "help" ? "boolean" : spec.flags[name];
    if (kind === undefined) return { ok: false, error: `unknown flag --${name}` };
    if (kind === "boolean") {
      if (equals >= 0) return { ok: false, error: `flag --${name} takes no value` };
      flags[name] = true;
      continue;
    }
    const value = equals >= 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined) return { ok: false, error: `flag --${name} needs a value` };
    flags[name] = value;
  }
  if (flags["help"] === undefined) {
    if (positionals.length < spec.required) {
      return { ok: false, error: `missing argument ${spec.positionals[positionals.length] ?? ""}`.trimEnd() };
    }
    if (positionals.length > spec.positionals.length) {
      return { ok: false, error: `unexpected argument "${positionals[spec.positionals.length]}"` };
    }
  }
  return { ok: true, args: { flags, positionals } };
}

/** A flag's value when it takes one; undefined when absent. */
export function flagValue(args: Args, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === "string" ? value : undefined;
}
