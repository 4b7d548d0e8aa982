// hoc/banned-imports: modules the project has abolished or frozen (each with its own message), and
// quarantined folders (`_frozen/`) imported from outside them.

import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

export const bannedImports = {
  id: "hoc/banned-imports",
  meta: {
    description: "No imports of modules the project has abolished or frozen (configurable, with a message each), nor of quarantined folders from outside them.",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["recommended", "strict"],
    gate: { label: "banned imports", unit: "imports" },
    messages: {
      banned: "`{{specifier}}` is banned in this project ({{module}}): {{message}}",
      quarantined: "`{{specifier}}` imports {{target}}, inside the quarantined folder {{folder}}: frozen code is kept for reference and migration only, so new dependencies on it make it impossible to delete. Use its replacement, or move what you need out of quarantine first.",
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
    if (!facts) return { findings, checked: 0 };
    const { entries, quarantine } = project.config.bannedImports;
    const rel = project.rel(file);
    for (const imp of facts.imports) {
      const at = locationOf(imp);
      const resolved = project.resolve(file, imp.specifier);
      const targetRel = resolved.kind === "file" ? project.rel(resolved.file) : null;
      const entry = entries.find((e) => e.specifier(imp.specifier) || (targetRel !== null && e.path.match(targetRel) !== null));
      if (entry) {
        findings.push({ ruleId: bannedImports.id, messageId: "banned", data: { specifier: imp.specifier, module: entry.module, message: entry.message }, key: `banned|${imp.specifier}`, ...at });
        continue;
      }
      if (targetRel === null) continue;
      const q = quarantine.find((p) => p.match(targetRel) !== null && p.match(rel) === null);
      if (q) {
        findings.push({
          ruleId: bannedImports.id, messageId: "quarantined",
          data: { specifier: imp.specifier, target: targetRel, folder: q.source },
          key: `quarantined|${imp.specifier}`, ...at,
        });
      }
    }
    return { findings, checked: facts.imports.length };
  },
};
