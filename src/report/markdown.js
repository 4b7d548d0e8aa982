// A Markdown report for pull-request comments and job summaries.
import { visible } from "../checks/define.js";
import { gateLabel } from "./gates.js";
import { docsUrl } from "../version.js";
import { formatOperationsMarkdown } from "./operations-list.js";
import { formatMermaid } from "./graph.js";

/** @typedef {import("../audit.js").Report} Report */

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** @param {Report} report */
export function formatMarkdown(report) {
  const out = [`# hoc-audit report`, "", `${report.tool.name} ${report.tool.version} · root \`${report.root}\` · ${report.summary.files} files`, ""];
  out.push("## Gates", "", "| gate | checked | violations | status |", "| --- | ---: | ---: | --- |");
  for (const g of report.summary.gates) {
    const { label, unit } = gateLabel(g.id);
    out.push(
      `| ${label} | ${g.checked} ${unit}${g.note ? ` (${g.note})` : ""} | ${g.violations} | ${g.status === "pass" ? "✅ PASS" : g.status === "warn" ? "⚠️ WARN" : "❌ FAIL"} |`,
    );
  }
  if (report.layers && report.layers.layers.length > 0) {
    out.push("", "## Layers", "", "Allowed imports are arrows (dotted: types only); red crosses are imports that break the matrix.", "");
    out.push("```mermaid", formatMermaid(report.layers).trimEnd(), "```");
  }
  out.push("", `## Findings (${report.findings.length})`, "");
  if (report.findings.length === 0) out.push("None.", "");
  let current = "";
  for (const f of report.findings) {
    if (f.file !== current) {
      if (current) out.push("");
      out.push(`### \`${visible(f.file)}\``, "");
      current = f.file;
    }
    const what = f.known ? `known ${f.severity}` : f.severity;
    out.push(
      `- **${what}** line ${f.line}, column ${f.column} — [\`${f.ruleId}\`](${docsUrl(f.ruleId)}): ${f.message}${f.known === "exception" ? ` (known exception: ${f.reason})` : ""}`,
    );
  }
  if (report.operations && report.operations.operations.length > 0) {
    out.push("", `## Operations (${report.operations.operations.length})`, "", formatOperationsMarkdown(report.operations).trimEnd());
  }
  if (report.errors.length > 0) {
    out.push("", `## Errors (${report.errors.length})`, "", "| file | problem |", "| --- | --- |");
    for (const e of report.errors) out.push(`| \`${cell(e.file)}\` | ${cell(e.message)} |`);
  }
  return `${out.join("\n")}\n`;
}
