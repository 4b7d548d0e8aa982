// Evaluating one edge (importer layer -> imported layer) against the compiled allow matrix. Shared by the
// layer-boundaries and barrel-hygiene checks, so both say the same thing about the same edge.
import { own } from "../own.js";
import { isIndexFile } from "../project/project.js";

/** @typedef {import("../types.js").LayerInfo} LayerInfo */
/** @typedef {import("../types.js").CompiledAllowRule} CompiledAllowRule */
/** @typedef {{ reason: "denied" | "apiSkipsSpine" | "upward" | "crossDomain" | "typeOnly" | "restrictedPath" | "forbidden", allowedPaths?: string[] }} Verdict */

/**
 * @param {CompiledAllowRule} rule
 * @param {LayerInfo} from
 * @param {LayerInfo} to
 * @param {boolean} typeOnly
 * @param {string} targetRel
 * @returns {Verdict["reason"] | null} why this rule does not allow the edge, or null if it does
 */
function ruleFailure(rule, from, to, typeOnly, targetRel) {
  // A capture missing on one side (a file placed by its header only) cannot be compared: not a finding.
  for (const name of rule.same) {
    const a = own(from.captures, name);
    const b = own(to.captures, name);
    if (a !== undefined && b !== undefined && a !== b) return "crossDomain";
  }
  if (rule.typeOnly && !typeOnly) return "typeOnly";
  if (rule.targetPaths && !rule.targetPaths.some((p) => p.match(targetRel) !== null)) return "restrictedPath";
  return null;
}

/**
 * @param {LayerInfo} from
 * @param {LayerInfo} to
 * @param {boolean} typeOnly
 * @param {string} targetRel posix path of the imported file relative to the root
 * @returns {Verdict | null} null when the matrix allows the edge
 */
export function evaluateEdge(from, to, typeOnly, targetRel) {
  // `deny` wins over everything `allow` says (and applies to a layer with no `allow` row too).
  if (from.layer.deny?.has(to.layer.id)) return { reason: "denied" };
  const allow = from.layer.allow;
  if (!allow) return null;
  const rules = allow.get(to.layer.id);
  if (!rules) {
    const a = from.layer.level;
    const b = to.layer.level;
    // Without levels on both sides there is no "up": the edge is simply not in the matrix.
    if (a === null || b === null) return { reason: "forbidden" };
    if (a < 4 && b >= 5) return { reason: "apiSkipsSpine" };
    if (b < a) return { reason: "upward" };
    return { reason: "forbidden" };
  }
  /** @type {Verdict["reason"] | null} */
  let first = null;
  for (const rule of rules) {
    const failure = ruleFailure(rule, from, to, typeOnly, targetRel);
    if (failure === null) return null;
    first ??= failure;
  }
  const reason = /** @type {Verdict["reason"]} */ (first);
  if (reason === "restrictedPath") {
    return { reason, allowedPaths: rules.flatMap((r) => (r.targetPaths ?? []).map((p) => p.source)) };
  }
  return { reason };
}

/**
 * Every import edge of a layered file that ends in a layer, judged: the edges layer-boundaries reports and the
 * layer graph draws (one definition, so the gate and the picture count the same edges). Re-exports of a barrel in
 * the HOC tree are left out: they are barrel-hygiene's to judge.
 * @param {import("../project/project.js").Project} project
 * @param {string} file
 * @returns {{ from: LayerInfo, edges: { imp: import("../types.js").ImportFact, target: import("../project/project.js").ImportTarget, to: LayerInfo, targetRel: string, verdict: Verdict | null }[] } | null}
 *   null when the file is in no layer or could not be read
 */
export function layerEdges(project, file) {
  const entry = project.entry(file);
  const from = entry.layer;
  if (!from || !entry.facts) return null;
  const barrel = isIndexFile(file) && project.inHocTree(file);
  const edges = [];
  for (const imp of entry.facts.imports) {
    if (barrel && (imp.kind === "reexport" || imp.kind === "reexport-all")) continue;
    for (const target of project.providersOfImport(file, imp)) {
      const to = project.layerOf(target.file);
      if (!to) continue;
      const targetRel = project.rel(target.file);
      edges.push({ imp, target, to, targetRel, verdict: evaluateEdge(from, to, target.typeOnly, targetRel) });
    }
  }
  return { from, edges };
}

/** @param {LayerInfo} info */
export function describeLayer(info) {
  const where = Object.values(info.captures).join("/");
  return where ? `${info.layer.name} (${where})` : info.layer.name;
}
