// hoc/layer-boundaries: imports the layer matrix forbids, looking through barrels to the real module.
import { vocabulary } from "./vocabulary.js";
import { describeLayer, layerEdges } from "./layer-matrix.js";
import { defineCheck } from "./define.js";

const EDGE = "{{from}} imports {{to}} (`{{specifier}}`{{via}})";

export const layerBoundaries = defineCheck({
  id: "hoc/layer-boundaries",
  description: "Imports must follow the HOC layer matrix: L2 talks only to L4, no upward imports, no cross-domain imports at L5/L6.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "layer boundaries", unit: "imports" },
  scope: "file",
  reads: ["layers"],
  messages: {
    apiSkipsSpine: `${EDGE}: {{fromLayer}} must reach domain code only through {{spine}}, or the call skips what {{spine}} does around it (the transaction, the checks, the audit record). {{throughSpine}}`,
    upward: `${EDGE}: an upward import; a lower layer must not depend on the layers that call it, or the layering turns into a cycle. Move what both need into a layer both may import, or pass it in as a parameter.`,
    crossDomain: `${EDGE}: a cross-domain import; a domain's {{fromLayer}} code is private to it, and cross-domain work goes through {{spine}} so that it is audited and checked. {{acrossDomains}}`,
    typeOnly: `${EDGE} as a value, where the layer matrix lets only types cross: a type import is erased at build time, a value import makes {{fromLayer}} run {{toLayer}} code. Use \`import type\`, or move the code that needs it into a layer that may depend on it.`,
    restrictedPath: `${EDGE}: only {{allowed}} of that layer may be imported from here; the rest of {{toLayer}} is not meant for {{fromLayer}}, so depending on it inverts the layering. Move the shared piece into one of those folders, or dispatch an operation instead.`,
    denied: `${EDGE}: \`deny\` in hoc.config.json forbids {{fromLayer}} to depend on {{toLayer}}, whatever \`allow\` says. Route the call through a layer that may, or change \`deny\` if the rule no longer holds.`,
    forbidden: `${EDGE}: the layer matrix does not allow {{fromLayer}} to depend on {{toLayer}}. Route the call through a layer that may (see \`allow\` in hoc.config.json).`,
  },

  check({ file, project, report }) {
    const judged = layerEdges(project, file);
    if (!judged) return 0;
    const { from } = judged;
    for (const { imp, target, to, targetRel, verdict } of judged.edges) {
      if (!verdict) continue;
      const via = target.via.length > 0 ? `, defined in ${targetRel} and reached via ${target.via.map((v) => project.rel(v)).join(" -> ")}` : "";
      report({
        messageId: verdict.reason,
        data: {
          from: describeLayer(from),
          to: describeLayer(to),
          fromLayer: from.layer.name,
          toLayer: to.layer.name,
          ...crossingAdvice(vocabulary(project), to.layer.name),
          specifier: imp.specifier,
          via,
          allowed: (verdict.allowedPaths ?? []).join(", "),
        },
        key: `${imp.specifier}|${targetRel}`,
        at: imp,
      });
    }
    return judged.edges.length;
  },
});

/**
 * How to cross correctly, in the project's own terms: dispatching an operation where the project works with an
 * operation registry, calling its orchestration layer where it does not.
 * @param {ReturnType<typeof vocabulary>} words
 * @param {string} toLayer
 */
function crossingAdvice(words, toLayer) {
  return {
    spine: words.spine,
    throughSpine: words.dispatches
      ? `Dispatch an operation with \`${words.dispatch}("<domain>.<verb>", ctx)\` and let a handler in ${words.spine} call it.`
      : `Call ${words.spine} instead, and let it call ${toLayer}.`,
    acrossDomains: words.dispatches
      ? `Dispatch an operation of the other domain with \`${words.dispatch}\` from ${words.spine}, or move shared types into ${words.sharedTypes}.`
      : `Call the other domain's ${words.spine} instead, or move shared types into ${words.sharedTypes}.`,
  };
}
