// A child process for the SIGKILL test: starts runs forever over the state folder given as argv[2], and prints
// `acked {run id}` only once the start is durable, as the daemon answers a caller only after `durable()`.
import { manualClock } from "../../../src/actors/clock.ts";
import { Engine } from "../../../src/actors/engine.ts";
import { defaultEngineConfig } from "../../../src/actors/engine-types.ts";
import { openStateStore } from "../../../src/io/store/state.ts";
import { makeSop, manual, start } from "../../actors/engine-fixture.ts";

const store = openStateStore(process.argv[2] ?? "state");
const engine = new Engine({ sops: [makeSop("a", { executionMode: "supervised", maxConcurrent: 1_000_000 })],
  config: { ...defaultEngineConfig, maxConcurrentTotal: 1_000_000 }, clock: manualClock(start), store });
for (;;) {
  const started = engine.startRun("a", manual);
  if (!started.ok) throw new Error(started.error);
  await store.durable();
  process.stdout.write(`acked ${started.value.runId}\n`);
}
