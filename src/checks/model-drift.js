// hoc/model-drift: one table, one model, one name. Models are read from what the code declares (an ORM's entity
// decorator or table function, a Prisma model), so a DTO or a class that merely looks like a model is not one.
import { describeLayer } from "./layer-matrix.js";
import { tableDrift } from "./table-naming.js";
import { tableKey } from "../project/model-index.js";
import { defineCheck } from "./define.js";

/** How each ORM names a table, for the fix in the message. */
const NAME_IT = {
  typeorm: '`@Entity("<table>")`',
  "mikro-orm": '`@Entity({ tableName: "<table>" })`',
  "sequelize-typescript": '`@Table({ tableName: "<table>" })`',
  sequelize: '`tableName: "<table>"` in its options',
  drizzle: "the table function's first argument",
  prisma: '`@@map("<table>")`',
};

export const modelDrift = defineCheck({
  id: "hoc/model-drift",
  description:
    "One table, one model, one name: no model without its table name (when required), no table mapped twice, no table name drifting from its model's, no model outside the model layer.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "schema drift", unit: "models", violationWord: "problems" },
  scope: "project",
  reads: ["models", "modelDrift", "layers"],
  documents: "prisma",
  messages: {
    missingTable:
      '{{form}} `{{name}}` does not name its table: the table then follows the class name, and renaming the class renames (or loses) the table. Name it with {{how}} (modelDrift.tableNames is "required").',
    duplicateTable:
      "{{form}} `{{name}}` maps to table `{{table}}`, as `{{other}}` does ({{otherAt}}): two models of one table disagree on its columns, and each writes rows the other misreads. Keep one model per table: remove one, or point it at its own table.",
    drift:
      "{{form}} `{{name}}` maps to table `{{table}}`, but under the {{naming}} convention its table is `{{expected}}`: when model and table names drift apart, every query, migration and incident starts with a lookup. Rename the table to `{{expected}}` or the model to match it, or change modelDrift.naming.",
    outsideModels:
      "{{form}} `{{name}}` is a model declared in {{layer}}: models live in {{modelLayers}}, so that one layer owns the mapping to tables and the rest of the code reaches it through drivers. Move it there.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts || facts.models.length === 0) return 0;
    checkModels(facts.models, file, project, report);
    const { layers } = project.config.models;
    const info = project.layerOf(file);
    const outside = info ? !layers.includes(info.layer.id) : project.inHocTree(file);
    if (outside && layers.length > 0) {
      const where = info ? describeLayer(info) : "the HOC tree outside any layer";
      const names = layers.map((id) => project.config.layerById.get(id)?.name ?? id).join(" or ");
      for (const m of facts.models) {
        report({ messageId: "outsideModels", data: { form: m.form, name: m.name, layer: where, modelLayers: names }, key: `outside|${m.name}`, at: m });
      }
    }
    return facts.models.length;
  },

  checkDocument({ doc, project, report }) {
    checkModels(doc.models, doc.file, project, report);
    return doc.models.length;
  },

  gateNote(project) {
    const computed = project.modelIndex().entries.filter((e) => e.model.table && e.model.table.value === null).length;
    return computed > 0 ? `${computed} with a computed table name, not compared` : null;
  },
});

/** @typedef {"missingTable" | "duplicateTable" | "drift" | "outsideModels"} DriftMessage */

/**
 * @param {import("../types.js").ModelFact[]} models
 * @param {string} file
 * @param {import("../project/project.js").Project} project
 * @param {(r: import("./define.js").Report<DriftMessage>) => void} report
 */
function checkModels(models, file, project, report) {
  const { tableNames, naming, ignoreSuffixes } = project.config.modelDrift;
  const index = project.modelIndex();
  for (const m of models) {
    if (!m.table) {
      if (tableNames === "required")
        report({ messageId: "missingTable", data: { form: m.form, name: m.name, how: NAME_IT[m.orm] }, key: `missing|${m.name}`, at: m });
      continue;
    }
    const table = m.table.value;
    if (table === null) continue;
    const self = index.entryOf(file, m);
    const others = (index.byTable.get(tableKey(table)) ?? []).filter((e) => e !== self);
    if (others.length > 0) {
      const o = others[0];
      const otherAt = `${project.rel(o.file)}:${o.model.line}`;
      report({
        messageId: "duplicateTable",
        data: { form: m.form, name: m.name, table, other: o.model.name, otherAt },
        key: `duplicate|${m.name}|${tableKey(table)}`,
        at: m.table,
        related: others.map((e) => ({
          file: project.rel(e.file),
          line: e.model.line,
          column: e.model.column,
          message: `${e.model.name} maps to ${table} too`,
        })),
      });
    }
    // A model on another's table drifts by construction: the duplicate is the finding.
    const expected = others.length > 0 ? null : tableDrift(m.name, table, naming, ignoreSuffixes);
    if (expected) {
      report({ messageId: "drift", data: { form: m.form, name: m.name, table, naming, expected }, key: `drift|${m.name}|${table}`, at: m.table });
    }
  }
}
