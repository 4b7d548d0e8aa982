// `hoc-audit merge`: per-package JSON reports (each audited on its own, e.g. as a cached Nx or Turborepo task)
// combined into one report with one gate table. Paths become relative to where the merge runs. The operation
// indexes the reports carry (`--with-operations`) are joined, so what only the whole repository can tell is told:
// an operation registered in two packages is an ownership conflict, and a dispatch of an operation that another
// package registers is not unknown. Pure over report objects.
import { compareFindings, finalizeFindings } from "./finding.js";
import { RULES } from "../checks/index.js";

/** @typedef {import("../audit.js").Report} Report */
/** @typedef {import("../audit.js").Gate} Gate */
/** @typedef {import("../types.js").Finding} Finding */
/** @typedef {import("./operations-list.js").Listing} Listing */
/** @typedef {{ report: Report, prefix: string, where: string }} Part */

/** Gates whose rows are not a rule's findings: summed as they are. */
const BUILT_IN_GATES = new Set(["scan", "module-resolution", "known-exceptions"]);

/** @param {string} prefix @param {string} file */
const join = (prefix, file) => (prefix === "" || prefix === "." ? file : `${prefix.replace(/\/$/, "")}/${file}`);

/**
 * @param {Part[]} parts each report, with the path of its root relative to the merge (posix, "" for here)
 * @param {{ name: string, version: string }} tool
 * @returns {{ report: Report, problems: string[] }} problems: reports that could not all be joined (said, not hidden)
 */
export function mergeReports(parts, tool) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Finding[]} */
  let findings = [];
  /** @type {import("../types.js").ScanError[]} */
  const errors = [];
  /** @type {Map<string, { part: Part, op: Listing["operations"][number] }[]>} */
  const registered = new Map();
  let files = 0;
  for (const part of parts) {
    const { report, prefix } = part;
    files += report.summary.files;
    for (const f of report.findings) findings.push({ ...f, file: join(prefix, f.file) });
    for (const e of report.errors) errors.push({ ...e, file: join(prefix, e.file) });
    if (!report.operations) {
      if (report.summary.operations > 0)
        problems.push(`${part.where}: has no operation index (audit it with --with-operations); its operations were not joined with the others'`);
      continue;
    }
    for (const op of report.operations.operations) registered.set(op.name, [...(registered.get(op.name) ?? []), { part, op }]);
  }

  // Across packages: a dispatch or an invariant binding that only another package can satisfy is satisfied.
  /** @type {Set<string>} */
  const satisfied = new Set();
  for (const part of parts) {
    for (const d of part.report.operations?.unregisteredDispatches ?? []) {
      if (d.name !== null && registered.has(d.name)) satisfied.add(`hoc/no-unknown-operation|${join(part.prefix, d.file)}|${d.line}|${d.column}`);
    }
    for (const inv of part.report.operations?.deadInvariants ?? []) {
      if (inv.name !== null && registered.has(inv.name)) satisfied.add(`hoc/invariant-binding|${join(part.prefix, inv.file)}|${inv.line}|${inv.column}`);
    }
  }
  findings = findings.filter((f) => !satisfied.has(`${f.ruleId}|${f.file}|${f.line}|${f.column}`));

  // Across packages: one operation, registered by handlers of two packages (hoc/operation-ownership's `duplicate`).
  const ownership = /** @type {import("../checks/index.js").Rule} */ (RULES.get("hoc/operation-ownership"));
  for (const [name, owners] of registered) {
    if (new Set(owners.map((o) => o.part.prefix)).size < 2) continue;
    const sites = owners.flatMap((o) => o.op.registrations.map((r) => ({ ...r, file: join(o.part.prefix, r.file) })));
    for (const site of sites) {
      const others = sites.filter((s) => s !== site);
      /** @type {import("../types.js").RawFinding} */
      const raw = {
        ruleId: ownership.id,
        messageId: "duplicate",
        data: { name, others: others.map((o) => `${o.file}:${o.line}`).join(", ") },
        key: `cross-package|${name}`,
        line: site.line,
        column: site.column,
        endLine: site.line,
        endColumn: site.column,
        related: others.map((o) => ({ file: o.file, line: o.line, column: o.column, message: `also registers ${name}` })),
      };
      findings.push(...finalizeFindings([raw], site.file, () => ({ template: ownership.messages.duplicate, severity: ownership.severity })));
    }
  }
  findings.sort(compareFindings);

  const operations = new Set(parts.flatMap((p) => (p.report.operations ? p.report.operations.operations.map((o) => o.name) : [])));
  const counted = parts.reduce((n, p) => n + (p.report.operations ? 0 : p.report.summary.operations), 0);
  const gates = mergeGates(parts, findings, operations.size + counted);
  return {
    report: {
      tool,
      root: ".",
      summary: { files, operations: operations.size + counted, gates },
      findings,
      errors: errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1)),
    },
    problems,
  };
}

/**
 * One gate table: every gate of every report, in first-seen order; a rule's row counts the merged findings (so a
 * conflict only the merge can see fails its gate), the built-in rows add up.
 * @param {Part[]} parts
 * @param {Finding[]} findings
 * @param {number} operations operations registered anywhere, each counted once
 * @returns {Gate[]}
 */
function mergeGates(parts, findings, operations) {
  /** @type {Map<string, Gate>} */
  const rows = new Map();
  for (const { report } of parts) {
    for (const g of report.summary.gates) {
      const row = rows.get(g.id);
      if (!row) rows.set(g.id, { id: g.id, checked: g.checked, violations: g.violations, status: g.status });
      else {
        row.checked += g.checked;
        row.violations += g.violations;
        row.status = worst(row.status, g.status);
      }
    }
  }
  // One operation registered in two packages is one operation checked (and one conflict's two findings).
  const ownership = rows.get("operation-ownership");
  if (ownership) ownership.checked = operations;
  for (const row of rows.values()) {
    if (BUILT_IN_GATES.has(row.id)) continue;
    const mine = findings.filter((f) => f.ruleId === `hoc/${row.id}`);
    const open = mine.filter((f) => !f.known);
    row.violations = open.length;
    const known = mine.length - open.length;
    if (known > 0) row.known = known;
    row.status = open.some((f) => f.severity === "error") ? "fail" : open.length > 0 || mine.some((f) => f.known === "exception") ? "warn" : "pass";
  }
  return [...rows.values()];
}

/** @param {Gate["status"]} a @param {Gate["status"]} b */
function worst(a, b) {
  const rank = { pass: 0, warn: 1, fail: 2 };
  return rank[a] >= rank[b] ? a : b;
}
