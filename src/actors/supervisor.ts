// The supervisor actor: the root of the actor tree. Every run actor is created with it as parent, so the
// inspector shows one tree (issue #3). Admission decisions are pure functions (admission.ts) the engine applies;
// the engine keeps its run actors in a Map, because spawning through `assign` copies the children record on every
// spawn (quadratic: 20,000 parked runs took 25 s; bench/engine.ts).
import { setup, type ActorRefFrom } from "xstate";
import type { RunLogic } from "./run-actor.ts";

/** The supervisor machine: a parent for run actors; finished children report `xstate.done.actor.*` to it. */
export const supervisorMachine = setup({}).createMachine({ id: "supervisor" });

/** A run actor as the engine holds it. */
export type RunActorRef = ActorRefFrom<RunLogic>;
