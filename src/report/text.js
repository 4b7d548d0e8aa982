// The human report: the gate table first (what CI logs show), then findings grouped by file.
import { visible } from "../checks/define.js";
import { gateLabel } from "./gates.js";

/** @typedef {import("../audit.js").Report} Report */

/**
 * @param {Report} report
 * @param {{ quiet?: boolean }} [options] quiet: only blocking findings and scan errors
 */
export function formatText(report, options = {}) {
  const lines = [];
  if (!options.quiet) {
    lines.push(`${report.tool.name} ${report.tool.version} · ${report.root} · ${report.summary.files} files`, "");
    const rows = report.summary.gates.map((g) => {
      const { label, unit, violationWord } = gateLabel(g.id);
      const known = g.known ? `, ${g.known} known` : "";
      return {
        label: `${label}:`,
        counts: `${g.checked} ${unit}${g.note ? ` (${g.note})` : ""}, ${g.violations} ${violationWord ?? (g.violations === 1 ? "violation" : "violations")}${known}`,
        status: g.status.toUpperCase(),
      };
    });
    const w = Math.max(...rows.map((r) => r.label.length));
    for (const r of rows) lines.push(`  ${r.label.padEnd(w)} ${r.counts} — ${r.status}`);
    lines.push("");
  }
  const shown = options.quiet ? report.findings.filter((f) => f.severity === "error" && !f.known) : report.findings;
  // Known findings print as "known" with their reason; they fail nothing.
  let current = "";
  for (const f of shown) {
    if (f.file !== current) {
      if (current) lines.push("");
      lines.push(visible(f.file));
      current = f.file;
    }
    lines.push(
      `  ${f.line}:${f.column}  ${f.known ? "known" : f.severity}  ${f.message}${f.known === "exception" ? ` (known exception: ${f.reason})` : ""}  ${f.ruleId}`,
    );
    for (const r of f.related ?? []) lines.push(`      ${r.message}: ${r.file}:${r.line}:${r.column}`);
  }
  if (shown.length > 0) lines.push("");
  if (report.errors.length > 0) {
    lines.push("errors (not checked):");
    for (const e of report.errors) lines.push(`  ${e.file}: ${e.message}`);
    lines.push("");
  }
  const open = report.findings.filter((f) => !f.known);
  const errorsCount = open.filter((f) => f.severity === "error").length;
  const warnings = open.length - errorsCount;
  const known = report.findings.length - open.length;
  if (!options.quiet || errorsCount > 0) {
    lines.push(
      `${open.length} ${open.length === 1 ? "problem" : "problems"} (${errorsCount} ${errorsCount === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"})` +
        `${known > 0 ? `, ${known} known` : ""}, ${report.errors.length} scan ${report.errors.length === 1 ? "error" : "errors"}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
