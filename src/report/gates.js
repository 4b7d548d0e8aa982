// What each gate row is called and counts, and the exit code a report implies.
import { own } from "../own.js";
import { RULES } from "../checks/index.js";

/** @typedef {import("../audit.js").Report} Report */

/** @type {Record<string, { label: string, unit: string, violationWord?: string }>} */
const BUILT_IN = {
  scan: { label: "files scanned", unit: "files", violationWord: "problems" },
  "module-resolution": { label: "module resolution", unit: "relative/aliased imports", violationWord: "unresolved" },
  "known-exceptions": { label: "known exceptions", unit: "recorded", violationWord: "stale" },
};

/**
 * @param {string} gateId
 * @returns {{ label: string, unit: string, violationWord?: string }}
 */
export function gateLabel(gateId) {
  const rule = RULES.get(`hoc/${gateId}`);
  return rule ? rule.gate : (own(BUILT_IN, gateId) ?? { label: gateId, unit: "items" });
}

/**
 * 2: the scan cannot be trusted (too many imports did not resolve); 1: blocking findings or files that could
 * not be checked; 0: clean.
 * @param {Report} report
 */
export function exitCodeOf(report) {
  if (report.summary.gates.some((g) => g.id === "module-resolution" && g.status === "fail")) return 2;
  if (report.summary.gates.some((g) => g.status === "fail")) return 1;
  return 0;
}
