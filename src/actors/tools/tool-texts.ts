// The SOP tools' output and error texts, byte for byte as engine.md §9 gives them ("—" is U+2014).
// Pure templates; the suites in test/actors/tools/ pin every one.
import type { Run } from "../run-record.ts";

// ---- sop_execute (engine.md §9.1, exact) ----

/** ExecuteStep after a manual start. */
export function runStarted(runId: string, context: string): string {
  return `SOP run started: ${runId}\n\n${context}`;
}

/** WaitApproval after a manual start. */
export function runStartedWaiting(runId: string, context: string): string {
  return `SOP run started: ${runId} (waiting for approval)\n\n${context}`;
}

/** A start answered Completed (cannot occur: a SOP without steps never starts). */
export function completedImmediately(sopName: string, runId: string): string {
  return `SOP '${sopName}' run ${runId} completed immediately (no steps).`;
}

/** A start answered Failed (cannot occur). */
export function runFailed(runId: string, reason: string): string {
  return `SOP run ${runId} failed: ${reason}`;
}

/** The returned error of a refused start. */
export function startFailed(engineMessage: string): string {
  return `Failed to start SOP: ${engineMessage}`;
}

// ---- sop_status (engine.md §9.2, exact) ----

/** Run mode, run found; `Escalated:` only for a marked wait (Resolved detail 2), the results part only if any. */
export function runDetail(run: Run, escalatedAt: string | null): string {
  let text = `Run: ${run.run_id}\nSOP: ${run.sop_name}\nStatus: ${run.status}\n`;
  text += `Step: ${run.current_step} of ${run.total_steps}\nStarted: ${run.started_at}\n`;
  if (escalatedAt !== null) text += `Escalated: ${escalatedAt}\n`;
  if (run.completed_at !== null) text += `Completed: ${run.completed_at}\n`;
  if (run.step_results.length === 0) return text;
  text += "\nStep results:\n";
  for (const result of run.step_results) {
    text += `  Step ${result.step_number}: ${result.status} — ${result.output}\n`;
  }
  return text;
}

/** Run mode, run unknown; no trailing newline. */
export function noRunFound(runId: string): string {
  return `No run found with ID '${runId}'.`;
}

/** List mode, no active runs (optionally of one SOP). */
export function noActiveRuns(sopName?: string): string {
  return sopName === undefined ? "No active runs.\n" : `No active runs for '${sopName}'.\n`;
}

/** List mode, the active-runs header. */
export function activeRunsHeader(count: number): string {
  return `Active runs (${count}):\n`;
}

/** List mode, one active run. */
export function activeRunLine(run: RunLineFields): string {
  return `  ${run.run_id} — ${run.sop_name} [${run.status}] step ${run.current_step}/${run.total_steps}\n`;
}

/** List mode, the finished-runs header with the full count. */
export function finishedRunsHeader(total: number): string {
  return `\nFinished runs (${total}):\n`;
}

/** List mode, one finished run; `?` when it has no `completed_at`. */
export function finishedRunLine(run: RunLineFields): string {
  return `  ${run.run_id} — ${run.sop_name} [${run.status}] (${run.completed_at ?? "?"})\n`;
}

/** The gate-status part, in list mode or for a found run. */
export const gateStatus = "\nGate Status: not available (ampersona-gates feature not enabled)\n";

/** The fields of a run the status lines print. */
export interface RunLineFields {
  readonly run_id: string;
  readonly sop_name: string;
  readonly status: string;
  readonly current_step: number;
  readonly total_steps: number;
  readonly completed_at: string | null;
}

// ---- sop_approve (engine.md §9.3, exact) ----

/** A successful approval with the step context. */
export function approved(runId: string, context: string): string {
  return `Approved. Proceeding with run ${runId}.\n\n${context}`;
}

/** The returned error of a refused approval. */
export function approvalFailed(engineMessage: string): string {
  return `Approval failed: ${engineMessage}`;
}

// ---- sop_advance (engine.md §9.4, exact) ----

/** The returned error for a status other than completed, failed or skipped. */
export function invalidStatus(status: string): string {
  return `Invalid status '${status}'. Must be: completed, failed, or skipped`;
}

/** The thrown error when the run is neither active nor finished. */
export function runNotFound(runId: string): string {
  return `Run not found: ${runId}`;
}

/** The returned error of a refused advance. */
export function advanceFailed(engineMessage: string): string {
  return `Failed to advance step: ${engineMessage}`;
}

/** ExecuteStep after an advance. */
export function stepRecorded(runId: string, context: string): string {
  return `Step recorded. Next step for run ${runId}:\n\n${context}`;
}

/** WaitApproval after an advance. */
export function stepRecordedWaiting(runId: string, context: string): string {
  return `Step recorded. Next step for run ${runId} (waiting for approval):\n\n${context}`;
}

/** Completed after an advance. */
export function sopCompleted(sopName: string, runId: string): string {
  return `SOP '${sopName}' run ${runId} completed successfully.`;
}

/** Failed after an advance (still `success: true`). */
export function sopFailed(sopName: string, runId: string, reason: string): string {
  return `SOP '${sopName}' run ${runId} failed: ${reason}`;
}

// ---- sop_list (engine.md §9.5, exact) ----

/** No SOPs loaded, whatever the filter. */
export const noSopsLoaded = "No SOPs loaded.";

/** Nothing matched; the filter as given (original case). */
export function noSopsMatch(filter: string): string {
  return `No SOPs match filter '${filter}'.`;
}

/** The list header. */
export function sopListHeader(total: number, shown: number): string {
  return `Loaded SOPs (${total} total, ${shown} shown):\n\n`;
}

/** One SOP line; always "steps", and ` (active runs: k)` only when k > 0. */
export function sopListLine(sop: SopLineFields): string {
  const suffix = sop.activeRuns > 0 ? ` (active runs: ${sop.activeRuns})` : "";
  const triggers = `${sop.triggers.length} trigger(s): ${sop.triggers.join(", ")}`;
  return `- **${sop.name}** [${sop.priority}] — ${sop.stepCount} steps, ${triggers}${suffix}\n`;
}

/** The fields of a SOP the list line prints; `triggers` are display forms (definitions.md §2.4). */
export interface SopLineFields {
  readonly name: string;
  readonly priority: string;
  readonly stepCount: number;
  readonly triggers: readonly string[];
  readonly activeRuns: number;
}

// ---- sop_cancel (engine.md §9.6, Resolved detail 5) ----

/** A successful cancellation. */
export function cancelled(runId: string): string {
  return `SOP run ${runId} cancelled.`;
}

/** The returned error of a refused cancellation. */
export function cancelFailed(engineMessage: string): string {
  return `Cancel failed: ${engineMessage}`;
}
