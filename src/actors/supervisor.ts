// The supervisor actor: the root of the actor tree. Every run actor is created with it as parent, so the
// inspector shows one tree (issue #3). Admission decisions are pure functions (admission.ts) the engine applies;
// the engine keeps its run actors in a Map, because spawning through `assign` copies the children record on every
// spawn (quadratic: 20,000 parked runs took 25 s; bench/engine.ts).
import { fromTransition, type ActorRefFrom } from "xstate";
import type { RunLogic } from "./run-actor.ts";

/**
 * The supervisor: a parent for run actors; finished children report `xstate.done.actor.<run id>` to it, which it
 * ignores. Not a state machine: a machine memoises its transition candidates per event type for good, and every
 * finished run sends a type of its own, so the daemon's heap grew by an entry per run it ever finished (issue #8,
 * found by test/e2e/soak.test.ts).
 */
export const supervisorLogic = fromTransition((state: Record<string, never>) => state, {});

/** A run actor as the engine holds it. */
export type RunActorRef = ActorRefFrom<RunLogic>;
