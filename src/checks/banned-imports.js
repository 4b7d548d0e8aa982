// hoc/banned-imports: imports of abolished or frozen modules, and of quarantined folders from outside them.
import { defineCheck } from "./define.js";

export const bannedImports = defineCheck({
  id: "hoc/banned-imports",
  description: "No imports of modules the project has abolished or frozen (configurable, with a message each), nor of quarantined folders from outside them.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "banned imports", unit: "imports" },
  scope: "file",
  reads: ["bannedImports"],
  messages: {
    banned: "`{{specifier}}` is banned in this project ({{module}}): {{message}}",
    quarantined:
      "`{{specifier}}` imports {{target}}, inside the quarantined folder {{folder}}: frozen code is kept for reference and migration only, so new dependencies on it make it impossible to delete. Use its replacement, or move what you need out of quarantine first.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts) return 0;
    const { entries, quarantine } = project.config.bannedImports;
    const rel = project.rel(file);
    for (const imp of facts.imports) {
      const resolved = project.resolve(file, imp.specifier);
      const targetRel = resolved.kind === "file" ? project.rel(resolved.file) : null;
      const entry = entries.find((e) => e.specifier(imp.specifier) || (targetRel !== null && e.path.match(targetRel) !== null));
      if (entry) {
        report({
          messageId: "banned",
          data: { specifier: imp.specifier, module: entry.module, message: entry.message },
          key: `banned|${imp.specifier}`,
          at: imp,
        });
        continue;
      }
      if (targetRel === null) continue;
      const q = quarantine.find((p) => p.match(targetRel) !== null && p.match(rel) === null);
      if (q)
        report({
          messageId: "quarantined",
          data: { specifier: imp.specifier, target: targetRel, folder: q.source },
          key: `quarantined|${imp.specifier}`,
          at: imp,
        });
    }
    return facts.imports.length;
  },
});
