// From a check's raw finding to the reported one: message text, severity, stable fingerprint, order.
import crypto from "node:crypto";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../types.js").Finding} Finding */
/** @typedef {import("../types.js").Severity} Severity */

/**
 * ESLint's own interpolation (`{{name}}`), so both front ends print the same text from the same data.
 * @param {string} template
 * @param {Record<string, string>} data
 */
export function formatMessage(template, data) {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (all, name) => (name in data ? String(data[name]) : all));
}

/**
 * Fingerprints hash what a finding is (rule, file, the check's key, its occurrence among equal keys), never
 * its line, so they survive unrelated edits: baselines and SARIF `partialFingerprints` depend on that.
 * @param {RawFinding[]} raws findings of one file, in source order
 * @param {string} file posix path relative to the root
 * @param {(raw: RawFinding) => { template: string, severity: Severity }} lookup
 * @returns {Finding[]}
 */
export function finalizeFindings(raws, file, lookup) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  return raws.map((raw) => {
    const identity = `${raw.ruleId}\u0000${file}\u0000${raw.key}`;
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    const fingerprint = crypto.createHash("sha256").update(`${identity}\u0000${n}`).digest("hex").slice(0, 32);
    const { template, severity } = lookup(raw);
    /** @type {Finding} */
    const finding = {
      ruleId: raw.ruleId,
      severity,
      file,
      line: raw.line,
      column: raw.column,
      endLine: raw.endLine,
      endColumn: raw.endColumn,
      messageId: raw.messageId,
      data: raw.data,
      message: formatMessage(template, raw.data),
      fingerprint,
    };
    if (raw.related) finding.related = raw.related;
    return finding;
  });
}

/**
 * Deterministic order: file, line, column, rule, message.
 * @param {Finding} a
 * @param {Finding} b
 */
export function compareFindings(a, b) {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
