// SOP.toml decoding: TOML text → the SOP's metadata and triggers, with located diagnostics (definitions.md §2, D1).
// Pure: never throws on user input; every failure is a Diagnostic with file, line and column where known.
import { diagnostic, type Diagnostic, type Position } from "./diagnostic.ts";
import { closest } from "./did-you-mean.ts";
import { executionModes, priorities, triggerTypes, type ExecutionMode, type Sop, type Trigger } from "./sop.ts";
import { unknownKey, unknownTriggerType } from "./texts.ts";
import { parseTomlDocument } from "./toml-document.ts";
import { locateToml, type TomlLocator } from "./toml-locator.ts";
import { isTable, own, tomlTypeName, type TomlTable } from "./toml-value.ts";

/** What SOP.toml alone decides: everything of a SOP but its steps and folder. */
export type Manifest = Omit<Sop, "steps" | "location">;

/** The decoded manifest, or the errors that stop it from loading; `name` is known whenever `[sop] name` was read. */
export interface DecodedManifest {
  readonly manifest?: Manifest;
  readonly name?: string;
  readonly diagnostics: readonly Diagnostic[];
}

const sopKeys = ["name", "description", "version", "priority", "execution_mode", "cooldown_secs", "max_concurrent",
  "queue"];
const triggerKeys: Record<Trigger["type"], readonly string[]> = {
  manual: ["type"],
  webhook: ["type", "path", "condition"],
  mqtt: ["type", "topic", "condition"],
  cron: ["type", "expression", "timezone"],
  peripheral: ["type", "board", "signal", "condition"],
};
const u64Max = 2n ** 64n - 1n;
const u32Max = 2n ** 32n - 1n;
type Path = readonly (string | number)[];

/** Decodes SOP.toml text; errors fail the SOP, warnings (unknown keys) only matter to `sop validate`. */
export function decodeManifest(text: string, options: { file: string; defaultExecutionMode: ExecutionMode })
  : DecodedManifest {
  const document = parseTomlDocument(text, options.file);
  if (!document.ok) return { diagnostics: [document.error] };
  const table = document.root;
  const decoder = new Decoder(options.file, document.source);
  const manifest = decoder.manifest(table, options.defaultExecutionMode);
  const name = isTable(own(table, "sop")) ? own(own(table, "sop") as TomlTable, "name") : undefined;
  const diagnostics = decoder.diagnostics;
  const failed = diagnostics.some((d) => d.severity === "error");
  return {
    ...(typeof name === "string" ? { name } : {}),
    ...(failed || manifest === undefined ? {} : { manifest }),
    diagnostics,
  };
}

/** Collects diagnostics while reading; positions come from a locator built only when first needed. */
class Decoder {
  readonly diagnostics: Diagnostic[] = [];
  #locator: TomlLocator | undefined;

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  manifest(root: TomlTable, defaultMode: ExecutionMode): Manifest | undefined {
    this.unknownKeys(root, [], ["sop", "triggers"], "the top-level table");
    const sop = own(root, "sop");
    if (sop === undefined) return this.error("missing required table [sop]", this.at([]));
    if (!isTable(sop)) return this.typeError(["sop"], "a table", sop);
    this.unknownKeys(sop, ["sop"], sopKeys, "[sop]");
    const name = this.required(sop, "name");
    const description = this.required(sop, "description");
    const version = this.optional(sop, "version", "0.1.0");
    const priority = this.oneOf(sop, "priority", priorities, "normal");
    const executionMode = this.oneOf(sop, "execution_mode", executionModes, defaultMode);
    const cooldownSecs = this.integer(sop, "cooldown_secs", u64Max, 0n);
    const maxConcurrent = this.integer(sop, "max_concurrent", u32Max, 1n);
    const queue = this.integer(sop, "queue", u64Max, undefined);
    const triggers = this.triggers(own(root, "triggers"));
    if (name === undefined || description === undefined || version === undefined || priority === undefined) return;
    if (executionMode === undefined || cooldownSecs === undefined || maxConcurrent === undefined) return;
    if (triggers === undefined) return;
    return {
      name, description, version, priority, executionMode,
      cooldownSecs: Number(cooldownSecs),
      maxConcurrent: Number(maxConcurrent),
      ...(queue === undefined ? {} : { queue: Number(queue) }),
      triggers,
    };
  }

  private triggers(value: unknown): Trigger[] | undefined {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isTable)) return this.typeError(["triggers"], "an array of tables", value);
    const triggers: Trigger[] = [];
    value.forEach((entry, index) => {
      const trigger = this.trigger(entry, index);
      if (trigger !== undefined) triggers.push(trigger);
    });
    return triggers.length === value.length ? triggers : undefined;
  }

  private trigger(entry: TomlTable, index: number): Trigger | undefined {
    const path = ["triggers", index];
    const type = own(entry, "type");
    const where = `trigger ${index + 1}`;
    if (type === undefined) return this.error(`missing required key "type" in ${where}`, this.at(path));
    if (typeof type !== "string") return this.typeError([...path, "type"], "a string", type);
    if (!(triggerTypes as readonly string[]).includes(type)) {
      return this.error(unknownTriggerType(type), this.at([...path, "type"]));
    }
    const kind = type as Trigger["type"];
    this.unknownKeys(entry, path, triggerKeys[kind], `${where} (${kind})`);
    const text = (key: string): string | undefined => this.required(entry, key, path, where);
    const extra = (key: string): Record<string, string> => {
      const value = this.optional(entry, key, undefined, path);
      return value === undefined ? {} : { [key]: value };
    };
    switch (kind) {
      case "manual":
        return { type: "manual" };
      case "webhook":
        return this.complete({ type: "webhook", path: text("path"), ...extra("condition") });
      case "mqtt":
        return this.complete({ type: "mqtt", topic: text("topic"), ...extra("condition") });
      case "cron":
        return this.complete({ type: "cron", expression: text("expression"), ...extra("timezone") });
      case "peripheral":
        return this.complete({ type: "peripheral", board: text("board"), signal: text("signal"), ...extra("condition") });
    }
  }

  /** A trigger is complete when no required string came back undefined (that already produced an error). */
  private complete(trigger: Record<string, string | undefined>): Trigger | undefined {
    return Object.values(trigger).some((value) => value === undefined) ? undefined : (trigger as unknown as Trigger);
  }

  private required(table: TomlTable, key: string, path: Path = ["sop"], where = "[sop]"): string | undefined {
    if (own(table, key) === undefined) return this.error(`missing required key "${key}" in ${where}`, this.at(path));
    return this.optional(table, key, undefined, path);
  }

  private optional<D extends string | undefined>(table: TomlTable, key: string, fallback: D, path: Path = ["sop"])
    : string | D {
    const value = own(table, key);
    if (value === undefined) return fallback;
    if (typeof value === "string") return value;
    return this.typeError([...path, key], "a string", value) as D;
  }

  private oneOf<T extends string>(table: TomlTable, key: string, allowed: readonly T[], fallback: T): T | undefined {
    const value = this.optional(table, key, fallback);
    if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
    return this.error(`unknown ${key} "${value}" (expected ${allowed.join(", ")})`, this.at(["sop", key]));
  }

  private integer<D extends bigint | undefined>(table: TomlTable, key: string, max: bigint, fallback: D)
    : bigint | D | undefined {
    const value = own(table, key);
    if (value === undefined) return fallback;
    if (typeof value !== "bigint") return this.typeError(["sop", key], "an integer", value);
    if (value >= 0n && value <= max) return value;
    return this.error(`"${key}" must be an integer from 0 to ${max} (got ${value})`, this.at(["sop", key]));
  }

  private unknownKeys(table: TomlTable, path: Path, known: readonly string[], where: string): void {
    for (const key of Object.keys(table)) {
      if (known.includes(key)) continue;
      this.report("warning", unknownKey(key, where, closest(key, known)), this.locator.key([...path, key]));
    }
  }

  private typeError(path: Path, expected: string, value: unknown): undefined {
    const key = String(path[path.length - 1]);
    return this.error(`"${key}" must be ${expected} (got ${tomlTypeName(value)})`, this.at(path));
  }

  private error(message: string, at: Position | undefined): undefined {
    this.report("error", message, at);
    return undefined;
  }

  private report(severity: "error" | "warning", message: string, at: Position | undefined): void {
    this.diagnostics.push(diagnostic(severity, this.file, message, at));
  }

  private at(path: Path): Position | undefined {
    return this.locator.value(path);
  }

  private get locator(): TomlLocator {
    this.#locator ??= locateToml(this.source);
    return this.#locator;
  }
}
