// Vocabulary lists in hoc.config.json either replace a default (`["a", "b"]`) or change it
// (`{ "extend": ["c"], "remove": ["a"] }`), so adding one name never means retyping defaults the user cannot see.
import { ConfigError } from "./config-error.js";

/**
 * @param {string[]} defaults
 * @param {import("../types.js").NameList | undefined} value
 * @param {string} where e.g. "hoc.config.json: database.receiverNames", for the error
 * @returns {string[]}
 */
export function mergeList(defaults, value, where) {
  if (value === undefined) return defaults;
  if (Array.isArray(value)) return value;
  for (const r of value.remove ?? []) {
    // A removal that matches nothing is a typo or a default that changed: say so, like a stale exception.
    if (!defaults.includes(r))
      throw new ConfigError(
        `${where}: remove names "${r}", which is not in the default list; fix the name or drop it (see --print-config for the lists in force)`,
      );
  }
  const removed = new Set(value.remove ?? []);
  return [...defaults.filter((d) => !removed.has(d)), ...(value.extend ?? []).filter((e) => !defaults.includes(e) || removed.has(e))];
}
