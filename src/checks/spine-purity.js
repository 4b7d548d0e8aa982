// hoc/spine-purity: hoc_spine/schemas/ holds declarations only; hoc_spine/utilities/ imports no engine, no
// driver and no database package (utilities are pure helpers every layer may use).
import { defineCheck } from "./define.js";

export const spinePurity = defineCheck({
  id: "hoc/spine-purity",
  description:
    "Spine schemas hold declarations only (types, interfaces, enums, constants, schema objects); spine utilities import no engine, driver or database package.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "spine purity", unit: "files" },
  scope: "file",
  reads: ["spinePurity", "database", "layers"],
  messages: {
    schemaBehaviour:
      "Spine schema declares {{what}}, which is behaviour: hoc_spine/schemas holds declarations that L2, L5 and L6 all import, so code here runs in (and couples) every layer. Move it into hoc_spine/services or utilities and keep the schema to types, enums, constants and schema objects.",
    schemaCall:
      "Spine schema runs `{{callee}}(…)` when it loads ({{what}}): hoc_spine/schemas holds declarations only, and a call at load time is work done on import by every layer. Build it in a service; schema objects of {{builders}} are fine.",
    schemaStatement: "Spine schema runs {{what}} when it loads: hoc_spine/schemas holds declarations only. Move the statement into a service or the bootstrap.",
    utilityImport:
      "Spine utility imports {{to}} (`{{specifier}}`): hoc_spine/utilities are pure helpers that every layer may use, so they must not depend on an engine, a driver or the database. Pass what the helper needs as arguments, or move it into hoc_spine/services.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts) return 0;
    const { schemaPaths, utilityPaths, schemaBuilders, allowConstFunctions } = project.config.spinePurity;
    const rel = project.rel(file);
    const isSchema = schemaPaths.some((p) => p.match(rel) !== null);
    const isUtility = !isSchema && utilityPaths.some((p) => p.match(rel) !== null);
    if (!isSchema && !isUtility) return 0;
    if (isSchema) {
      for (const st of facts.topLevel ?? []) {
        if (st.kind === "statement") {
          report({ messageId: "schemaStatement", data: { what: st.what }, key: `statement|${st.what}`, at: st });
        } else if (st.detail === "behaviour" || (st.detail === "function" && !(allowConstFunctions && st.what.startsWith("variable")))) {
          report({ messageId: "schemaBehaviour", data: { what: st.what }, key: `behaviour|${st.what}`, at: st });
        } else if (st.detail.startsWith("call:") && !schemaBuilders.includes(st.detail.slice(5))) {
          report({
            messageId: "schemaCall",
            data: { what: st.what, callee: st.detail.slice(5), builders: schemaBuilders.slice(0, 4).join(", ") },
            key: `call|${st.what}`,
            at: st,
          });
        }
      }
      return 1;
    }
    const db = project.config.database.matchers;
    for (const imp of facts.imports) {
      if (!imp.typeOnly && db.clientOf(imp.specifier)) {
        report({ messageId: "utilityImport", data: { to: "the database package", specifier: imp.specifier }, key: `import|${imp.specifier}`, at: imp });
        continue;
      }
      for (const target of project.providersOfImport(file, imp)) {
        const to = project.layerOf(target.file);
        if (!to || !(to.layer.level === 6 || (to.layer.level === 5 && !/schema/i.test(`${to.layer.id} ${to.layer.name}`)))) continue;
        report({
          messageId: "utilityImport",
          data: { to: to.layer.name, specifier: imp.specifier },
          key: `import|${imp.specifier}|${project.rel(target.file)}`,
          at: imp,
        });
      }
    }
    return 1;
  },
});
