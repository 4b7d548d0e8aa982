// The layer graph of a project, as plain data for the Mermaid/DOT pictures and the Markdown report: the layers
// with their file counts, the edges the allow matrix permits, and the imports seen between layers, with how many
// of them break the matrix. Edges and verdicts come from the function the layer-boundaries rule uses, so the picture and
// the findings never disagree; findings known as exceptions or in the baseline are not counted as violations.
import { layerEdges } from "./layer-matrix.js";

/** @typedef {{ id: string, name: string, level: number | null, files: number }} GraphLayer */
/** @typedef {{ from: string, to: string, allowed: boolean, typeOnly: boolean, sameOnly: string[], imports: number, violations: number }} GraphEdge */
/** @typedef {{ layers: GraphLayer[], edges: GraphEdge[], unrestricted: string[] }} LayerGraph */

/**
 * @param {import("../project/project.js").Project} project
 * @param {string[]} files the scanned files
 * @param {(file: string, line: number, column: number) => boolean} isKnown is the layer-boundaries finding there known?
 * @returns {LayerGraph}
 */
export function layerGraph(project, files, isKnown) {
  const { config } = project;
  /** @type {Map<string, number>} */
  const fileCounts = new Map(config.layers.map((l) => [l.id, 0]));
  /** @type {Map<string, GraphEdge>} */
  const edges = new Map();
  const edge = (/** @type {string} */ from, /** @type {string} */ to) => {
    const k = `${from}\u0000${to}`;
    let e = edges.get(k);
    if (!e) {
      const rules = config.layerById.get(from)?.allow?.get(to) ?? [];
      const allowed = rules.length > 0 && !config.layerById.get(from)?.deny.has(to);
      e = {
        from,
        to,
        allowed,
        typeOnly: allowed && rules.every((r) => r.typeOnly),
        sameOnly: allowed ? [...new Set(rules.flatMap((r) => r.same))] : [],
        imports: 0,
        violations: 0,
      };
      edges.set(k, e);
    }
    return e;
  };
  // Every edge the matrix permits, seen or not (a layer's own row included only when it says more than "itself").
  for (const layer of config.layers) {
    for (const to of layer.allow?.keys() ?? []) if (to !== layer.id) edge(layer.id, to);
  }
  for (const file of files) {
    const judged = layerEdges(project, file);
    if (!judged) continue;
    const { from } = judged;
    fileCounts.set(from.layer.id, (fileCounts.get(from.layer.id) ?? 0) + 1);
    for (const { imp, to, verdict } of judged.edges) {
      const violating = verdict !== null && !isKnown(project.rel(file), imp.line, imp.column);
      // Imports inside one layer are drawn only when some of them break the matrix (another domain's engine).
      if (from.layer.id === to.layer.id && !violating) continue;
      const e = edge(from.layer.id, to.layer.id);
      e.imports++;
      if (violating) e.violations++;
    }
  }
  const order = new Map(config.layers.map((l, i) => [l.id, i]));
  return {
    layers: config.layers.map((l) => ({ id: l.id, name: l.name, level: l.level, files: fileCounts.get(l.id) ?? 0 })),
    edges: [...edges.values()].sort(
      (a, b) =>
        /** @type {number} */ (order.get(a.from)) - /** @type {number} */ (order.get(b.from)) ||
        /** @type {number} */ (order.get(a.to)) - /** @type {number} */ (order.get(b.to)),
    ),
    unrestricted: config.layers.filter((l) => l.allow === null).map((l) => l.id),
  };
}
