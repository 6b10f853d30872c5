// The client key that rate limits and the pairing lockout count by (fan-in.md §4.7): an IP address in canonical
// form, from the peer or, when trusted, from the forwarding headers. Pure: no IO.
import { isIPv4, isIPv6 } from "node:net";

/** The key of one request; `peer` is the remote address as the runtime gave it. */
export function clientKey(headers: Headers, peer: string, trustForwarded: boolean): string {
  if (trustForwarded) {
    for (const candidate of (headers.get("x-forwarded-for") ?? "").split(",")) {
      const ip = parseAddress(candidate);
      if (ip !== undefined) return ip;
    }
    const real = parseAddress(headers.get("x-real-ip") ?? "");
    if (real !== undefined) return real;
  }
  let key = peerKeys.get(peer);
  if (key === undefined) {
    if (peerKeys.size >= maxRememberedPeers) peerKeys.clear();
    key = canonicalIp(peer) ?? "unknown";
    peerKeys.set(peer, key);
  }
  return key;
}

// A daemon sees few distinct peers, and canonicalising one (node:net checks, a URL parse for IPv6) cost a fifth of
// an unmatched webhook's time; bounded, so many peers cannot grow it.
const peerKeys = new Map<string, string>();
const maxRememberedPeers = 4096;

/**
 * An address as proxies write it: `ip`, `ip:port`, `[v6]:port` or `[v6]`, trimmed and without surrounding `"`;
 * the canonical IP, or undefined when it is none of these.
 */
export function parseAddress(text: string): string | undefined {
  const candidate = text.trim().replace(/^"+|"+$/g, "");
  const plain = canonicalIp(candidate);
  if (plain !== undefined) return plain;
  if (candidate.startsWith("[")) {
    const close = candidate.indexOf("]");
    const rest = candidate.slice(close + 1);
    if (close < 0 || (rest !== "" && !(rest.startsWith(":") && isPort(rest.slice(1))))) return undefined;
    const inner = candidate.slice(1, close);
    return isIPv6(inner) ? canonicalIp(inner) : undefined;
  }
  const colon = candidate.lastIndexOf(":");
  const host = candidate.slice(0, colon);
  return colon > 0 && isIPv4(host) && isPort(candidate.slice(colon + 1)) ? host : undefined;
}

/** IPv4 as is (node:net rejects leading zeros); IPv6 compressed and lowercase, IPv4-mapped ones dotted. */
export function canonicalIp(text: string): string | undefined {
  if (isIPv4(text)) return text;
  if (!isIPv6(text) || text.includes("%")) return undefined; // a zone id is not an address
  const compressed = compressIPv6(text);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (mapped === null) return compressed;
  const high = Number.parseInt(mapped[1] as string, 16);
  const low = Number.parseInt(mapped[2] as string, 16);
  return `::ffff:${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * RFC 5952 text of an address `isIPv6` accepted: lowercase, no leading zeros, the first longest run of two or more
 * zero groups as `::`, an embedded IPv4 address as two groups. Written out rather than taken from the WHATWG URL
 * serialiser, which Bun 1.4's `URL` throws on for some valid addresses (`5c:e8:32:29af::166.155.158.224`), and a
 * forwarded header must never make a request fail (issue #8).
 */
function compressIPv6(text: string): string {
  const lastColon = text.lastIndexOf(":");
  let hex = text.toLowerCase();
  if (text.includes(".")) {
    const [a = 0, b = 0, c = 0, d = 0] = text.slice(lastColon + 1).split(".").map(Number);
    hex = `${hex.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left = "", right] = hex.split("::");
  const head = left === "" ? [] : left.split(":");
  const tail = right === undefined || right === "" ? [] : right.split(":");
  const zeros = right === undefined ? [] : Array.from({ length: 8 - head.length - tail.length }, () => "0");
  const groups = [...head, ...zeros, ...tail].map((group) => Number.parseInt(group, 16).toString(16));
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; i++) {
    let end = i;
    while (groups[end] === "0") end++;
    if (end - i > bestLength) [best, bestLength] = [i, end - i];
    i = Math.max(i, end);
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLength).join(":")}`;
}

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535;
}
