// hoc/surface-limits: contracts stay small. An interface of a domain schema module with more methods than the
// limit is a service hiding in a schema; a bridge class with more public methods than the limit is a second
// facade. Limits in hoc.config.json (surfaceLimits).
import { defineCheck } from "./define.js";

export const surfaceLimits = defineCheck({
  id: "hoc/surface-limits",
  description:
    "Small contracts: an interface of a domain schema module declares at most 12 methods, a `*Bridge` class in the HOC tree has at most 5 public methods (configurable).",
  severity: "warning",
  presets: ["recommended", "strict"],
  gate: { label: "surface limits", unit: "contracts", violationWord: "over the limit" },
  scope: "file",
  reads: ["surfaceLimits", "layers", "hocTree"],
  messages: {
    schemaTooWide:
      "{{kind}} `{{name}}` of {{layer}} declares {{methods}} methods, over the limit of {{limit}}: a schema holds types and pure policies that others depend on, and a wide interface couples every consumer to all of it. Split it by consumer (or raise surfaceLimits.maxSchemaMethods).",
    bridgeTooWide:
      "Bridge `{{name}}` has {{methods}} public methods, over the limit of {{limit}}: a bridge adapts one narrow capability across a boundary; a wide one becomes a second facade that bypasses the first. Split it, or move the extra methods behind the facade (or raise surfaceLimits.maxBridgeMethods).",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts || facts.surfaces.length === 0) return 0;
    const { schemaLayers, maxSchemaMethods, bridgeClass, maxBridgeMethods } = project.config.surfaceLimits;
    const info = project.layerOf(file);
    const schema = info !== null && schemaLayers.includes(info.layer.id);
    const hoc = project.inHocTree(file);
    let checked = 0;
    for (const s of facts.surfaces) {
      if (schema && s.kind !== "class") {
        checked++;
        if (s.methods > maxSchemaMethods)
          report({
            messageId: "schemaTooWide",
            data: {
              kind: s.kind === "interface" ? "Interface" : "Type",
              name: s.name,
              layer: info.layer.name,
              methods: String(s.methods),
              limit: String(maxSchemaMethods),
            },
            key: `schema|${s.name}`,
            at: s,
          });
      } else if (s.kind === "class" && hoc && bridgeClass(s.name)) {
        checked++;
        if (s.methods > maxBridgeMethods)
          report({
            messageId: "bridgeTooWide",
            data: { name: s.name, methods: String(s.methods), limit: String(maxBridgeMethods) },
            key: `bridge|${s.name}`,
            at: s,
          });
      }
    }
    return checked;
  },
});
