// The supervisor actor: parent of every active run actor, so an inspector sees one tree (issue #3).
// It holds the actor tree only; admission decisions are pure functions (admission.ts) the engine applies.
import { assign, setup, stopChild, type ActorRefFrom } from "xstate";
import type { AnyActorLogic } from "xstate";
import type { RunActorInput, RunLogic } from "./run-actor.ts";

/** Events the supervisor accepts. */
export type SupervisorEvent =
  | { readonly type: "run.spawned"; readonly runId: string; readonly logic: RunLogic; readonly input: RunActorInput }
  | { readonly type: "run.released"; readonly runId: string };

/** The supervisor machine: spawns a child per run and stops it when the run has finished. */
export const supervisorMachine = setup({
  types: {} as { events: SupervisorEvent },
  actions: {
    spawnRun: assign(({ spawn, event }) => {
      // Each SOP has its own run logic, so children are spawned from logic objects rather than named sources.
      const spawnLogic = spawn as unknown as (logic: AnyActorLogic, options: { id: string; input: unknown }) => unknown;
      if (event.type === "run.spawned") spawnLogic(event.logic, { id: event.runId, input: event.input });
      return {};
    }),
    releaseRun: stopChild(({ event }) => (event.type === "run.released" ? event.runId : "")),
  },
}).createMachine({
  id: "supervisor",
  on: { "run.spawned": { actions: "spawnRun" }, "run.released": { actions: "releaseRun" } },
});

/** A run actor as the supervisor holds it. */
export type RunActorRef = ActorRefFrom<RunLogic>;
