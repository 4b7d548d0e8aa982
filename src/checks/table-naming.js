// The naming convention that ties a model's name to its table's (hoc/model-drift), as pure functions.
import pluralize from "pluralize";

/**
 * `UserAccount` -> `user_account`, `HTTPRequestLog` -> `http_request_log`, `userAccounts` -> `user_accounts`.
 * @param {string} name
 */
export function snakeCase(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[-\s]+/g, "_")
    .toLowerCase();
}

/**
 * The table names a model's name allows under a convention, the preferred one first (the model's name without an
 * ignored suffix, when it has one). Empty: the convention is off.
 * @param {string} name
 * @param {import("../types.js").TableNaming} naming
 * @param {string[]} ignoreSuffixes
 * @returns {string[]}
 */
export function expectedTables(name, naming, ignoreSuffixes) {
  if (naming === "off") return [];
  const stems = [name];
  const suffix = ignoreSuffixes.find((s) => name.length > s.length && name.endsWith(s));
  if (suffix) stems.unshift(name.slice(0, -suffix.length));
  return stems.map((stem) => {
    if (naming === "pascal") return stem[0].toUpperCase() + stem.slice(1);
    if (naming === "pascal_plural") return pluralize.plural(stem[0].toUpperCase() + stem.slice(1));
    const snake = snakeCase(stem);
    if (naming === "snake") return snake;
    const parts = snake.split("_");
    parts[parts.length - 1] = pluralize.plural(parts[parts.length - 1]);
    return parts.join("_");
  });
}

/**
 * The table a model should map to when its table drifts from its name, else null.
 * @param {string} name the model's name
 * @param {string} table its table (schema prefix and quotes ignored, any case)
 * @param {import("../types.js").TableNaming} naming
 * @param {string[]} ignoreSuffixes
 * @returns {string | null}
 */
export function tableDrift(name, table, naming, ignoreSuffixes) {
  const expected = expectedTables(name, naming, ignoreSuffixes);
  if (expected.length === 0) return null;
  const actual = table.replace(/^.*\./, "").replace(/"/g, "");
  // PascalCase conventions are compared as written; snake_case ones in any case.
  if (naming === "pascal" || naming === "pascal_plural") return expected.includes(actual) ? null : expected[0];
  const lower = actual.toLowerCase();
  if (expected.includes(lower)) return null;
  // A one-letter word may join the next (`OAuthClient`: `oauth_clients` as well as `o_auth_clients`); any other
  // split is the convention's (`ApiKey` is `api_keys`, not `apikeys`).
  const joined = (/** @type {string} */ e) => e.replace(/(^|_)([a-z0-9])_/g, "$1$2");
  if (expected.some((e) => joined(e) === lower)) return null;
  return expected[0];
}
