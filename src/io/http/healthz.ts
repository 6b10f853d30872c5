// `GET /healthz` (INTERFACES.md): the gateway answers, so the status is "ok"; the sources report their own state.
// Pure: the daemon supplies the states.
import { json } from "./responses.ts";

/** One source's state: `disabled` when the config does not enable it, `error` with the last error text. */
export type SourceHealth =
  | { readonly status: "disabled" | "starting" | "ok" }
  | { readonly status: "error"; readonly error: string };

/** The sources of `/healthz`; `peripherals` has one entry per configured board, by board name. */
export interface SourcesHealth {
  readonly mqtt: SourceHealth;
  readonly cron: SourceHealth;
  readonly peripherals: Readonly<Record<string, SourceHealth>>;
}

/** `{"status":"ok","sources":{"mqtt":…,"cron":…,"peripherals":…}}`, keys in that order. */
export function healthz(sources: SourcesHealth): Response {
  const { mqtt, cron, peripherals } = sources;
  return json(200, { status: "ok", sources: { mqtt, cron, peripherals } });
}
