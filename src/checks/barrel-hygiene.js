// hoc/barrel-hygiene: an index.ts in the HOC tree only re-exports (the `__init__.py` hygiene of the original).
import { describeLayer, evaluateEdge } from "./layer-matrix.js";
import { isIndexFile } from "../project/project.js";
import { defineCheck } from "./define.js";

export const barrelHygiene = defineCheck({
  id: "hoc/barrel-hygiene",
  description: "An index.ts in the HOC tree only re-exports: no side effects, no definitions, nothing its own layer may not import.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "barrel hygiene", unit: "barrels" },
  scope: "file",
  reads: ["hocTree", "layers"],
  messages: {
    sideEffect:
      "Barrel runs code on import ({{what}}): an index file in the HOC tree only re-exports, or importing a folder does work whose order depends on who imports first. Move it into a module and call it explicitly.",
    sideEffectImport:
      "Barrel imports `{{specifier}}` for its side effects: an index file in the HOC tree only re-exports, or importing a folder does work whose order depends on who imports first. Import it where it is needed, explicitly.",
    definesCode:
      "Barrel defines {{what}}: an index file in the HOC tree only re-exports, so that what a folder offers lives in named modules the boundary rules can see. Move it into its own module and re-export it from here.",
    forbiddenReexport:
      "Barrel in {{from}} re-exports {{to}} (`{{specifier}}`): a barrel may offer only what its own layer may import, or it becomes the way around the layer rules. Remove the re-export; callers that may use {{toLayer}} import it from there directly.",
  },

  check({ file, project, report }) {
    if (!isIndexFile(file) || !project.inHocTree(file)) return 0;
    const entry = project.entry(file);
    if (!entry.facts || !entry.facts.topLevel) return 0;
    for (const st of entry.facts.topLevel) {
      if (st.kind === "statement") report({ messageId: "sideEffect", data: { what: st.what }, key: `effect|${st.what}`, at: st });
      else if (st.kind === "declaration" || st.kind === "type-declaration")
        report({ messageId: "definesCode", data: { what: st.what }, key: `defines|${st.what}`, at: st });
    }
    for (const imp of entry.facts.imports) {
      if (imp.kind === "side-effect")
        report({ messageId: "sideEffectImport", data: { specifier: imp.specifier }, key: `effect-import|${imp.specifier}`, at: imp });
      if (!entry.layer || (imp.kind !== "reexport" && imp.kind !== "reexport-all")) continue;
      for (const target of project.providersOfImport(file, imp)) {
        const to = project.layerOf(target.file);
        if (!to) continue;
        const targetRel = project.rel(target.file);
        if (!evaluateEdge(entry.layer, to, target.typeOnly, targetRel)) continue;
        report({
          messageId: "forbiddenReexport",
          data: { from: describeLayer(entry.layer), to: describeLayer(to), toLayer: to.layer.name, specifier: imp.specifier },
          key: `reexport|${imp.specifier}|${targetRel}`,
          at: imp,
        });
      }
    }
    return 1;
  },
});
