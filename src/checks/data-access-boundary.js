// hoc/data-access-boundary: only L6 talks to the database. Elsewhere (L5 engines above all): no queries on a
// database handle, no database handle taken as a parameter or property, no value import of a database package.
import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

const WHY = "engines hold domain logic over data that drivers fetch; a query here escapes the driver layer, so it cannot be reused, mocked or changed in one place, and the schema leaks into the domain";

export const dataAccessBoundary = {
  id: "hoc/data-access-boundary",
  meta: {
    description: "Only L6 drivers (and the spine that owns transactions) talk to the database: no queries, database handles or database-package imports in engines, schemas or the API.",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["recommended", "strict"],
    gate: { label: "data access", unit: "files" },
    messages: {
      query: `\`{{form}}\` runs a query on \`{{receiver}}\` in {{layer}} ({{evidence}}): ${WHY}. Move the query into an L6 driver of this domain and call the driver.`,
      handle: `\`{{name}}\` ({{typeText}}) gives {{layer}} a database handle: ${WHY}. Take the driver (or the data) instead of the session.`,
      importPackage: `{{layer}} imports the database package \`{{specifier}}\`: ${WHY}. Import it in an L6 driver; here, \`import type\` at most.`,
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
    const entry = project.entry(file);
    if (!entry.facts || !entry.layer || !project.config.dataAccess.layers.includes(entry.layer.layer.id)) return { findings, checked: 0 };
    const layer = entry.layer.layer.name;
    const m = project.config.transactions.matchers;
    for (const imp of entry.facts.imports) {
      if (imp.typeOnly || !m.dbPackage(imp.specifier)) continue;
      findings.push({ ruleId: dataAccessBoundary.id, messageId: "importPackage", data: { layer, specifier: imp.specifier }, key: `import|${imp.specifier}`, ...locationOf(imp) });
    }
    for (const h of entry.facts.dbHandles) {
      findings.push({ ruleId: dataAccessBoundary.id, messageId: "handle", data: { layer, name: h.name, typeText: h.typeText }, key: `handle|${h.name}`, ...locationOf(h) });
    }
    for (const call of entry.facts.dbCalls) {
      const verdict = project.types?.verdict(file, call, m) ?? { verdict: call.verdict, evidence: call.evidence };
      if (verdict.verdict !== "db") continue;
      findings.push({
        ruleId: dataAccessBoundary.id,
        messageId: "query",
        data: { form: call.form, receiver: call.receiver, layer, evidence: verdict.evidence },
        key: `query|${call.form}`,
        ...locationOf(call),
      });
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    return { findings, checked: 1 };
  },
};
