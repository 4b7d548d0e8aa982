// hoc/tombstone: a retired module dies on schedule. Its header says so (`@tombstone 2027-03-31 <why>` in a
// comment, or `TOMBSTONE: 2027-03-31 <why>`); from then on every import of it is reported at the importer, and
// once its date has passed the module itself is reported: it should be deleted.
import { defineCheck } from "./define.js";

/** Today's date, YYYY-MM-DD in UTC: a tombstone dated today is not past yet. */
function today() {
  return new Date().toISOString().slice(0, 10);
}

export const tombstone = defineCheck({
  id: "hoc/tombstone",
  description: "A module marked retired (`@tombstone YYYY-MM-DD`) has no importers, and is deleted once its date has passed.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "tombstones", unit: "imports", violationWord: "problems" },
  scope: "file",
  reads: [],
  messages: {
    importsRetired:
      "`{{specifier}}` reaches {{target}}, which is retired ({{tombstone}}): a retired module must lose its importers before its date, or it can never be deleted. Import its replacement instead.",
    pastDate:
      "This module was to be deleted by {{date}}{{why}}, and that date has passed: a retired module left in place is dead code someone will start using again. Delete it, after moving its last importers to the replacement.",
    badDate:
      "Tombstone `{{text}}` has no date in the form YYYY-MM-DD: a tombstone without a date retires nothing. Write `@tombstone 2027-03-31 <what replaces it>`.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts) return 0;
    const own = facts.tombstone;
    if (own && own.date === null) report({ messageId: "badDate", data: { text: own.text || "TOMBSTONE" }, key: "bad-date", at: own });
    else if (own?.date && own.date < today())
      report({ messageId: "pastDate", data: { date: own.date, why: own.text ? ` (${own.text})` : "" }, key: "past-date", at: own });
    let checked = 0;
    for (const imp of facts.imports) {
      const direct = project.resolve(file, imp.specifier);
      if (direct.kind !== "file") continue;
      checked++;
      // The module imported, and the modules its names come from through barrels.
      const reached = new Set([direct.file, ...project.providersOfImport(file, imp).flatMap((p) => [p.file, ...p.via])]);
      for (const target of [...reached].sort()) {
        if (target === file) continue;
        const mark = project.tombstoneOf(target);
        if (!mark?.date) continue;
        const rel = project.rel(target);
        report({
          messageId: "importsRetired",
          data: { specifier: imp.specifier, target: rel, tombstone: describe(mark) },
          key: `${imp.specifier}|${rel}`,
          at: imp,
          related: [{ file: rel, line: mark.line, column: mark.column, message: "the tombstone" }],
        });
      }
    }
    return checked;
  },
});

/** @param {import("../types.js").MarkerFact} mark */
function describe(mark) {
  return mark.date ? `to be deleted by ${mark.date}${mark.text ? `: ${mark.text}` : ""}` : mark.text || "no date given";
}
