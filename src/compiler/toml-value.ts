// Reading values out of a parsed TOML table: TOML type names and key checks for decoding diagnostics.
// Pure. Integers arrive as bigint (smol-toml `integersAsBigInt: true`) so `1.0` and `1` stay distinguishable.

/** A TOML table as smol-toml returns it. */
export type TomlTable = { readonly [key: string]: unknown };

/** The TOML name of a value's type, as used in `"{key}" must be {type} (got {type})`. */
export function tomlTypeName(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "bigint") return "integer";
  if (typeof value === "number") return "float";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (isTable(value)) return "table";
  return "datetime";
}

/** Whether a value is a TOML table (a plain object, not an array or date). */
export function isTable(value: unknown): value is TomlTable {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads an own property only: keys such as `__proto__` or `constructor` never reach the prototype. */
export function own(table: TomlTable, key: string): unknown {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
