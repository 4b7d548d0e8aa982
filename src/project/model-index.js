// Every data model of the project in one place: the models read from TypeScript files and from Prisma schemas,
// by name and by table, with the Sequelize associations declared about them. The model rules ask it which
// table is mapped twice, which model a relation or a foreign key points at, and whether an inverse side exists.
import pluralize from "pluralize";

/** @typedef {import("../types.js").ModelFact} ModelFact */
/** @typedef {import("../types.js").AssociationFact} AssociationFact */
/** @typedef {{ model: ModelFact, file: string, document: boolean }} ModelEntry */

/** @param {string} table `public.users`, `"Users"` -> users */
export function tableKey(table) {
  return table.replace(/^.*\./, "").replace(/"/g, "").toLowerCase();
}

export class ModelIndex {
  /**
   * @param {{ file: string, models: ModelFact[], associations: AssociationFact[], document: boolean }[]} sources
   */
  constructor(sources) {
    /** @type {ModelEntry[]} */
    this.entries = [];
    /** @type {{ fact: AssociationFact, file: string }[]} */
    this.associations = [];
    for (const s of sources) {
      for (const model of s.models) this.entries.push({ model, file: s.file, document: s.document });
      for (const fact of s.associations) this.associations.push({ fact, file: s.file });
    }
    /** @type {Map<string, ModelEntry[]>} */
    this.byName = new Map();
    /** @type {Map<string, ModelEntry[]>} explicit table names */
    this.byTable = new Map();
    /** @type {Map<string, ModelEntry[]>} lower-case names, table names and their singulars, for names that mention a model */
    this.byWord = new Map();
    const add = (/** @type {Map<string, ModelEntry[]>} */ map, /** @type {string} */ key, /** @type {ModelEntry} */ e) => {
      const list = map.get(key);
      if (!list) map.set(key, [e]);
      else if (!list.includes(e)) list.push(e);
    };
    for (const e of this.entries) {
      add(this.byName, e.model.name, e);
      for (const alias of e.model.aliases ?? []) add(this.byName, alias, e);
      const words = [e.model.name.toLowerCase(), pluralize.singular(e.model.name.toLowerCase())];
      if (e.model.table?.value) {
        const t = tableKey(e.model.table.value);
        add(this.byTable, t, e);
        words.push(t, pluralize.singular(t), t.replace(/_/g, ""), pluralize.singular(t).replace(/_/g, ""));
      }
      for (const w of words) add(this.byWord, w, e);
    }
  }

  /**
   * The index's entry of a model read from `file` (facts are compared by place, not identity: the editor may hold
   * a fresh copy of the same facts).
   * @param {string} file
   * @param {ModelFact} model
   * @returns {ModelEntry | null}
   */
  entryOf(file, model) {
    return this.entries.find((e) => e.file === file && e.model.name === model.name && e.model.line === model.line && e.model.column === model.column) ?? null;
  }

  /**
   * The model a relation, a foreign key or an association names: by model name (class, variable, Prisma model),
   * else by table name (Sequelize's `references: { model: "users" }`). Null when none or more than one match.
   * @param {string | null} name
   * @returns {ModelEntry | null}
   */
  resolve(name) {
    if (!name) return null;
    const byName = this.byName.get(name);
    if (byName) return byName.length === 1 ? byName[0] : null;
    const byTable = this.byTable.get(tableKey(name));
    return byTable && byTable.length === 1 ? byTable[0] : null;
  }

  /**
   * The model a column's name mentions (`teamId`, `team_id` -> Team), the last resort when nothing declares the
   * foreign key. Null when none or more than one model matches.
   * @param {string} column
   * @returns {ModelEntry | null}
   */
  mentionedBy(column) {
    const m = /^(.+?)(?:Id|_id|ID)$/.exec(column);
    if (!m) return null;
    const stem = m[1].toLowerCase();
    const found = this.byWord.get(stem) ?? this.byWord.get(stem.replace(/_/g, ""));
    return found && found.length === 1 ? found[0] : null;
  }

  /**
   * Does `target` declare its side of a relation back to `source`: a property named `inverse` (when one is named),
   * else a has-many/has-one relation (or association call) to `source`?
   * @param {ModelEntry} target
   * @param {ModelEntry} source
   * @param {string | null} inverse
   */
  declaresInverse(target, source, inverse) {
    if (inverse) return target.model.relations.some((r) => r.property === inverse) || target.model.columns.some((c) => c.name === inverse);
    const back = (/** @type {string | null} */ name) => this.resolve(name) === source;
    if (target.model.relations.some((r) => (r.kind === "has-many" || r.kind === "has-one") && back(r.target))) return true;
    return this.associations.some(
      (a) => (a.fact.kind === "has-many" || a.fact.kind === "has-one") && this.resolve(a.fact.source) === target && back(a.fact.target),
    );
  }
}

/**
 * The project's models, from its TypeScript files and its Prisma schemas.
 * @param {import("./project.js").Project} project
 * @param {string[]} files the files whose facts may declare models (every file, or those screening kept)
 * @returns {ModelIndex}
 */
export function buildModelIndex(project, files) {
  /** @type {ConstructorParameters<typeof ModelIndex>[0]} */
  const sources = [];
  for (const file of files) {
    const facts = project.facts(file);
    if (facts && (facts.models.length > 0 || facts.associations.length > 0))
      sources.push({ file, models: facts.models, associations: facts.associations, document: false });
  }
  for (const doc of project.documents.get("prisma")) sources.push({ file: doc.file, models: doc.models, associations: [], document: true });
  return new ModelIndex(sources);
}
