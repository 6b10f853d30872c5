// MQTT topic filters: the validation check (definitions.md §4.2) and the matching walk (fan-in.md §2.4, D11).
// Pure: no IO, no clock.
import type { Parsed } from "./diagnostic.ts";

/**
 * Checks that a filter is well formed and returns its levels: not empty, `#` alone in the last level, `+` alone in
 * its level. The message is the reason only; the validator adds `trigger {k}: invalid MQTT topic filter "{topic}": `.
 */
export function checkTopicFilter(filter: string): Parsed<readonly string[]> {
  if (filter === "") return { ok: false, message: "empty filter", column: 1 };
  const levels = filter.split("/");
  let column = 1; // 1-based column where the current level starts
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level === "#" && i < levels.length - 1) return { ok: false, message: '"#" must be the last level', column };
    const hash = level.indexOf("#");
    if (hash >= 0 && level !== "#") return wholeLevel("#", column + hash);
    const plus = level.indexOf("+");
    if (plus >= 0 && level !== "+") return wholeLevel("+", column + plus);
    column += level.length + 1;
  }
  return { ok: true, value: levels };
}

/**
 * Whether a topic matches a filter, by the walk of fan-in.md §2.4. Levels are split on `/` and empty levels kept;
 * `+` takes one level (empty too), `#` takes the rest, and `a/#` matches `a` (D11). Topics starting with `$` are not
 * special. Malformed filters go through the same walk: a `#` reached while topic levels remain matches at once.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const filterLevels = filter.split("/");
  const topicLevels = topic.split("/");
  const shared = Math.min(filterLevels.length, topicLevels.length);
  for (let i = 0; i < shared; i++) {
    const level = filterLevels[i]!;
    if (level === "#") return true;
    if (level !== "+" && level !== topicLevels[i]) return false;
  }
  // The topic is used up: a lone `#` left in the filter matches it (D11), anything more does not.
  if (filterLevels.length === topicLevels.length + 1) return filterLevels[shared] === "#";
  return filterLevels.length === topicLevels.length;
}

function wholeLevel(wildcard: "#" | "+", column: number): Parsed<never> {
  return { ok: false, message: `"${wildcard}" must occupy a whole level`, column };
}
