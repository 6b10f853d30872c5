// The dispatcher: an event from any source becomes started / queued / skipped / no_match results, matched through
// the compiled index and started by the engine in one transaction (fan-in.md §1.4, §2; D6 for cron).
import { compileMatchIndex, type MatchIndex, type SopEvent } from "../compiler/match-index.ts";
import { dispatch } from "./dispatch.ts";
import type { Engine } from "./engine.ts";
import type { DispatchResult } from "./engine-types.ts";

/** Dispatches events for one engine; the match index is built once from the engine's SOPs. */
export interface Dispatcher {
  /** Matches and starts; the event's timestamp is the engine clock's now (fan-in.md §1.2). */
  dispatch(event: SopEvent): DispatchResult[];
  /** A fired cron trigger starts only its own SOP, without text matching (D6, fan-in.md §6.3). */
  dispatchCron(sopName: string, expression: string): DispatchResult[];
}

/** Creates the dispatcher of an engine. */
export function createDispatcher(engine: Engine): Dispatcher {
  const index: MatchIndex = compileMatchIndex(engine.sops());
  return {
    dispatch: (event) => dispatch(engine, index.match(event), event),
    dispatchCron(sopName, expression) {
      const sop = engine.sop(sopName);
      return dispatch(engine, sop === undefined ? [] : [sop], { source: "cron", topic: expression, payload: null });
    },
  };
}
