// The run engine: starts, approves, advances and cancels runs, applies admission and timeouts, and commits every
// change (runs, queue, audit, counter) to the Store in one change set before answering (engine.md §1–§5, §8).
// Actors: run actors are children of the supervisor actor. No IO: time comes from the injected Clock.
import { createActor, type Actor, type InspectionEvent, type Snapshot } from "xstate";
import { compileRunMachine } from "../compiler/run-machine.ts";
import type { Sop } from "../compiler/sop.ts";
import { previousStep, renderStepContext } from "../compiler/step-context.ts";
import { cooldownEndsAt, pickQueued, startRefusal, type Occupancy } from "./admission.ts";
import type { Clock } from "./clock.ts";
import type { Action, EngineConfig, Outcome } from "./engine-types.ts";
import type { Metrics } from "./metrics.ts";
import { createRunLogic, type RunContext, type RunLogic } from "./run-actor.ts";
import { formatRunId } from "./run-id.ts";
import { renderRunJson, type Run, type RunEvent, type StepResult } from "./run-record.ts";
import { AdmissionQueue } from "./admission-queue.ts";
import { FinishedRuns } from "./finished-runs.ts";
import type { QueuedStart, Store, StoreChanges, StoredRun } from "./store.ts";
import { supervisorLogic, type RunActorRef } from "./supervisor.ts";
import { sopNotFound } from "../compiler/texts.ts";
import * as texts from "./engine-texts.ts";
import { formatTimestamp } from "./timestamp.ts";

/** Everything the engine is built from. */
export interface EngineOptions {
  readonly sops: readonly Sop[];
  readonly config: EngineConfig;
  readonly clock: Clock;
  readonly store: Store;
  readonly metrics?: Metrics;
  /** Receives the action of every run admitted from the queue, for headless processing (fan-in.md §1.8). */
  readonly onAdmitted?: (action: Action) => void;
  /** XState inspection (the Stately inspector): sees the supervisor and every run actor. */
  readonly inspect?: (event: InspectionEvent) => void;
}

/** A change set being collected for one operation, committed once at its end. */
interface Pending {
  runs: Map<string, StoredRun>;
  forget: string[];
  enqueue: QueuedStart[];
  dequeue: number[];
  audit: { key: string; content: string }[];
  /** Metrics to record once the change set is committed, so a failed commit counts nothing. */
  afterCommit: (() => void)[];
}

/**
 * The engine. One instance per daemon; every public method commits before it returns. A commit that fails throws
 * out of the method: the caller was told nothing, and the daemon must stop, so a restart rehydrates exactly what
 * was committed (issue #4) rather than serving in-memory state the store never saw.
 */
export class Engine {
  readonly supervisor: Actor<typeof supervisorLogic>;
  readonly #sops = new Map<string, { sop: Sop; logic: RunLogic }>();
  readonly #active = new Map<string, RunActorRef>(); // insertion order = start order (engine.md §0.3)
  readonly #finished: FinishedRuns;
  readonly #activeCount = new Map<string, number>();
  readonly #queue: AdmissionQueue;
  #counter: number;
  #committedCounter: number;
  #pending: Pending | undefined;
  #cooldownTimer: unknown;

  constructor(private readonly options: EngineOptions) {
    for (const sop of options.sops) {
      if (!this.#sops.has(sop.name)) this.#sops.set(sop.name, { sop, logic: createRunLogic(compileRunMachine(sop)) });
    }
    const state = options.store.load();
    this.#counter = state.runCounter;
    this.#committedCounter = state.runCounter;
    this.#finished = new FinishedRuns(options.config.maxFinishedRuns, state.finished);
    this.#queue = new AdmissionQueue(state.queue);
    const inspect = options.inspect === undefined ? {} : { inspect: options.inspect };
    this.supervisor = createActor(supervisorLogic, { id: "supervisor", systemId: "supervisor", ...inspect }).start();
    for (const stored of state.active) this.#restore(stored);
    options.metrics?.warmStart(state.audit);
    // Slots may have freed while the daemon was down, or config may allow more now (engine.md §2.4).
    if (this.#queue.count() > 0) this.transaction(() => this.admitQueued());
  }

  /** The loaded SOP of that name (the first in load order). */
  sop(name: string): Sop | undefined {
    return this.#sops.get(name)?.sop;
  }

  /** Loaded SOPs in load order. */
  sops(): Sop[] {
    return [...this.#sops.values()].map((entry) => entry.sop);
  }

  /** `start_run` (engine.md §2.2): never queues; the start audit record is written with the run. */
  startRun(name: string, event: Omit<RunEvent, "timestamp">): Outcome<Action> {
    return this.transaction(() => {
      const entry = this.#sops.get(name);
      if (entry === undefined) return { ok: false, error: sopNotFound(name) };
      if (startRefusal(entry.sop, this.occupancy(), this.lastFinishedAt(name), this.now()) !== undefined) {
        return { ok: false, error: texts.cannotStart(name) };
      }
      if (entry.sop.steps.length === 0) return { ok: false, error: texts.noSteps(name) };
      return { ok: true, value: this.#create(entry, { ...event, timestamp: formatTimestamp(this.now()) }) };
    });
  }

  /** `approve_step` (engine.md §4.1). */
  approve(runId: string): Outcome<Action> {
    return this.transaction(() => this.#approve(runId, "human"));
  }

  /** `advance_step` (engine.md §5.1); a waiting run cannot be advanced (D14). */
  advance(runId: string, result: StepResult): Outcome<Action> {
    return this.transaction(() => {
      const actor = this.#actor(runId);
      if (actor === undefined) return { ok: false, error: texts.activeRunNotFound(runId) };
      const { run } = actor.getSnapshot().context;
      if (run.status === "waiting_approval") return { ok: false, error: texts.waitingForApproval(runId, run.current_step) };
      const entry = this.#sops.get(run.sop_name);
      if (entry === undefined) return { ok: false, error: texts.noLongerLoaded(run.sop_name) };
      actor.send({ type: `step.${result.status}`, at: this.now(), result });
      this.#audit(`sop_step_${runId}_${result.step_number}`, JSON.stringify(result, null, 2));
      return { ok: true, value: this.#settle(actor, entry.sop) };
    });
  }

  /** `cancel_run` (engine.md §5.2). */
  cancel(runId: string): Outcome<undefined> {
    return this.transaction(() => {
      const actor = this.#actor(runId);
      if (actor === undefined) return { ok: false, error: texts.activeRunNotFound(runId) };
      actor.send({ type: "run.cancelled", at: this.now() });
      this.#settle(actor, this.#sops.get(actor.getSnapshot().context.run.sop_name)?.sop);
      return { ok: true, value: undefined };
    });
  }

  /** A run by id: active runs first, then finished ones (engine.md §1.2). */
  run(runId: string): StoredRun | undefined {
    const actor = this.#actor(runId);
    return actor === undefined ? this.#finished.get(runId) : stored(actor);
  }

  /** Active runs in start order. */
  activeRuns(): StoredRun[] {
    return [...this.#active.values()].map(stored);
  }

  /** Finished runs, oldest finish first, optionally of one SOP. */
  finishedRuns(sopName?: string): StoredRun[] {
    return this.#finished.list(sopName);
  }

  /** Queued starts in arrival order. */
  queued(): QueuedStart[] {
    return [...this.#queue.entries()];
  }

  /** How many starts are queued, in all or for one SOP. */
  queuedCount(sopName?: string): number {
    return this.#queue.count(sopName);
  }

  /** Active runs of one SOP (running and waiting). */
  activeCount(sopName: string): number {
    return this.#activeCount.get(sopName) ?? 0;
  }

  // ---- internals shared with the dispatcher and the timeout tick (engine-dispatch.ts, engine-timeouts.ts) ----

  /** Runs `body` as one transaction: collects changes, commits them once, then returns its result. Nested calls
   * join the outer transaction, so dispatch, timeouts and tools each commit exactly once. */
  transaction<T>(body: () => T): T {
    if (this.#pending !== undefined) return body();
    this.#pending = { runs: new Map(), forget: [], enqueue: [], dequeue: [], audit: [], afterCommit: [] };
    try {
      const result = body();
      const pending = this.#pending;
      const changes: StoreChanges = {
        runs: [...pending.runs.values()], forget: pending.forget, enqueue: pending.enqueue, dequeue: pending.dequeue,
        audit: pending.audit,
        // Written only when it moved: most operations start no run.
        ...(this.#counter === this.#committedCounter ? {} : { runCounter: this.#counter }),
      };
      this.options.store.commit(changes);
      this.#committedCounter = this.#counter;
      for (const record of pending.afterCommit) record();
      this.#armCooldownTimer();
      return result;
    } finally {
      this.#pending = undefined;
    }
  }

  #approve(runId: string, by: "human" | "timeout"): Outcome<Action> {
    const actor = this.#actor(runId);
    if (actor === undefined) return { ok: false, error: texts.activeRunNotFound(runId) };
    const before = actor.getSnapshot().context.run;
    if (before.status !== "waiting_approval") return { ok: false, error: texts.notWaiting(runId, before.status) };
    actor.send({ type: "run.approved", at: this.now() });
    const { run } = actor.getSnapshot().context;
    this.#save(actor);
    const prefix = by === "human" ? "sop_approval" : "sop_timeout_approve";
    this.#audit(`${prefix}_${run.run_id}_${run.current_step}`, renderRunJson(run));
    this.#afterCommit((metrics) => {
      if (by === "human") metrics.recordApproval(run.sop_name, run.run_id);
      else metrics.recordTimeoutAutoApprove(run.sop_name, run.run_id);
    });
    const entry = this.#sops.get(run.sop_name);
    if (entry === undefined) return { ok: false, error: texts.noLongerLoaded(run.sop_name) };
    return { ok: true, value: this.#stepAction(actor, entry.sop) };
  }

  /** Marks a timed-out wait as escalated (D7, Resolved detail 2): it keeps waiting for a human. */
  escalate(runId: string): void {
    this.transaction(() => {
      const actor = this.#actor(runId);
      if (actor === undefined) return;
      actor.send({ type: "run.escalated", at: this.now() });
      this.#save(actor);
      const { run } = actor.getSnapshot().context;
      this.#afterCommit((metrics) => metrics.recordEscalation(run.sop_name, run.run_id));
    });
  }

  /** Approves as a timeout auto-approval (D7): audited under its own key, counted apart from human approvals. */
  approveOnTimeout(runId: string): Outcome<Action> {
    return this.transaction(() => this.#approve(runId, "timeout"));
  }

  /** Creates a run from a SOP and event: counter, id, child actor, start audit (engine.md §2.2 steps 4–6). */
  createRun(name: string, event: RunEvent): Action | undefined {
    const entry = this.#sops.get(name);
    return entry === undefined ? undefined : this.#create(entry, event);
  }

  #create(entry: { sop: Sop; logic: RunLogic }, event: RunEvent): Action {
    const now = this.now();
    this.#counter += 1;
    const runId = formatRunId(now, this.#counter);
    const run: Run = {
      run_id: runId, sop_name: entry.sop.name, trigger_event: event, status: "running", current_step: 1,
      total_steps: entry.sop.steps.length, started_at: formatTimestamp(now), completed_at: null, step_results: [],
      waiting_since: null,
    };
    const input = { run, at: now, approvalTimeoutSecs: this.options.config.approvalTimeoutSecs };
    const actor = this.#adopt(createActor(entry.logic, { parent: this.supervisor, id: runId, input }));
    this.#save(actor);
    this.#audit(`sop_run_${runId}`, renderRunJson(actor.getSnapshot().context.run));
    return this.#stepAction(actor, entry.sop);
  }

  /** After an event: a finished run is retired (audit, retention, slot, queue); otherwise its next action. */
  #settle(actor: RunActorRef, sop: Sop | undefined): Action {
    const snapshot = actor.getSnapshot();
    const { run } = snapshot.context;
    if (snapshot.status !== "done") {
      this.#save(actor);
      return this.#stepAction(actor, sop as Sop);
    }
    this.#retire(actor);
    if (run.status === "failed") {
      const last = run.step_results.at(-1);
      const reason = last === undefined ? "" : texts.stepFailed(last.step_number, last.output);
      return { kind: "failed", runId: run.run_id, sopName: run.sop_name, reason };
    }
    return { kind: "completed", runId: run.run_id, sopName: run.sop_name };
  }

  #retire(actor: RunActorRef): void {
    const finished = stored(actor);
    const pending = this.#pending as Pending;
    this.#active.delete(finished.run.run_id); // a run machine in a final state has already stopped itself
    this.#activeCount.set(finished.run.sop_name, this.activeCount(finished.run.sop_name) - 1);
    pending.forget.push(...this.#finished.add(finished));
    pending.runs.set(finished.run.run_id, finished);
    this.#afterCommit((metrics) => metrics.recordRunComplete(finished.run));
    this.#audit(`sop_run_${finished.run.run_id}`, renderRunJson(finished.run));
    this.admitQueued();
  }

  /** Admits queued starts while slots allow (D8): highest priority first, then arrival order. */
  admitQueued(): Action[] {
    const admitted: Action[] = [];
    for (;;) {
      const next = pickQueued(this.#queue.entries(), (name) => this.sop(name), this.occupancy(),
        (name) => this.lastFinishedAt(name), this.now());
      if (next === undefined) return admitted;
      this.#queue.remove(next.seq);
      this.#pending?.dequeue.push(next.seq);
      const action = this.createRun(next.sopName, next.event);
      if (action === undefined) continue;
      admitted.push(action);
      this.options.onAdmitted?.(action);
    }
  }

  /**
   * A queued start held back only by its SOP's cooldown is admitted when the cooldown ends (engine.md §2.4,
   * Resolved detail 3), not at the next scheduler tick.
   */
  #armCooldownTimer(): void {
    const { clock } = this.options;
    if (this.#cooldownTimer !== undefined) clock.clearTimeout(this.#cooldownTimer);
    this.#cooldownTimer = undefined;
    const now = clock.now();
    let earliest: number | undefined;
    for (const entry of this.#queue.entries()) {
      const sop = this.sop(entry.sopName);
      const end = sop === undefined ? undefined : cooldownEndsAt(sop, this.lastFinishedAt(sop.name), now);
      if (end !== undefined && (earliest === undefined || end < earliest)) earliest = end;
    }
    if (earliest === undefined) return;
    this.#cooldownTimer = clock.setTimeout(() => {
      this.#cooldownTimer = undefined;
      this.transaction(() => this.admitQueued());
    }, earliest - now);
  }

  /** Puts a start in the admission queue (D8). */
  enqueue(sopName: string, event: RunEvent): void {
    this.#pending?.enqueue.push(this.#queue.add(sopName, event, this.now()));
  }

  #stepAction(actor: RunActorRef, sop: Sop): Action {
    const { run } = actor.getSnapshot().context;
    const step = sop.steps[run.current_step - 1];
    if (step === undefined) return { kind: "failed", runId: run.run_id, sopName: run.sop_name, reason: "" };
    const context = renderStepContext({
      sopName: sop.name, runId: run.run_id, position: run.current_step, totalSteps: run.total_steps,
      event: run.trigger_event, previous: previousStep(run.step_results), step,
      payloadMaxBytes: this.options.config.payloadMaxBytes,
    });
    const kind = run.status === "waiting_approval" ? "wait_approval" : "execute_step";
    return { kind, runId: run.run_id, step, context };
  }

  /** The completed_at of the SOP's most recent retained finished run, for cooldown. */
  lastFinishedAt(sopName: string): string | undefined {
    return this.#finished.lastFinishedAt(sopName);
  }

  /** Admission inputs: active runs per SOP and in total, the global limit. */
  occupancy(): Occupancy {
    const total = this.#active.size; // every active run holds one slot, waiting ones included (D9)
    return { activeOf: (name) => this.activeCount(name), total, maxTotal: this.options.config.maxConcurrentTotal };
  }

  #actor(runId: string): RunActorRef | undefined {
    return this.#active.get(runId);
  }

  /** Starts a run actor under the supervisor and counts its slot. */
  #adopt(actor: RunActorRef): RunActorRef {
    actor.start();
    const { run } = actor.getSnapshot().context;
    this.#active.set(run.run_id, actor);
    this.#activeCount.set(run.sop_name, this.activeCount(run.sop_name) + 1);
    return actor;
  }

  /** Rehydrates an active run from the store: its record and machine state, and its wait deadline (D7). */
  #restore(saved: StoredRun): void {
    const entry = this.#sops.get(saved.run.sop_name);
    // Its SOP is no longer loaded, or was edited so that the run's state is gone (fewer steps): the run cannot move,
    // and holds no slot; it stays in the store as it was.
    if (entry === undefined || !(saved.machineState in entry.logic.states)) return;
    const context: RunContext = { run: saved.run, deadlineAt: saved.deadlineAt, escalatedAt: saved.escalatedAt,
      gate: saved.gate, approvalTimeoutSecs: this.options.config.approvalTimeoutSecs };
    // The persisted-snapshot shape XState restores from (what `getPersistedSnapshot` gives): restoring it directly
    // is a third cheaper than resolving the state first, which matters for 100,000 runs at start-up.
    type Persisted = Snapshot<undefined> & { value: string; context: RunContext; children: {}; historyValue: {} };
    const snapshot: Persisted = { status: "active", value: saved.machineState, context, children: {},
      historyValue: {}, output: undefined, error: undefined };
    const input = { run: saved.run, at: 0, approvalTimeoutSecs: context.approvalTimeoutSecs }; // unused: the snapshot wins
    this.#adopt(createActor(entry.logic, { parent: this.supervisor, id: saved.run.run_id, snapshot, input }));
  }

  #save(actor: RunActorRef): void {
    const current = stored(actor);
    this.#pending?.runs.set(current.run.run_id, current);
  }

  #afterCommit(record: (metrics: Metrics) => void): void {
    const metrics = this.options.metrics;
    if (metrics !== undefined) this.#pending?.afterCommit.push(() => record(metrics));
  }

  #audit(key: string, content: string): void {
    this.#pending?.audit.push({ key, content });
  }

  /** The engine clock's time, epoch ms. */
  now(): number {
    return this.options.clock.now();
  }

  /** The config the engine runs with. */
  get config(): EngineConfig {
    return this.options.config;
  }

  /** The metrics collector, when one is configured. */
  get metrics(): Metrics | undefined {
    return this.options.metrics;
  }
}

/** A run actor's state as the store keeps it. */
function stored(actor: RunActorRef): StoredRun {
  const snapshot = actor.getSnapshot();
  const context: RunContext = snapshot.context;
  return { run: context.run, machineState: String(snapshot.value), deadlineAt: context.deadlineAt, gate: context.gate,
    escalatedAt: context.escalatedAt };
}
