// The agent-tool contract (engine.md §0.1, §9): a returned result or a thrown ToolError, and loose argument reading.
// Pure: no IO, no clock. Over HTTP a result is a 200 and a ToolError a 400 (INTERFACES.md "Agent tools").
import type { Clock } from "../clock.ts";
import type { Engine } from "../engine.ts";

/** What a tool call returns (engine.md §0.1); `error` is null exactly when the call succeeded. */
export interface ToolResult {
  readonly success: boolean;
  readonly output: string;
  readonly error: string | null;
}

/** A thrown tool failure (engine.md §0.1), distinct from a returned `success: false`; HTTP answers it with 400. */
export class ToolError extends Error {
  override readonly name = "ToolError";
}

/** An agent tool: its name, exact description and JSON schema, and the call. */
export interface Tool {
  readonly name: string;
  readonly description: string;
  /** The exact JSON schema of the arguments, keys in the reference's order. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Runs the tool on loosely read JSON arguments; may throw a ToolError. */
  call(args: unknown): ToolResult;
}

/** What an agent client sees of a tool before calling it: the name, exact description and JSON schema. */
export type ToolSpec = Pick<Tool, "name" | "description" | "parameters">;

/** What every SOP tool is built from: the shared engine and the clock that stamps step results. */
export interface ToolDeps {
  readonly engine: Engine;
  readonly clock: Clock;
}

/** A successful result. */
export function succeed(output: string): ToolResult {
  return { success: true, output, error: null };
}

/** A returned (not thrown) failure: empty output, the error text. */
export function fail(error: string): ToolResult {
  return { success: false, output: "", error };
}

/** The argument `key` if it is a JSON string; any other type counts as absent (engine.md §9). */
export function stringArg(args: unknown, key: string): string | undefined {
  const value = field(args, key);
  return typeof value === "string" ? value : undefined;
}

/** The argument `key` if it is a JSON boolean; any other type counts as absent (engine.md §9). */
export function booleanArg(args: unknown, key: string): boolean | undefined {
  const value = field(args, key);
  return typeof value === "boolean" ? value : undefined;
}

/** The string argument `key`, or a thrown `Missing '{key}' parameter` (engine.md §9.1, §9.3, §9.4, §9.6). */
export function requiredString(args: unknown, key: string): string {
  const value = stringArg(args, key);
  if (value === undefined) throw new ToolError(`Missing '${key}' parameter`);
  return value;
}

/** An own field of a JSON object; arguments that are not an object (null, arrays, scalars) count as `{}`. */
function field(args: unknown, key: string): unknown {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return undefined;
  return Object.hasOwn(args, key) ? (args as Record<string, unknown>)[key] : undefined;
}
