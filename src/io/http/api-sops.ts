// `/api/sops` (INTERFACES.md "Gateway HTTP endpoints"): loaded definitions as `sop list --json` writes them, and each
// SOP's compiled run machine as `sop graph --format xstate` prints it. Pure: reads the engine's loaded SOPs.
import type { Engine } from "../../actors/engine.ts";
import { compileRunMachine } from "../../compiler/run-machine.ts";
import { sopToJson } from "../../compiler/sop-json.ts";
import { sopNotFound } from "../../compiler/texts.ts";
import { error, json } from "./responses.ts";

/** `GET /api/sops`: every loaded SOP, in load order. */
export function listSops(engine: Engine): Response {
  return json(200, engine.sops().map(sopToJson));
}

/** `GET /api/sops/{name}` and `GET /api/sops/{name}/machine`. */
export function showSop(engine: Engine, name: string, part: "definition" | "machine"): Response {
  const sop = engine.sop(name);
  if (sop === undefined) return error(404, sopNotFound(name));
  return json(200, part === "machine" ? compileRunMachine(sop) : sopToJson(sop));
}
