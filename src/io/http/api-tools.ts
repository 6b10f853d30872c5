// `POST /api/tools/{tool}` (INTERFACES.md "Agent tools"): the JSON body is the arguments, the tool result is the
// 200 body, a thrown ToolError is a 400. Edge: reads the body; the engine commits, the gateway awaits durability.
import { ToolError, type Tool } from "../../actors/tools/tool.ts";
import { parseJsonText, readBody } from "./body.ts";
import type { Durability } from "./durability.ts";
import * as texts from "./gateway-texts.ts";
import { error, json } from "./responses.ts";

/** Calls `tool` with `args` and answers once its changes are durable. */
export function callTool(durability: Durability, tool: Tool, args: unknown): Promise<Response> {
  return durability.commit(() => {
    try {
      return json(200, tool.call(args));
    } catch (thrown) {
      if (thrown instanceof ToolError) return error(400, thrown.message);
      throw thrown;
    }
  });
}

/** The JSON arguments in a request body: an empty body is `{}`; undefined when it is not strict JSON. */
export async function readArguments(request: Request, maxBytes: number): Promise<{ value: unknown } | undefined> {
  const bytes = await readBody(request, maxBytes);
  if (bytes === undefined) return undefined;
  if (bytes.byteLength === 0) return { value: {} };
  const parsed = parseJsonText(bytes);
  return parsed === undefined ? undefined : { value: parsed.value };
}

/** `POST /api/tools/{tool}`: 404 for a tool that does not exist, 400 for a body that is not JSON. */
export async function handleToolCall(tools: ReadonlyMap<string, Tool>, durability: Durability, name: string,
  request: Request, maxBytes: number): Promise<Response> {
  const tool = tools.get(name);
  if (tool === undefined) return error(404, texts.unknownTool(name));
  const args = await readArguments(request, maxBytes);
  if (args === undefined) return error(400, texts.invalidApiBody);
  return callTool(durability, tool, args.value);
}
