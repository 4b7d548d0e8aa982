/** @typedef {import("../audit.js").Report} Report */

/** @param {Report} report */
export function formatJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}
