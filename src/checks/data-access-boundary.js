// hoc/data-access-boundary: only L6 talks to the database. Elsewhere (L5 engines above all): no queries on a
// database handle or a model, no database handle taken as a parameter or property, no value import of what a
// database package connects with. What is a handle, a model or a row is decided by the project's data index.
import { defineCheck } from "./define.js";
import { vocabulary } from "./vocabulary.js";

/** @typedef {import("../types.js").CompiledClient} CompiledClient */

const WHY =
  "engines hold domain logic over data that drivers fetch; a query here escapes the driver layer, so it cannot be reused, mocked or changed in one place, and the schema leaks into the domain";

export const dataAccessBoundary = defineCheck({
  id: "hoc/data-access-boundary",
  description:
    "Only L6 drivers (and the spine that owns transactions) talk to the database: no queries, database handles or database clients in engines, schemas or the API.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "data access", unit: "files" },
  scope: "file",
  types: "optional",
  reads: ["dataAccess", "database", "layers"],
  messages: {
    query: `\`{{form}}\` runs a query on \`{{receiver}}\` in {{layer}} ({{evidence}}): ${WHY}. Move the query into {{drivers}} of this domain and call it.`,
    handle: `\`{{name}}\` ({{typeText}}) gives {{layer}} a database handle ({{evidence}}): ${WHY}. Take the driver (or the data) instead of the session.`,
    importPackage: `{{layer}} imports {{what}} from the database package \`{{specifier}}\`: ${WHY}. Import it in {{drivers}}; here, \`import type\` at most.`,
  },

  check({ file, project, report }) {
    const entry = project.entry(file);
    if (!entry.facts || !entry.layer || !project.config.dataAccess.layers.includes(entry.layer.layer.id)) return 0;
    const layer = entry.layer.layer.name;
    const db = project.config.database.matchers;
    const index = project.dataIndex();
    for (const imp of entry.facts.imports) {
      if (imp.typeOnly) continue;
      const client = db.clientOf(imp.specifier);
      const what = client ? clientImport(client, imp) : null;
      if (!what) continue;
      report({ messageId: "importPackage", data: { layer, what, specifier: imp.specifier, ...words(project) }, key: `import|${imp.specifier}`, at: imp });
    }
    for (const h of entry.facts.handleDecls) {
      const k = index.kind(file, h.type);
      if (k.role !== "handle") continue;
      report({ messageId: "handle", data: { layer, name: h.name, typeText: h.typeText, evidence: k.why }, key: `handle|${h.name}`, at: h });
    }
    for (const q of entry.facts.queries) {
      const syntactic = index.isQuery(file, q.recv, q.method, q.kind);
      let verdict = syntactic.query ? "db" : "not-db";
      let evidence = syntactic.why;
      // Type information decides where nothing is declared; it never overturns a declaration.
      if (!syntactic.declared && q.kind === "method" && db.candidateMethod(q.method)) {
        const typed = project.types?.verdict(file, q, db);
        if (typed) ({ verdict, evidence } = typed);
      }
      if (verdict !== "db") continue;
      report({ messageId: "query", data: { form: q.form, receiver: q.receiver, layer, evidence, ...words(project) }, key: `query|${q.form}`, at: q });
    }
    return 1;
  },
});

/**
 * What a value import takes from a database client that connects or queries: its handles, factories and model
 * bases (or the whole module). Error classes, operators, enums and row types are no data access.
 * @param {CompiledClient} c
 * @param {import("../types.js").ImportFact} imp
 * @returns {string | null}
 */
function clientImport(c, imp) {
  if (!imp.names) return "the whole client";
  const taken = imp.names
    .filter((n) => !n.typeOnly)
    .map((n) => n.imported)
    .filter((name) => {
      const own = (/** @type {Set<string>} */ set) =>
        set.has(name) || (name === "default" && [...set].some((x) => x === "default" || x.startsWith("default.")));
      return own(c.factories) || own(c.handleValues) || own(c.handleTypes) || own(c.modelBases) || own(c.modelFactories) || own(c.modelTypes);
    });
  if (taken.length === 0) return null;
  return taken.map((n) => (n === "default" ? "the client (default export)" : `\`${n}\``)).join(", ");
}

/** @param {import("../project/project.js").Project} project */
function words(project) {
  return { drivers: vocabulary(project).drivers };
}
