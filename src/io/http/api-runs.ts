// `/api/runs` (INTERFACES.md "Gateway HTTP endpoints"): runs as the reference's run JSON plus `machine_state` and
// `escalated_at` (engine.md §1.1 "Extension fields"), and approve / advance / cancel through the tools.
// Edge: answers HTTP; the engine holds the runs.
import type { Engine } from "../../actors/engine.ts";
import { renderRunJson } from "../../actors/run-record.ts";
import type { StoredRun } from "../../actors/store.ts";
import type { Tool } from "../../actors/tools/tool.ts";
import { runNotFound } from "../../actors/tools/tool-texts.ts";
import { callTool, readArguments } from "./api-tools.ts";
import type { Durability } from "./durability.ts";
import * as texts from "./gateway-texts.ts";
import { error, json } from "./responses.ts";

/** The tool behind each run command, called with the run id from the path. */
export const runCommands = { approve: "sop_approve", advance: "sop_advance", cancel: "sop_cancel" } as const;
/** `approve`, `advance` or `cancel`. */
export type RunCommand = keyof typeof runCommands;

/** A run as the API writes it: the reference keys in order, then the extension keys. */
export function runToJson(stored: StoredRun): Record<string, unknown> {
  const reference = JSON.parse(renderRunJson(stored.run)) as Record<string, unknown>;
  return { ...reference, machine_state: stored.machineState, escalated_at: stored.escalatedAt };
}

/** The filters of `GET /api/runs`: a run status and a SOP name, each exact. */
export interface RunFilters {
  readonly status?: string;
  readonly sop?: string;
}

/** `GET /api/runs?status=&sop=`: active runs in start order, then finished runs oldest first. */
export function listRuns(engine: Engine, { status, sop }: RunFilters): Response {
  const runs = [...engine.activeRuns(), ...engine.finishedRuns(sop)]
    .filter((stored) => (sop === undefined || stored.run.sop_name === sop)
      && (status === undefined || stored.run.status === status));
  return json(200, runs.map(runToJson));
}

/** `GET /api/runs/{id}`. */
export function showRun(engine: Engine, runId: string): Response {
  const stored = engine.run(runId);
  return stored === undefined ? error(404, runNotFound(runId)) : json(200, runToJson(stored));
}

/** `POST /api/runs/{id}/{command}`: the tool's result, as `POST /api/tools/{tool}` answers it. */
export async function runCommand(tools: ReadonlyMap<string, Tool>, durability: Durability, command: RunCommand,
  runId: string, request: Request, maxBytes: number): Promise<Response> {
  const tool = tools.get(runCommands[command]);
  if (tool === undefined) return error(404, texts.unknownTool(runCommands[command]));
  const body = command === "advance" ? await readArguments(request, maxBytes) : { value: {} };
  if (body === undefined) return error(400, texts.invalidApiBody);
  const fields = typeof body.value === "object" && body.value !== null && !Array.isArray(body.value) ? body.value : {};
  return callTool(durability, tool, { ...fields, run_id: runId });
}
