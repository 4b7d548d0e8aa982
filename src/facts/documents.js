// Facts of the project's governance documents, which the operation contracts link to the code: operation specs
// (fenced ```yaml blocks in Markdown, or YAML/JSON files) and guardrail tables (Markdown tables of invariant ids
// and the tests that guard them). Parsed with the `yaml` library, which gives every value its line; nothing is
// executed. Every way a document can be bad becomes one error with its line; the rest of it is still read.
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";

/** @typedef {{ value: unknown, line: number, column: number, items?: { line: number, column: number }[] }} SpecField */
/** @typedef {{ line: number, column: number, fields: Record<string, SpecField>, template: boolean }} SpecFact */
/** @typedef {{ id: string, line: number, column: number, test: string | null, testLine: number, testColumn: number }} GuardrailRow */
/** @typedef {{ line: number, message: string }} DocumentError */

/** A spec id holding a template marker (`SPEC-NNN`, `SPEC-XXX`, `<id>`) is a template, not a spec. */
const TEMPLATE_ID = /N{2,}|X{3,}|<[^>]*>|\{\{|TBD|TODO/;

/**
 * @param {string} file
 * @param {string} text
 * @returns {{ specs: SpecFact[], errors: DocumentError[] }}
 */
export function parseSpecDocument(file, text) {
  /** @type {SpecFact[]} */
  const specs = [];
  /** @type {DocumentError[]} */
  const errors = [];
  if (/\.md$/i.test(file)) {
    for (const block of fencedYamlBlocks(text)) readYaml(block.text, block.line - 1, specs, errors, true);
  } else if (/\.json$/i.test(file)) {
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      errors.push({ line: 1, message: `not valid JSON (${/** @type {Error} */ (e).message}); fix it (its specs were not read)` });
      return { specs, errors };
    }
    // JSON has no lines in JSON.parse: read it as YAML (JSON is YAML), which keeps them.
    readYaml(text, 0, specs, errors, false);
    if (specs.length === 0 && json && typeof json === "object" && errors.length === 0)
      errors.push({ line: 1, message: "holds no spec mapping; write one object per spec (or a list of them)" });
  } else {
    readYaml(text, 0, specs, errors, false);
  }
  return { specs, errors };
}

/**
 * The ```yaml (or ```yml) blocks of a Markdown text, with the line their content starts on.
 * @param {string} text
 * @returns {{ text: string, line: number }[]}
 */
export function fencedYamlBlocks(text) {
  const lines = text.split(/\r?\n/);
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*ya?ml\b/i.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    out.push({ text: lines.slice(start, end).join("\n"), line: start + 1 });
    i = end;
  }
  return out;
}

/**
 * @param {string} text
 * @param {number} lineOffset lines before the text in its file
 * @param {SpecFact[]} specs
 * @param {DocumentError[]} errors
 * @param {boolean} oneBlock a Markdown block: one spec mapping expected
 */
function readYaml(text, lineOffset, specs, errors, oneBlock) {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: true });
  const at = (/** @type {number} */ offset) => {
    const p = lc.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  for (const doc of "errors" in docs ? [] : docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      errors.push({
        line: (e.linePos?.[0].line ?? 1) + lineOffset,
        message: `not valid YAML (${e.message.split("\n")[0]}); fix it (this ${oneBlock ? "block" : "file"} was not read)`,
      });
      continue;
    }
    const root = doc.contents;
    if (root === null) continue;
    const mappings = isSeq(root) ? root.items : [root];
    for (const node of mappings) {
      if (!isMap(node)) {
        const where = at(/** @type {any} */ (node)?.range?.[0] ?? 0);
        errors.push({
          line: where.line,
          message: `a spec must be a mapping of fields (spec_id, operation_name, …), found ${isSeq(node) ? "a list" : isScalar(node) ? "a single value" : "something else"}; fix it (it was not read)`,
        });
        continue;
      }
      /** @type {Record<string, SpecField>} */
      const fields = Object.create(null);
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        if (key === null) continue;
        const value = /** @type {any} */ (pair.value);
        // An empty value (`preconditions:`) is reported where its key is.
        const empty = value === null || (isScalar(value) && value.value === null);
        const where = at((empty ? /** @type {any} */ (pair.key).range : value.range)[0]);
        fields[key] = { value: value && typeof value.toJSON === "function" ? value.toJSON() : (value ?? null), ...where };
        if (isSeq(value)) fields[key].items = value.items.map((item) => at(/** @type {any} */ (item)?.range?.[0] ?? value.range?.[0] ?? 0));
      }
      const start = at(node.range?.[0] ?? 0);
      const id = typeof fields.spec_id?.value === "string" ? fields.spec_id.value : "";
      specs.push({ ...start, fields, template: TEMPLATE_ID.test(id) });
    }
  }
}

/**
 * The rows of a guardrail document's Markdown tables that name an invariant id, with the test file each names.
 * The id column is the first whose header says "invariant" or "id"; the test column the first that says "test"
 * or "guard" (else any cell that looks like a test file's path).
 * @param {string} text
 * @param {RegExp} idPattern
 * @returns {{ rows: GuardrailRow[], errors: DocumentError[] }}
 */
export function parseGuardrailDocument(text, idPattern) {
  const lines = text.split(/\r?\n/);
  /** @type {GuardrailRow[]} */
  const rows = [];
  let header = /** @type {string[] | null} */ (null);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!/^\s*\|.*\|\s*$/.test(line)) {
      header = null;
      continue;
    }
    const cells = splitRow(line);
    if (cells.every((c) => /^:?-{2,}:?$/.test(c.text.trim()))) continue; // the separator row
    if (!header) {
      header = cells.map((c) => c.text.trim().toLowerCase());
      continue;
    }
    const idCol = header.findIndex((h) => /invariant|\bid\b/.test(h));
    const testCol = header.findIndex((h) => /test|guard/.test(h));
    const idCell = cells[idCol >= 0 ? idCol : 0];
    const idMatch = idCell ? new RegExp(idPattern.source).exec(idCell.text) : null;
    if (!idMatch || !idCell) continue;
    const testCell = testCol >= 0 ? cells[testCol] : cells.find((c) => /[\w/.-]+\.(test|spec)\.[cm]?[jt]sx?\b/.test(c.text));
    const testText = testCell ? ((/`([^`]+)`|\[[^\]]*\]\(([^)]+)\)|([\w@/.-]+\.[cm]?[jt]sx?)/.exec(testCell.text) ?? []).slice(1).find(Boolean) ?? null) : null;
    rows.push({
      id: idMatch[0],
      line: i + 1,
      column: idCell.column + idMatch.index,
      test: testText ? testText.trim() : null,
      testLine: i + 1,
      testColumn: testCell ? testCell.column + Math.max(0, testCell.text.indexOf(testText ?? "")) : 1,
    });
  }
  return { rows, errors: [] };
}

/**
 * @param {string} line
 * @returns {{ text: string, column: number }[]} cells with the 1-based column where each starts
 */
function splitRow(line) {
  const out = [];
  let start = line.indexOf("|") + 1;
  for (let i = start; i < line.length; i++) {
    if (line[i] === "|" && line[i - 1] !== "\\") {
      out.push({ text: line.slice(start, i), column: start + 1 });
      start = i + 1;
    }
  }
  return out;
}
