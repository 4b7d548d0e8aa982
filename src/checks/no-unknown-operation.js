// hoc/no-unknown-operation: every dispatch names an operation that some handler registers.
import { nameRefText } from "../project/operation-index.js";
import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

export const noUnknownOperation = {
  id: "hoc/no-unknown-operation",
  meta: {
    description: "Every `registry.execute(NAME, …)` dispatches an operation that a handler registers.",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["recommended", "strict"],
    gate: { label: "operation dispatches", unit: "dispatches", violationWord: "unknown" },
    messages: {
      unknown: "Dispatch of `{{name}}`, which no handler registers: at run time the registry answers \"unknown operation\" and the request fails, and no test of the handler can catch it. {{suggestion}}",
      unverifiable: "The dispatched operation `{{text}}` is not a string literal or a const that resolves to one, so nobody can check that it exists. Use a string literal or an exported `const` (an `as const` object member or an enum member works too).",
    },
  },

  /**
   * @param {string} file
   * @param {Project} project
   * @returns {{ findings: RawFinding[], checked: number }}
   */
  checkFile(file, project) {
    /** @type {RawFinding[]} */
    const findings = [];
    const facts = project.facts(file);
    if (!facts || facts.operations.dispatches.length === 0) return { findings, checked: 0 };
    const index = project.operationIndex();
    let checked = 0;
    for (const d of index.byFile.get(file)?.dispatches ?? []) {
      checked++;
      const at = locationOf(d.fact);
      const ref = d.fact.name;
      // A wrapper that forwards its own parameter (`run(op) { registry.execute(op, ctx) }`) is decided by its callers.
      if (ref.kind === "param") continue;
      if (d.name === null) {
        const text = nameRefText(ref);
        findings.push({ ruleId: noUnknownOperation.id, messageId: "unverifiable", severity: "warning", data: { text }, key: `unverifiable|${text}`, ...at });
        continue;
      }
      if (index.registered.has(d.name)) continue;
      const near = index.closest(d.name);
      const suggestion = near
        ? `Did you mean \`${near}\` (registered at ${registrationSite(project, index, near)})?`
        : index.registered.size > 0
          ? "Register it in the handler module of its domain, or dispatch one of the registered operations."
          : "No operation is registered anywhere in this project: check `operations` in hoc.config.json (registerMethods, registryReceivers).";
      findings.push({ ruleId: noUnknownOperation.id, messageId: "unknown", data: { name: d.name, suggestion }, key: `unknown|${d.name}`, ...at });
    }
    return { findings, checked };
  },
};

/**
 * @param {Project} project
 * @param {import("../project/operation-index.js").OperationIndex} index
 * @param {string} name
 */
export function registrationSite(project, index, name) {
  const r = index.registered.get(name)?.registrations[0];
  return r ? `${project.rel(r.file)}:${r.fact.line}` : "?";
}
