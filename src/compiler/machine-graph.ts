// The run machine drawn as Mermaid `stateDiagram-v2` or Graphviz DOT (`zeroclaw sop graph`, INTERFACES.md).
// Pure: both are rendered from the same compiled config, so the picture is the machine that runs.
import type { RunMachineConfig } from "./run-machine.ts";

/** One edge with every event that takes it, in the order the machine lists them. */
interface Edge {
  readonly from: string;
  readonly to: string;
  readonly events: readonly string[];
}

/** The machine as a Mermaid state diagram. */
export function renderMermaid(machine: RunMachineConfig): string {
  const lines = ["stateDiagram-v2", `  %% ${machine.description}`];
  for (const [name, state] of Object.entries(machine.states)) {
    lines.push(`  state "${mermaidText(state.description)}" as ${name}`);
  }
  lines.push(`  [*] --> ${machine.initial}`);
  for (const edge of edges(machine)) lines.push(`  ${edge.from} --> ${edge.to}: ${edge.events.join(" / ")}`);
  for (const [name, state] of Object.entries(machine.states)) if (state.type === "final") lines.push(`  ${name} --> [*]`);
  return `${lines.join("\n")}\n`;
}

/** The machine as a Graphviz digraph. */
export function renderDot(machine: RunMachineConfig): string {
  const lines = [`digraph ${dotString(machine.id)} {`, "  rankdir=TB;", '  node [shape=box, style=rounded];',
    '  __start [shape=point, label=""];'];
  for (const [name, state] of Object.entries(machine.states)) {
    const shape = state.type === "final" ? ", shape=doublecircle" : state.meta.gate === undefined ? "" : ", shape=diamond";
    lines.push(`  ${dotString(name)} [label=${dotString(state.description)}${shape}];`);
  }
  lines.push(`  __start -> ${dotString(machine.initial)};`);
  for (const edge of edges(machine)) {
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.events.join(" / "))}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function edges(machine: RunMachineConfig): Edge[] {
  const found: { from: string; to: string; events: string[] }[] = [];
  for (const [from, state] of Object.entries(machine.states)) {
    for (const [event, transition] of Object.entries(state.on ?? {})) {
      if (transition.target === undefined) continue; // internal events (escalation) change no state
      const existing = found.find((e) => e.from === from && e.to === transition.target);
      if (existing === undefined) found.push({ from, to: transition.target, events: [event] });
      else existing.events.push(event);
    }
  }
  return found;
}

/** Mermaid has no escape for `"` inside a state label, and `:`/`;` end statements there. */
function mermaidText(text: string): string {
  return text.replace(/["\n\r;]/g, (c) => (c === '"' ? "'" : c === ";" ? "," : " ")).replace(/#/g, "#35;");
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}
