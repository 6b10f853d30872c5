// The SOP model: what SOP.toml and SOP.md compile into (definitions.md §2, §3).
// Pure types and enum spellings; no IO.

/** Priority spellings, lowest first (definitions.md §2.3). */
export const priorities = ["low", "normal", "high", "critical"] as const;
export type Priority = (typeof priorities)[number];

/** Execution mode spellings (definitions.md §2.3). */
export const executionModes = ["auto", "supervised", "step_by_step", "priority_based"] as const;
export type ExecutionMode = (typeof executionModes)[number];

/** Trigger types in the order the D1 error text lists them. */
export const triggerTypes = ["manual", "webhook", "mqtt", "cron", "peripheral"] as const;
export type TriggerSource = (typeof triggerTypes)[number];

/** A trigger as written in SOP.toml; extension keys (`condition` on webhooks, `timezone`) are optional. */
export type Trigger =
  | { readonly type: "manual" }
  | { readonly type: "webhook"; readonly path: string; readonly condition?: string }
  | { readonly type: "mqtt"; readonly topic: string; readonly condition?: string }
  | { readonly type: "cron"; readonly expression: string; readonly timezone?: string }
  | { readonly type: "peripheral"; readonly board: string; readonly signal: string; readonly condition?: string };

/** One step of SOP.md; `number` is the number written in the list marker (DECISIONS D2). */
export interface Step {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly suggestedTools: readonly string[];
  readonly requiresConfirmation: boolean;
}

/** A loaded SOP. `location` is the SOP folder as joined from `sops_dir`, not canonicalised. */
export interface Sop {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly priority: Priority;
  readonly executionMode: ExecutionMode;
  /** Seconds; TOML allows up to 2^64−1, held as a double (exact up to 2^53, which is 285 million years). */
  readonly cooldownSecs: number;
  readonly maxConcurrent: number;
  /** D8 extension: maximum queued starts; undefined when SOP.toml does not set it (JSON omits it then). */
  readonly queue?: number;
  readonly triggers: readonly Trigger[];
  readonly steps: readonly Step[];
  readonly location: string;
}

/** The display form of a trigger, as `sop list`, `sop show` and `sop_list` print it (definitions.md §2.4). */
export function renderTrigger(trigger: Trigger): string {
  switch (trigger.type) {
    case "manual":
      return "manual";
    case "webhook":
      return `webhook:${trigger.path}`;
    case "mqtt":
      return `mqtt:${trigger.topic}`;
    case "cron":
      return `cron:${trigger.expression}`;
    case "peripheral":
      return `peripheral:${trigger.board}/${trigger.signal}`;
  }
}
