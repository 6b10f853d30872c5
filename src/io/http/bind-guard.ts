// The bind guard (fan-in.md §4.8): the gateway does not listen on a public address unless the config says so.
// Pure.
import { publicBindRefused } from "./gateway-texts.ts";

/** The loopback spellings the reference accepts; anything else, `0.0.0.0` and LAN addresses included, is public. */
const loopbackHosts: readonly string[] = ["127.0.0.1", "localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1"];

/** Why the daemon must not bind `host`, or undefined when it may. */
export function bindRefusal(host: string, allowPublicBind: boolean): string | undefined {
  return allowPublicBind || loopbackHosts.includes(host) ? undefined : publicBindRefused(host);
}
