// config.toml: reading and decoding with defaults; unknown keys are warnings, wrong types are errors (INTERFACES.md).
// Edge: reads one file. Decoding itself (`decodeConfig`) is pure and never throws.
import { readTextFile } from "./text-file.ts";
import { parseTomlDocument } from "../compiler/toml-document.ts";
import { unknownKey } from "../compiler/texts.ts";
import { diagnostic, type Diagnostic } from "../compiler/diagnostic.ts";
import { closest } from "../compiler/did-you-mean.ts";
import { locateToml, type TomlLocator } from "../compiler/toml-locator.ts";
import { isTable, own, tomlTypeName, type TomlTable } from "../compiler/toml-value.ts";
import * as schema from "./config-schema.ts";
import type { Field, Section, SopConfig } from "./config-schema.ts";

/** The runtime's configuration, every default applied. */
export interface Config {
  readonly sop: SopConfig;
  readonly gateway: Section<typeof schema.gatewayFields>;
  readonly webhook: Section<typeof schema.webhookFields>;
  /** Present only when `[channels_config.mqtt]` is: without it there is no MQTT source. */
  readonly mqtt?: Section<typeof schema.mqttFields>;
  readonly boards: readonly Section<typeof schema.boardFields>[];
  readonly inspect: Section<typeof schema.inspectFields>;
}

/** A decoded config, or undefined when an error makes it unusable; diagnostics hold both kinds. */
export interface DecodedConfig {
  readonly config?: Config;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads a config file; an absent file means every default (INTERFACES.md "Locations"). */
export function loadConfig(file: string, mustExist: boolean): DecodedConfig {
  const read = readTextFile(file);
  if (read.ok) return decodeConfig(read.text, file);
  return read.missing && !mustExist ? decodeConfig("", file) : { diagnostics: [read.error] };
}

/** Decodes config.toml text. */
export function decodeConfig(text: string, file: string): DecodedConfig {
  const document = parseTomlDocument(text, file);
  if (!document.ok) return { diagnostics: [document.error] };
  const root = document.root;
  const reader = new SectionReader(file, document.source);
  const channels = reader.table(root, ["channels_config"]);
  const peripherals = reader.table(root, ["peripherals"]);
  const boards = own(peripherals, "boards");
  const config: Config = {
    sop: reader.section(reader.table(root, ["sop"]), ["sop"], schema.sopFields) as SopConfig,
    gateway: reader.section(reader.table(root, ["gateway"]), ["gateway"], schema.gatewayFields),
    webhook: reader.section(reader.table(channels, ["channels_config", "webhook"]), ["channels_config", "webhook"],
      schema.webhookFields),
    ...(own(channels, "mqtt") === undefined ? {} : {
      mqtt: reader.section(reader.table(channels, ["channels_config", "mqtt"]), ["channels_config", "mqtt"],
        schema.mqttFields),
    }),
    boards: reader.boards(boards),
    inspect: reader.section(reader.table(root, ["inspect"]), ["inspect"], schema.inspectFields),
  };
  reader.unknown(root, [], ["sop", "gateway", "channels_config", "peripherals", "inspect"]);
  reader.unknown(channels, ["channels_config"], ["webhook", "mqtt"]);
  reader.unknown(peripherals, ["peripherals"], ["boards"]);
  const failed = reader.diagnostics.some((d) => d.severity === "error");
  return failed ? { diagnostics: reader.diagnostics } : { config, diagnostics: reader.diagnostics };
}

/** Decodes sections against their field tables, collecting diagnostics with positions. */
class SectionReader {
  readonly diagnostics: Diagnostic[] = [];
  #locator: TomlLocator | undefined;

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  table(parent: TomlTable, path: readonly string[]): TomlTable {
    const value = own(parent, path[path.length - 1] ?? "");
    if (value === undefined) return {};
    if (isTable(value)) return value;
    this.report("error", `"${path.join(".")}" must be a table (got ${tomlTypeName(value)})`, path);
    return {};
  }

  section<S extends Record<string, Field>>(table: TomlTable, path: readonly (string | number)[], fields: S)
    : Section<S> {
    const decoded: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields)) {
      const value = this.value(own(table, name), field, [...path, name]);
      if (value !== undefined) decoded[name] = value;
    }
    this.unknown(table, path, Object.keys(fields));
    return decoded as Section<S>;
  }

  boards(value: unknown): Section<typeof schema.boardFields>[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isTable)) {
      this.report("error", `"peripherals.boards" must be an array of tables (got ${tomlTypeName(value)})`,
        ["peripherals", "boards"]);
      return [];
    }
    return value.map((entry, i) => this.section(entry, ["peripherals", "boards", i], schema.boardFields));
  }

  unknown(table: TomlTable, path: readonly (string | number)[], known: readonly string[]): void {
    for (const key of Object.keys(table)) {
      if (known.includes(key)) continue;
      const dotted = [...path.filter((p) => typeof p === "string"), key].join(".");
      if (schema.silentlyAcceptedKeys.includes(dotted)) continue;
      if (schema.unusedReferenceKeys.includes(dotted)) {
        this.report("warning", `key "${dotted}" is not used by this runtime`, [...path, key], true);
        continue;
      }
      const value = own(table, key);
      if (isTable(value) && schema.unusedReferenceKeys.some((unused) => unused.startsWith(`${dotted}.`))) {
        this.unknown(value, [...path, key], []); // a reference table such as [cron]: name its keys one by one
        continue;
      }
      const where = path.length === 0 ? "the top-level table" : `[${path.filter((p) => typeof p === "string").join(".")}]`;
      this.report("warning", unknownKey(key, where, closest(key, known)), [...path, key], true);
    }
  }

  private value(value: unknown, field: Field, path: readonly (string | number)[]): unknown {
    if (value === undefined) return field.default;
    const key = String(path[path.length - 1]);
    const wrong = (expected: string): undefined => {
      this.report("error", `"${key}" must be ${expected} (got ${tomlTypeName(value)})`, path);
      return undefined;
    };
    switch (field.kind) {
      case "string":
        return typeof value === "string" ? value : wrong("a string");
      case "boolean":
        return typeof value === "boolean" ? value : wrong("a boolean");
      case "strings":
        return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : wrong("an array of strings");
      case "integer":
        if (typeof value !== "bigint") return wrong("an integer");
        if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) return wrong("a non-negative integer");
        return Number(value);
      case "enum":
        if (typeof value !== "string") return wrong("a string");
        if (field.values.includes(value)) return value;
        this.report("error", `unknown ${key} "${value}" (expected ${field.values.join(", ")})`, path);
        return undefined;
    }
  }

  private report(severity: "error" | "warning", message: string, path: readonly (string | number)[], atKey = false)
    : void {
    this.#locator ??= locateToml(this.source);
    const at = atKey ? this.#locator.key(path) : this.#locator.value(path);
    this.diagnostics.push(diagnostic(severity, this.file, message, at));
  }
}
