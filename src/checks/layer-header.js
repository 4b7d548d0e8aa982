// hoc/layer-header: a `// Layer: Lx` header must name a known layer and agree with the file's path.
import { layerFromHeader, layerFromPath } from "../project/classify.js";
import { defineCheck } from "./define.js";

export const layerHeader = defineCheck({
  id: "hoc/layer-header",
  description: "A `// Layer:` header must name a known layer and agree with the layer of the file's path.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "layer headers", unit: "headers" },
  scope: "file",
  reads: ["layers"],
  messages: {
    unknownLayer:
      "Header `Layer: {{text}}` names no known layer (known: {{known}}): a header overrides the path, so a typo here silently changes which layer rules apply. Name one of the known layers, e.g. `// Layer: L5 — Domain Engine`.",
    mismatch:
      "Header says {{header}} but the path puts this file in {{pathLayer}}: the header wins, so the file is checked as a layer other than where it lives. Move the file to where {{header}} files live, or correct the header.",
  },

  check({ file, project, report }) {
    const header = project.facts(file)?.header;
    if (!header) return 0;
    const config = project.config;
    const fromPath = layerFromPath(config, project.rel(file));
    const named = layerFromHeader(config, header, fromPath?.layer ?? null);
    if (!named) {
      const known = config.layers.map((l) => (l.level === null ? l.name : `L${l.level} ${l.name.replace(/^L[\d.]+\s*/, "")}`.trim()));
      report({ messageId: "unknownLayer", data: { text: header.text, known: [...new Set(known)].join(", ") }, key: "unknown", at: header });
    } else if (fromPath && named !== fromPath.layer) {
      report({ messageId: "mismatch", data: { header: named.name, pathLayer: fromPath.layer.name }, key: `mismatch|${named.id}`, at: header });
    }
    return 1;
  },
});
