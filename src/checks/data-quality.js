// hoc/data-quality: columns say what they mean. A foreign key is not nullable unless the config says why, a
// relation that names its inverse side finds it declared, and a column holding a state is not a plain string.
import { defineCheck } from "./define.js";

/** @typedef {"nullableForeignKey" | "inverseMissing" | "belongsToOneWay" | "plainStatus"} QualityMessage */

const ORM_NAMES = {
  typeorm: "TypeORM",
  "mikro-orm": "MikroORM",
  sequelize: "Sequelize",
  "sequelize-typescript": "sequelize-typescript",
  drizzle: "Drizzle",
  prisma: "Prisma",
};

export const dataQuality = defineCheck({
  id: "hoc/data-quality",
  description:
    "Columns say what they mean: no nullable foreign key without a reason, no relation whose named inverse side is missing, no state column typed as a plain string.",
  severity: "warning",
  presets: ["recommended", "strict"],
  gate: { label: "data quality", unit: "models", violationWord: "problems" },
  scope: "project",
  reads: ["models", "dataQuality"],
  documents: "prisma",
  messages: {
    nullableForeignKey:
      "Foreign key `{{model}}.{{column}}` (to `{{target}}`) is declared nullable ({{how}}): a row can then point at no {{target}}, and every reader has to handle the orphan. Declare it required, or list it in dataQuality.nullableForeignKeys with the reason it may be empty.",
    inverseMissing:
      "`{{model}}.{{property}}` names `{{target}}.{{inverse}}` as its inverse side, but `{{target}}` declares no `{{inverse}}`: {{orm}} maps a relation from both sides, and a missing side fails when the metadata is built or loads nothing. Declare `{{inverse}}` on `{{target}}`, or drop the inverse from this relation.",
    belongsToOneWay:
      "`{{model}}` belongs to `{{target}}`, but `{{target}}` declares no hasMany or hasOne of `{{model}}`: the association can be followed one way only, and an include from `{{target}}` cannot reach it. Declare `{{target}}.hasMany({{model}})` (or hasOne) next to it.",
    plainStatus:
      "`{{model}}.{{column}}` holds a state but is declared as a plain string ({{how}}): any string is stored, and a typo becomes a state nobody handles. Declare it as an enum (or a union of literals) of the states it can be in.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    // A file that declares no model and no association has nothing to check: the project's model index (every
    // file screened, the model files parsed) is not built for it. In `eslint .` most files are such files.
    if (!facts || facts.models.length + facts.associations.length === 0) return 0;
    checkModels(facts.models, file, project, report);
    checkAssociations(facts.associations, project, report);
    return facts.models.length;
  },

  checkDocument({ doc, project, report }) {
    checkModels(doc.models, doc.file, project, report);
    return doc.models.length;
  },
});

/**
 * @param {import("../types.js").ModelFact[]} models
 * @param {string} file
 * @param {import("../project/project.js").Project} project
 * @param {(r: import("./define.js").Report<QualityMessage>) => void} report
 */
function checkModels(models, file, project, report) {
  const index = project.modelIndex();
  const { statusColumn } = project.config.dataQuality;
  for (const m of models) {
    const self = index.entryOf(file, m);
    if (!self) continue;
    // Foreign keys: declared as such (`@ForeignKey`, `.references()`, a relation's join column or `fields`), or,
    // as the last resort, a `*Id` / `*_id` column whose name mentions exactly one model.
    const fkColumns = new Set();
    for (const c of m.columns) {
      const rel = m.relations.find((r) => r.foreignKey === c.name || (!r.foreignKey && (c.name === `${r.property}Id` || c.name === `${r.property}_id`)));
      const named = c.references ?? rel?.target ?? index.mentionedBy(c.name)?.model.name ?? null;
      if (!named || (rel && !isOwning(rel.kind) && !c.references)) continue;
      const target = index.resolve(named)?.model.name ?? named;
      fkColumns.add(c.name);
      if (c.nullable) {
        report({
          messageId: "nullableForeignKey",
          data: { model: m.name, column: c.name, target, how: c.nullable },
          key: `nullable|${m.name}|${c.name}`,
          at: c,
        });
      }
    }
    for (const r of m.relations) {
      // An owning relation whose join column is not declared as a column of its own is the foreign key.
      const fk = r.foreignKey ?? `${r.property}Id`;
      if (r.nullable && isOwning(r.kind) && !fkColumns.has(fk) && !fkColumns.has(`${r.property}_id`)) {
        report({
          messageId: "nullableForeignKey",
          data: { model: m.name, column: r.property, target: r.target ?? "its target", how: r.nullable },
          key: `nullable|${m.name}|${r.property}`,
          at: r,
        });
      }
      const target = index.resolve(r.target);
      if (!target || target.model.orm !== m.orm) continue;
      if (r.inverse && !index.declaresInverse(target, self, r.inverse)) {
        report({
          messageId: "inverseMissing",
          data: { model: m.name, property: r.property, target: target.model.name, inverse: r.inverse, orm: ORM_NAMES[m.orm] },
          key: `inverse|${m.name}|${r.property}`,
          at: r,
          related: [{ file: project.rel(target.file), line: target.model.line, column: target.model.column, message: `${target.model.name} is declared here` }],
        });
      } else if (r.kind === "belongs-to" && !index.declaresInverse(target, self, null)) {
        report({ messageId: "belongsToOneWay", data: { model: m.name, target: target.model.name }, key: `one-way|${m.name}|${r.property}`, at: r });
      } else if (m.orm === "prisma" && !index.declaresInverse(target, self, null) && !target.model.relations.some((x) => index.resolve(x.target) === self)) {
        report({
          messageId: "inverseMissing",
          data: { model: m.name, property: r.property, target: target.model.name, inverse: `${m.name} field`, orm: ORM_NAMES.prisma },
          key: `inverse|${m.name}|${r.property}`,
          at: r,
        });
      }
    }
    for (const c of m.columns) {
      if (c.plainString && statusColumn(c.name)) {
        report({ messageId: "plainStatus", data: { model: m.name, column: c.name, how: c.plainString }, key: `status|${m.name}|${c.name}`, at: c });
      }
    }
  }
}

/**
 * Sequelize's `Post.belongsTo(User)`: `User` must declare its side (`User.hasMany(Post)` or a @HasMany).
 * @param {import("../types.js").AssociationFact[]} associations
 * @param {import("../project/project.js").Project} project
 * @param {(r: import("./define.js").Report<QualityMessage>) => void} report
 */
function checkAssociations(associations, project, report) {
  const index = project.modelIndex();
  for (const a of associations) {
    if (a.kind !== "belongs-to") continue;
    const source = index.resolve(a.source);
    const target = index.resolve(a.target);
    if (!source || !target) continue;
    if (!index.declaresInverse(target, source, null)) {
      report({
        messageId: "belongsToOneWay",
        data: { model: source.model.name, target: target.model.name },
        key: `one-way|${source.model.name}|${target.model.name}`,
        at: a,
      });
    }
  }
}

/** @param {import("../types.js").RelationFact["kind"]} kind the side that holds the foreign key */
function isOwning(kind) {
  return kind === "many-to-one" || kind === "one-to-one" || kind === "belongs-to";
}
