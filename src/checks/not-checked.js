// What both front ends say about a file the rules could not check: too deep to analyse, or a rule that failed on
// it. The rest of the run goes on; the file is named, never silently passed.

/** The message id every ESLint rule of the plugin carries for it. */
export const NOT_CHECKED = "notChecked";

export const NOT_CHECKED_MESSAGE = "eslint-plugin-hoc could not check this file: {{reason}}";

/**
 * One line for an exception a rule threw on one file (a bug of ours, to be reported, not the user's to fix).
 * @param {string} ruleId
 * @param {unknown} e
 */
export function internalErrorReason(ruleId, e) {
  const message = e instanceof Error ? e.message : String(e);
  return `internal error in ${ruleId} (${message.split("\n")[0]}); please report it with this file's shape, and set HOC_DEBUG=1 for the stack`;
}
