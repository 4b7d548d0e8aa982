// hoc/no-unknown-operation: every dispatch names an operation that some handler registers.
import { defineCheck } from "./define.js";

/** @typedef {import("../project/project.js").Project} Project */

export const noUnknownOperation = defineCheck({
  id: "hoc/no-unknown-operation",
  description: "Every `registry.execute(NAME, …)` dispatches an operation that a handler registers.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "operation dispatches", unit: "dispatches", violationWord: "unknown" },
  scope: "project",
  reads: ["operations"],
  messages: {
    unknown:
      'Dispatch of `{{name}}`, which no handler registers: at run time the registry answers "unknown operation" and the request fails, and no test of the handler can catch it. {{suggestion}}',
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts || facts.operations.dispatches.length === 0) return 0;
    const index = project.registrationIndex();
    let checked = 0;
    for (const d of index.byFile.get(file)?.dispatches ?? []) {
      checked++;
      if (d.fact.name.kind === "param" || d.name === null || index.registered.has(d.name)) continue;
      const near = index.closest(d.name);
      const suggestion = near
        ? `Did you mean \`${near}\` (registered at ${registrationSite(project, index, near)})?`
        : index.registered.size > 0
          ? "Register it in the handler module of its domain, or dispatch one of the registered operations."
          : "No operation is registered anywhere in this project: check `operations` in hoc.config.json (registerMethods, registryReceivers).";
      report({ messageId: "unknown", data: { name: d.name, suggestion }, key: `unknown|${d.name}`, at: d.fact });
    }
    return checked;
  },
});

/**
 * @param {Project} project
 * @param {import("../project/operation-index.js").OperationIndex} index
 * @param {string} name
 */
export function registrationSite(project, index, name) {
  const r = index.registered.get(name)?.registrations[0];
  return r ? `${project.rel(r.file)}:${r.fact.line}` : "?";
}
