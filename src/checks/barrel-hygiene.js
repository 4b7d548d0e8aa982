// hoc/barrel-hygiene: an index file in the HOC tree only re-exports, and only what its own layer may import.
import { describeLayer, evaluateEdge } from "./layer-matrix.js";
import { isIndexFile } from "../project/project.js";
import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

export const barrelHygiene = {
  id: "hoc/barrel-hygiene",
  meta: {
    description: "An index.ts in the HOC tree only re-exports: no side effects, no definitions, nothing its own layer may not import.",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["recommended", "strict"],
    gate: { label: "barrel hygiene", unit: "barrels" },
    messages: {
      sideEffect: "Barrel runs code on import ({{what}}): an index file in the HOC tree only re-exports, or importing a folder does work whose order depends on who imports first. Move it into a module and call it explicitly.",
      sideEffectImport: "Barrel imports `{{specifier}}` for its side effects: an index file in the HOC tree only re-exports, or importing a folder does work whose order depends on who imports first. Import it where it is needed, explicitly.",
      definesCode: "Barrel defines {{what}}: an index file in the HOC tree only re-exports, so that what a folder offers lives in named modules the boundary rules can see. Move it into its own module and re-export it from here.",
      forbiddenReexport: "Barrel in {{from}} re-exports {{to}} (`{{specifier}}`): a barrel may offer only what its own layer may import, or it becomes the way around the layer rules. Remove the re-export; callers that may use {{toLayer}} import it from there directly.",
    },
  },

  /**
   * @param {string} file
   * @param {Project} project
   * @returns {{ findings: RawFinding[], checked: number }}
   */
  checkFile(file, project) {
    if (!isIndexFile(file) || !project.inHocTree(file)) return { findings: [], checked: 0 };
    const entry = project.entry(file);
    if (!entry.facts || !entry.facts.topLevel) return { findings: [], checked: 0 };
    /** @type {RawFinding[]} */
    const findings = [];
    for (const st of entry.facts.topLevel) {
      const at = locationOf(st);
      if (st.kind === "statement") {
        findings.push({ ruleId: barrelHygiene.id, messageId: "sideEffect", data: { what: st.what }, key: `effect|${st.what}`, ...at });
      } else if (st.kind === "declaration" || st.kind === "type-declaration") {
        findings.push({ ruleId: barrelHygiene.id, messageId: "definesCode", data: { what: st.what }, key: `defines|${st.what}`, ...at });
      }
    }
    for (const imp of entry.facts.imports) {
      if (imp.kind === "side-effect") {
        findings.push({
          ruleId: barrelHygiene.id, messageId: "sideEffectImport", data: { specifier: imp.specifier }, key: `effect-import|${imp.specifier}`,
          ...locationOf(imp),
        });
      }
      if (!entry.layer || (imp.kind !== "reexport" && imp.kind !== "reexport-all")) continue;
      for (const target of project.providersOfImport(file, imp)) {
        const to = project.layerOf(target.file);
        if (!to) continue;
        const targetRel = project.rel(target.file);
        if (!evaluateEdge(entry.layer, to, target.typeOnly, targetRel)) continue;
        findings.push({
          ruleId: barrelHygiene.id, messageId: "forbiddenReexport",
          data: { from: describeLayer(entry.layer), to: describeLayer(to), toLayer: to.layer.name, specifier: imp.specifier },
          key: `reexport|${imp.specifier}|${targetRel}`,
          ...locationOf(imp),
        });
      }
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    return { findings, checked: 1 };
  },
};
