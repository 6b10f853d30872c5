// The engine's error and reason texts, byte for byte as the reference writes them (engine.md §2.2, §4.1, §5.1).
// Pure. Tool texts wrap these at the edge (tools/*.ts); `SOP not found` is shared with the CLI (compiler/texts.ts).

/** engine.md §2.2 (exact): cooldown and both limits share one text. */
export function cannotStart(name: string): string {
  return `Cannot start SOP '${name}': cooldown or concurrency limit reached`;
}

/** engine.md §2.2 (exact). */
export function noSteps(name: string): string {
  return `SOP '${name}' has no steps defined`;
}

/** engine.md §4.1, §5.1, §5.2 (exact). */
export function activeRunNotFound(runId: string): string {
  return `Active run not found: ${runId}`;
}

/** engine.md §4.1 (exact). */
export function notWaiting(runId: string, status: string): string {
  return `Run ${runId} is not waiting for approval (status: ${status})`;
}

/** engine.md §5.1 (exact; D14). */
export function waitingForApproval(runId: string, step: number): string {
  return `Run ${runId} is waiting for approval (step ${step})`;
}

/** engine.md §4.1, §5.1 (exact). */
export function noLongerLoaded(name: string): string {
  return `SOP '${name}' no longer loaded`;
}

/** engine.md §5.1 (exact): the reason of a failed run. */
export function stepFailed(stepNumber: number, output: string): string {
  return `Step ${stepNumber} failed: ${output}`;
}
