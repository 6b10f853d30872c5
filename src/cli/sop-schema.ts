// `zeroclaw sop schema`: the JSON Schema of SOP.toml for editors (INTERFACES.md).
// Edge: prints.
import { sopTomlSchema } from "../compiler/sop-schema.ts";
import type { Command } from "./command.ts";

/** `sop schema`. */
export const sopSchema: Command = {
  words: ["sop", "schema"],
  summary: "Print the JSON Schema of SOP.toml (for editors such as Taplo)",
  usage: "zeroclaw sop schema",
  details: [],
  spec: { flags: {}, positionals: [], required: 0 },
  run(_args, terminal) {
    terminal.stdout(`${JSON.stringify(sopTomlSchema, null, 2)}\n`);
    return 0;
  },
};
