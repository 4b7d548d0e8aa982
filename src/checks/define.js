// One definition per rule: what it reports (its message ids), where it is on (presets, default severity), what it
// counts in the gate table, whether it reads the whole project or gains from type information, and which config
// sections it reads. The ESLint adapters, the presets, the audit's rule list and the docs index are all derived
// from these definitions; `report()` is typed by the rule's own message ids, so `tsc` rejects a misspelled one.

/** @typedef {import("../types.js").Severity} Severity */
/** @typedef {import("../types.js").Location} Location */
/** @typedef {import("../types.js").RelatedLocation} RelatedLocation */
/** @typedef {import("../types.js").Suggestion} Suggestion */
/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../types.js").HocConfig} HocConfig */
/** @typedef {import("../project/project.js").Project} Project */
/** @typedef {"recommended" | "strict"} Preset */

/**
 * @template {string} M
 * @typedef {{
 *   messageId: M,
 *   data?: Record<string, string>,
 *   key: string,
 *   at: Location,
 *   related?: RelatedLocation[],
 *   suggestion?: Suggestion,
 * }} Report
 */

/**
 * @template {string} M
 * @typedef {{ file: string, project: Project, report(r: Report<M>): void }} CheckContext
 */

/**
 * @template {string} M
 * @typedef {{ file: string, doc: import("../project/documents.js").DocumentFacts, project: Project, report(r: Report<M>): void }} DocumentContext
 */

/**
 * @template {string} M
 * @typedef {{
 *   id: `hoc/${string}`,
 *   description: string,
 *   severity: Severity,
 *   presets: Preset[],
 *   gate: { label: string, unit: string, violationWord?: string },
 *   messages: Record<M, string>,
 *   suggestions?: boolean,
 *   scope: "file" | "project",
 *   types?: "optional",
 *   reads: (keyof HocConfig)[],
 *   gateChecked?(project: Project): number,
 *   gateNote?(project: Project): string | null,
 *   check(ctx: CheckContext<M>): number,
 *   documents?: import("../project/documents.js").DocumentKind,
 *   checkDocument?(ctx: DocumentContext<M>): number,
 * }} CheckDefinition
 * `gateNote`: what the gate could not check, said in its row ("2 with a computed table name, not compared").
 * `scope: "project"`: the rule reads every file of the project (the operation index), so ESLint keeps the
 * project's file list fresh for it. `types: "optional"`: the rule sees more with type information, but works
 * without. `check` reports through `ctx.report` and returns how many things it checked (for the gate). A rule
 * about documents (`documents: "specs" | "guardrails"`) also checks each of them in `checkDocument`; its findings
 * are located in the document, so only hoc-audit reports them (ESLint lints TypeScript).
 */

/**
 * @template {string} M
 * @typedef {CheckDefinition<M> & {
 *   checkFile(file: string, project: Project): { findings: RawFinding[], checked: number },
 *   checkDocumentFile(doc: import("../project/documents.js").DocumentFacts, project: Project): { findings: RawFinding[], checked: number },
 * }} Check
 */

/**
 * Text from the scanned code (import specifiers, names, file names) reaches terminals, CI logs and reports: a
 * newline or an escape sequence in it could forge lines (`::error` commands of GitHub Actions) or recolour a
 * terminal. Control characters are shown escaped, the same in every front end.
 * @param {string} text
 */
export function visible(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * @param {Record<string, string>} data
 * @returns {Record<string, string>}
 */
function visibleData(data) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [k, v] of Object.entries(data)) out[k] = visible(String(v));
  return out;
}

/** Config sections several rules share: one project model needs one value of each, so no rule's options set them. */
const SHARED_SECTIONS = new Set(["layers", "operations", "database", "models", "hocTree"]);

/**
 * The config section a rule's ESLint options stand for: its own (`surfaceLimits` for hoc/surface-limits), or null
 * when it reads only shared ones.
 * @param {{ reads: string[] }} rule
 * @returns {string | null}
 */
export function optionSection(rule) {
  return rule.reads.find((s) => !SHARED_SECTIONS.has(s)) ?? null;
}

/**
 * @template {string} M
 * @param {CheckDefinition<M>} def
 * @returns {Check<M>}
 */
export function defineCheck(def) {
  const collect = () => {
    /** @type {RawFinding[]} */
    const findings = [];
    /** @param {Report<M>} r */
    const report = (r) => {
      findings.push({
        ruleId: def.id,
        messageId: r.messageId,
        data: visibleData(r.data ?? {}),
        key: r.key,
        ...locationOf(r.at),
        ...(r.related ? { related: r.related } : {}),
        ...(r.suggestion ? { suggestion: r.suggestion } : {}),
      });
    };
    const done = (/** @type {number} */ checked) => {
      findings.sort((a, b) => a.line - b.line || a.column - b.column);
      return { findings, checked };
    };
    return { report, done };
  };
  return {
    ...def,
    checkFile(file, project) {
      const { report, done } = collect();
      return done(def.check({ file, project, report }));
    },
    checkDocumentFile(doc, project) {
      const { report, done } = collect();
      return done(def.checkDocument ? def.checkDocument({ file: doc.file, doc, project, report }) : 0);
    },
  };
}

/**
 * The location a finding takes from the fact it is about (a fact carries line, column, endLine, endColumn).
 * @param {Location} fact
 * @returns {Location}
 */
export function locationOf(fact) {
  return { line: fact.line, column: fact.column, endLine: fact.endLine, endColumn: fact.endColumn };
}
