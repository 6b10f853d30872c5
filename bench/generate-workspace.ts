// Writes a workspace of N generated SOPs for the benchmarks: MQTT triggers with wildcards and conditions.
// Deterministic: the same N gives the same files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The MQTT trigger of generated SOP number i: a mix of literal, `+` and `#` filters, half with conditions. */
export function generatedTrigger(i: number): { topic: string; condition?: string } {
  const site = `site${i % 50}`;
  const topic = [`${site}/line${i}/temp`, `${site}/+/pressure${i}`, `${site}/device${i}/#`, `fleet/+/unit${i}/+`][i % 4] ?? "";
  return i % 2 === 0 ? { topic, condition: `$.value > ${50 + (i % 40)}` } : { topic };
}

/** Writes `count` SOP folders under `<root>/sops` and returns the workspace root. */
export function generateWorkspace(root: string, count: number): string {
  for (let i = 0; i < count; i++) {
    const dir = join(root, "sops", `sop-${String(i).padStart(4, "0")}`);
    mkdirSync(dir, { recursive: true });
    const trigger = generatedTrigger(i);
    const condition = trigger.condition === undefined ? "" : `condition = ${JSON.stringify(trigger.condition)}\n`;
    writeFileSync(join(dir, "SOP.toml"), `[sop]\nname = "sop-${i}"\ndescription = "Generated SOP ${i}"\n` +
      `version = "1.0.0"\npriority = "normal"\n\n[[triggers]]\ntype = "mqtt"\ntopic = "${trigger.topic}"\n${condition}\n` +
      `[[triggers]]\ntype = "cron"\nexpression = "*/5 * * * *"\n\n[[triggers]]\ntype = "webhook"\npath = "/sop/g${i}"\n`);
    writeFileSync(join(dir, "SOP.md"), `# Generated ${i}\n\n## Steps\n\n1. **Check** — Look at the reading.\n` +
      "   - tools: http_request\n\n2. **Act** — Do the thing.\n   - tools: shell\n   - requires_confirmation: true\n");
  }
  return root;
}
