// hoc/invariant-binding: a business invariant must be bound to an operation name that really dispatches, or it
// never fires and every test stays green (14 of 19 invariants in the original system).
import { editDistance } from "../project/operation-index.js";
import { registrationSite } from "./no-unknown-operation.js";
import { defineCheck } from "./define.js";

/** @typedef {import("../project/project.js").Project} Project */
/** @typedef {import("../project/operation-index.js").OperationIndex} OperationIndex */

export const invariantBinding = defineCheck({
  id: "hoc/invariant-binding",
  description:
    "Every business invariant is bound to an operation that dispatches: a registered operation, an alias target, or a value of a registered handler's method → sub-operation map.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "invariant bindings", unit: "invariants", violationWord: "dead bindings" },
  scope: "project",
  reads: ["operations"],
  messages: {
    neverFires:
      "Invariant {{id}} is bound to `{{name}}`, which nothing dispatches: it is not a registered operation, not the target of an operation alias, and not a value of any registered handler's method → sub-operation map. It never fires, and every test stays green. {{hint}}",
    deadMapEntry:
      "`{{map}}` maps method `{{method}}` to `{{name}}`, but this handler never handles method `{{method}}` (it handles {{handled}}): invariants bound to `{{name}}` can never fire through this entry. Fix the method name to the one the handler dispatches on, or remove the entry.",
  },

  gateChecked(project) {
    return project.registrationIndex().invariants.length;
  },

  check({ file, project, report }) {
    const ops = project.facts(file)?.operations;
    if (!ops || (ops.invariants.length === 0 && ops.subOperationMaps.length === 0)) return 0;
    const index = project.registrationIndex();
    for (const inv of index.byFile.get(file)?.invariants ?? []) {
      if (inv.name === null) continue;
      if (index.registered.has(inv.name) || index.aliasTargets.has(inv.name) || index.subOperationTargets.has(inv.name)) continue;
      report({
        messageId: "neverFires",
        // The hint reads every dispatch of the project: asked only for an invariant that never fires.
        data: { id: inv.fact.id ?? "(no id)", name: inv.name, hint: hintFor(project, project.operationIndex(), inv.name) },
        key: `never-fires|${inv.fact.id ?? ""}|${inv.name}`,
        at: inv.fact,
      });
    }
    for (const m of index.subOperationMaps) {
      if (m.file !== file || !m.handlerRegisters || m.handledMethods.length === 0) continue;
      m.map.entries.forEach((e, i) => {
        if (m.handledMethods.includes(e.method)) return;
        report({
          messageId: "deadMapEntry",
          data: { map: m.map.name, method: e.method, name: m.targets[i] ?? "?", handled: m.handledMethods.map((h) => `\`${h}\``).join(", ") },
          key: `dead-entry|${m.map.name}|${e.method}`,
          at: e,
        });
      });
    }
    return 0;
  },
});

/**
 * Point at the path that really runs: a registered operation of a similar domain, and a dispatch of it whose
 * method mentions the invariant's verb (the seed bug: `integration.disable` vs `integrations.query` with
 * `method: "disable_integration"`).
 * @param {Project} project
 * @param {OperationIndex} index
 * @param {string} name
 */
function hintFor(project, index, name) {
  const domain = index.domainOf(name);
  const verb = name.includes(".") ? name.slice(name.indexOf(".") + 1) : name;
  const related = [...index.registered.values()]
    .filter((o) => o.domain === domain || o.domain.startsWith(domain) || domain.startsWith(o.domain) || editDistance(o.domain, domain) <= 2)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const o of related) {
    const d = o.dispatches.find((x) => x.fact.method && x.fact.method.toLowerCase().includes(verb.toLowerCase()));
    if (d) {
      return `The real path dispatches \`${o.name}\` with method \`${d.fact.method}\` (${project.rel(d.file)}:${d.fact.line}): add \`${d.fact.method}: "${name}"\` to the method → sub-operation map of the handler that registers \`${o.name}\` (${registrationSite(project, index, o.name)}), or bind the invariant to \`${o.name}\`.`;
    }
  }
  if (related.length > 0)
    return `Registered operations of that domain: ${related.map((o) => `\`${o.name}\``).join(", ")}. Bind the invariant to the one that runs, or map a method to \`${name}\` in its handler's method → sub-operation map.`;
  return "Bind it to a registered operation, or add an alias or a method → sub-operation map entry that leads to it.";
}
