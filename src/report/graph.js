// The layer graph as a picture: Mermaid (renders in GitHub Markdown and job summaries) and Graphviz DOT. Layers
// are nodes (with their file counts); an allowed edge is a plain arrow (dotted when only types may cross); a seen
// edge that breaks the matrix is a red arrow ending in a cross, labelled with its number of violations.

/** @typedef {import("../checks/layer-graph.js").LayerGraph} LayerGraph */
/** @typedef {import("../checks/layer-graph.js").GraphEdge} GraphEdge */

/** @param {import("../checks/layer-graph.js").GraphLayer} l */
const title = (l) => (l.level === null || /^L\d/.test(l.name) ? l.name : `L${l.level} ${l.name}`);
/** @param {number} n @param {string} one */
const count = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** @param {GraphEdge} e */
function edgeLabel(e) {
  // An allowed edge keeps its condition in the label when some of its imports break it (another domain's).
  const parts = [];
  if (e.typeOnly) parts.push("types only");
  if (e.sameOnly.length > 0) parts.push(`same ${e.sameOnly.join(", ")}`);
  if (e.violations > 0) parts.push(count(e.violations, "violation"));
  return parts.join(", ");
}

/**
 * Text inside a Mermaid label: its entity codes for the characters the syntax reserves.
 * @param {string} s
 */
const mermaidText = (s) => s.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/[#"<>&|{}[\]()]/g, (c) => `#${c.charCodeAt(0)};`);

/** @param {LayerGraph} graph */
export function formatMermaid(graph) {
  const ids = new Map(graph.layers.map((l, i) => [l.id, `L${i}`]));
  const out = ["flowchart TD"];
  for (const l of graph.layers) out.push(`  ${ids.get(l.id)}["${mermaidText(title(l))}<br/>${count(l.files, "file")}"]`);
  /** @type {number[]} */
  const red = [];
  graph.edges.forEach((e, i) => {
    const a = ids.get(e.from);
    const b = ids.get(e.to);
    const label = edgeLabel(e);
    if (e.violations > 0) {
      red.push(i);
      out.push(`  ${a} -- "${mermaidText(label)}" --x ${b}`);
    } else if (e.typeOnly) out.push(`  ${a} -. "${mermaidText(label)}" .-> ${b}`);
    else out.push(label ? `  ${a} -- "${mermaidText(label)}" --> ${b}` : `  ${a} --> ${b}`);
  });
  if (red.length > 0) out.push(`  linkStyle ${red.join(",")} stroke:#d22,stroke-width:2px,color:#d22`);
  for (const id of graph.unrestricted) out.push(`  %% ${mermaidText(id)} has no allow row: it may import any layer`);
  return `${out.join("\n")}\n`;
}

/** @param {string} s a DOT double-quoted string's content */
const dotText = (s) => s.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/["\\]/g, (c) => `\\${c}`);

/** @param {LayerGraph} graph */
export function formatDot(graph) {
  const out = ["digraph layers {", "  rankdir=TB;", '  node [shape=box, style=rounded, fontname="sans-serif"];', '  edge [fontname="sans-serif"];'];
  for (const l of graph.layers) out.push(`  "${dotText(l.id)}" [label="${dotText(title(l))}\\n${count(l.files, "file")}"];`);
  for (const e of graph.edges) {
    const attrs = [];
    const label = edgeLabel(e);
    if (label) attrs.push(`label="${dotText(label)}"`);
    if (e.violations > 0) attrs.push("color=red", "fontcolor=red", "penwidth=2", "arrowhead=tee");
    else if (e.typeOnly) attrs.push("style=dashed");
    out.push(`  "${dotText(e.from)}" -> "${dotText(e.to)}"${attrs.length ? ` [${attrs.join(", ")}]` : ""};`);
  }
  for (const id of graph.unrestricted) out.push(`  // ${dotText(id)} has no allow row: it may import any layer`);
  out.push("}");
  return `${out.join("\n")}\n`;
}
