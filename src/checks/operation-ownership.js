// hoc/operation-ownership: one owner per operation. Each name is registered once, from the handler module of
// the domain that owns it (the part before the first dot), in L4. Names that cannot be resolved are
// hoc/unverifiable-operation's.
import { defineCheck } from "./define.js";
import { vocabulary } from "./vocabulary.js";

export const operationOwnership = defineCheck({
  id: "hoc/operation-ownership",
  description: "Every operation is registered exactly once, in L4, by the handler module of the domain that owns it.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "operation ownership", unit: "operations", violationWord: "conflicts" },
  scope: "project",
  reads: ["operations", "layers"],
  messages: {
    duplicate:
      "Operation `{{name}}` is registered here and also at {{others}}: the registry keeps one handler per name, so one registration silently wins (or startup throws in production). Keep a single owner: delete one registration, or give the other handler its own operation name.",
    wrongDomain:
      "Operation `{{name}}` belongs to domain `{{opDomain}}` but is registered by the `{{moduleDomain}}` handler module: ownership follows the name, so the `{{opDomain}}` team cannot find or change it. Register it in the `{{opDomain}}` handler module, or rename the operation `{{moduleDomain}}.<verb>`.",
    outsideHandlerModule:
      "Operation `{{name}}` is registered outside a domain handler module ({{expected}}): nobody owns a registration that lives elsewhere in the spine. Move it into the `{{opDomain}}` handler module, or list it in `operations.spineOperations` in hoc.config.json if the spine owns it.",
    outsideSpine:
      "Operation `{{name}}` is registered in {{layer}}, outside {{spine}}: only {{spine}} registers operations, so that every dispatch gets its audit record, invariants and transaction. Move the registration into the `{{opDomain}}` handler module ({{expected}}).",
  },

  gateChecked(project) {
    return project.registrationIndex().registered.size;
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts || facts.operations.registrations.length === 0) return 0;
    const index = project.registrationIndex();
    const { handlerModulePatterns, spineOperations } = project.config.operations;
    const rel = project.rel(file);
    const layer = project.layerOf(file);
    const handlerModule = handlerModulePatterns.map((p) => p.match(rel)).find((c) => c !== null) ?? null;
    for (const reg of index.byFile.get(file)?.registrations ?? []) {
      const name = reg.name;
      if (name === null) continue;
      const opDomain = index.domainOf(name);
      const others = /** @type {import("../project/operation-index.js").Operation} */ (index.registered.get(name)).registrations.filter((r) => r !== reg);
      if (others.length > 0) {
        report({
          messageId: "duplicate",
          data: { name, others: others.map((o) => `${project.rel(o.file)}:${o.fact.line}`).join(", ") },
          key: `duplicate|${name}`,
          related: others.map((o) => ({ file: project.rel(o.file), line: o.fact.line, column: o.fact.column, message: `also registers ${name}` })),
          at: reg.fact,
        });
      }
      if (layer && layer.layer.level !== 4) {
        report({
          messageId: "outsideSpine",
          data: {
            name,
            layer: layer.layer.name,
            opDomain,
            spine: vocabulary(project).spine,
            expected: handlerModulePatterns.map((p) => p.source.replace("<domain>", opDomain)).join(" or "),
          },
          key: `outside-spine|${name}`,
          at: reg.fact,
        });
      } else if (handlerModule && handlerModule.domain !== undefined && handlerModule.domain !== opDomain) {
        report({ messageId: "wrongDomain", data: { name, opDomain, moduleDomain: handlerModule.domain }, key: `wrong-domain|${name}`, at: reg.fact });
      } else if (!handlerModule && !spineOperations.includes(name)) {
        report({
          messageId: "outsideHandlerModule",
          data: { name, opDomain, expected: handlerModulePatterns.map((p) => p.source.replace("<domain>", opDomain)).join(" or ") },
          key: `outside-handler|${name}`,
          at: reg.fact,
        });
      }
    }
    return 0;
  },
});
