// hoc/layer-header: a `// Layer: Lx` header must name a known layer and agree with the file's path.
import { layerFromHeader, layerFromPath } from "../project/classify.js";
import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

export const layerHeader = {
  id: "hoc/layer-header",
  meta: {
    description: "A `// Layer:` header must name a known layer and agree with the layer of the file's path.",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["recommended", "strict"],
    gate: { label: "layer headers", unit: "headers" },
    messages: {
      unknownLayer: "Header `Layer: {{text}}` names no known layer (known: {{known}}): a header overrides the path, so a typo here silently changes which layer rules apply. Name one of the known layers, e.g. `// Layer: L5 — Domain Engine`.",
      mismatch: "Header says {{header}} but the path puts this file in {{pathLayer}}: the header wins, so the file is checked as a layer other than where it lives. Move the file to where {{header}} files live, or correct the header.",
    },
  },

  /**
   * @param {string} file
   * @param {Project} project
   * @returns {{ findings: RawFinding[], checked: number }}
   */
  checkFile(file, project) {
    const facts = project.facts(file);
    const header = facts?.header;
    if (!header) return { findings: [], checked: 0 };
    const config = project.config;
    const fromPath = layerFromPath(config, project.rel(file));
    const named = layerFromHeader(config, header, fromPath?.layer ?? null);
    const at = locationOf(header);
    if (!named) {
      const known = config.layers.map((l) => `L${l.level} ${l.name.replace(/^L[\d.]+\s*/, "")}`.trim());
      return {
        checked: 1,
        findings: [{ ruleId: layerHeader.id, messageId: "unknownLayer", data: { text: header.text, known: [...new Set(known)].join(", ") }, key: "unknown", ...at }],
      };
    }
    if (fromPath && named !== fromPath.layer) {
      return {
        checked: 1,
        findings: [{ ruleId: layerHeader.id, messageId: "mismatch", data: { header: named.name, pathLayer: fromPath.layer.name }, key: `mismatch|${named.id}`, ...at }],
      };
    }
    return { findings: [], checked: 1 };
  },
};
