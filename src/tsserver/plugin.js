// The TypeScript language-service front end: the rules' findings as semantic diagnostics of each open file, in
// every editor that talks to tsserver. It is the ESLint front end's engine (src/eslint/project-cache.js) fed from
// tsserver's own program: the open file's AST and type checker are tsserver's, and the facts of every other file of
// the program come from the source files tsserver already parsed (extracted again only when tsserver's object for
// that file changed: an edit, a save, a creation). Files outside the program come from the disk, as in ESLint.
import path from "node:path";
import ts from "../ts.js";
import { CATALOG, CHECKS } from "../checks/index.js";
import { NOT_CHECKED, NOT_CHECKED_MESSAGE } from "../checks/not-checked.js";
import { formatMessage } from "../report/finding.js";
import { lintFindings, prepareLint } from "../eslint/project-cache.js";
import { extractFacts } from "../facts/extract.js";
import { tooDeep } from "../facts/parse.js";
import { extractOptionsFor } from "../project/project.js";

/** @typedef {import("typescript")} TS */
/** @typedef {import("../types.js").RawFinding} RawFinding */

/**
 * The diagnostic code of each rule: TypeScript wants a number; the rule id is the diagnostic's `source`. Codes are
 * stable: 99000 + the rule's place in the registry, which only grows at its end.
 */
export const CODE_BASE = 99000;
const RULE_CODES = new Map(CATALOG.ids.map((id, i) => [id, CODE_BASE + i]));

/**
 * @param {TS} tsModule the TypeScript tsserver runs (the plugin's `typescript` when they are the same module)
 * @param {import("typescript").server.PluginCreateInfo} info
 * @returns {import("typescript").LanguageService}
 */
export function createHocPlugin(tsModule, info) {
  const ls = info.languageService;
  const log = (/** @type {string} */ msg) => info.project.projectService.logger.info(`[eslint-plugin-hoc] ${msg}`);
  // The program's source files can be reused when they are this TypeScript's; another copy of the same version
  // has the same syntax kinds, any other version is read from the text.
  const sameTs = tsModule.version === ts.version;
  /** @type {WeakMap<object, { abs: string, entry: object | null }>} per program source file: its path, and the entry made from it */
  const taken = new WeakMap();
  /** @type {Map<string, { findings: FindingOut[], version: string }>} the last findings per open file (for code fixes) */
  const last = new Map();

  /** @type {import("typescript").LanguageService} */
  const proxy = Object.create(null);
  for (const key of /** @type {(keyof import("typescript").LanguageService)[]} */ (Object.keys(ls))) {
    const member = ls[key];
    // @ts-expect-error: every member is forwarded as it is
    proxy[key] = typeof member === "function" ? (...args) => member.apply(ls, args) : member;
  }

  proxy.getSemanticDiagnostics = (fileName) => {
    const prior = ls.getSemanticDiagnostics(fileName);
    try {
      const program = ls.getProgram();
      const sf = program?.getSourceFile(fileName);
      if (!program || !sf) return prior;
      const findings = findingsFor(program, sf);
      last.set(fileName, { findings, version: info.project.getScriptVersion(fileName) });
      return [...prior, ...findings.map((f) => f.diagnostic)];
    } catch (e) {
      // The editor's own diagnostics always appear; ours are logged as missing, with why.
      log(`no diagnostics for ${fileName}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return prior;
    }
  };

  proxy.getCodeFixesAtPosition = (fileName, start, end, errorCodes, formatOptions, preferences) => {
    const prior = ls.getCodeFixesAtPosition(fileName, start, end, errorCodes, formatOptions, preferences);
    try {
      const known = last.get(fileName);
      if (!known || known.version !== info.project.getScriptVersion(fileName)) return prior;
      /** @type {import("typescript").CodeFixAction[]} */
      const ours = [];
      for (const f of known.findings) {
        const d = f.diagnostic;
        if (!f.fix || !errorCodes.includes(d.code) || d.start === undefined) continue;
        if (d.start > end || d.start + (d.length ?? 0) < start) continue;
        ours.push({
          fixName: f.ruleId,
          description: f.fix.description,
          changes: [{ fileName, textChanges: f.fix.edits.map((e) => ({ span: { start: e.range[0], length: e.range[1] - e.range[0] }, newText: e.text })) }],
        });
      }
      return [...prior, ...ours];
    } catch (e) {
      log(`no code fixes for ${fileName}: ${e instanceof Error ? e.message : String(e)}`);
      return prior;
    }
  };

  /**
   * @typedef {{ ruleId: string, diagnostic: import("typescript").Diagnostic, fix: { description: string, edits: { range: [number, number], text: string }[] } | null }} FindingOut
   */

  /**
   * @param {import("typescript").Program} program
   * @param {import("typescript").SourceFile} sf
   * @returns {FindingOut[]}
   */
  function findingsFor(program, sf) {
    const fileName = path.resolve(sf.fileName);
    const context = {
      filename: fileName,
      cwd: info.project.getCurrentDirectory(),
      settings: {},
      sourceCode: {
        text: sf.text,
        ast: sf,
        parserServices: { esTreeNodeToTSNodeMap: { get: () => sf }, program: /** @type {any} */ (program) },
      },
    };
    const prepared = prepareLint(context, { everyRequest: true });
    if (prepared.skip) return [];
    takeProgramFacts(prepared.state.project, program, fileName);
    const { config } = prepared.state.project;
    /** @type {FindingOut[]} */
    const out = [];
    for (const check of CHECKS) {
      const severity = config.rules.get(check.id);
      if (!severity) continue;
      for (const raw of lintFindings(context, check)) out.push(toDiagnostic(check, raw, severity, sf));
    }
    return out;
  }

  /**
   * Give the project the facts of the program's other files, from the ASTs tsserver holds: an edited file that is
   * not saved yet counts as edited. Only source files whose object changed are read again.
   * @param {import("../project/project.js").Project} project
   * @param {import("typescript").Program} program
   * @param {string} current the file being diagnosed (the front end overlays it itself)
   */
  function takeProgramFacts(project, program, current) {
    if (!sameTs) return;
    /** @type {Set<string> | null} */
    let inProject = null;
    for (const other of program.getSourceFiles()) {
      // Unchanged since taken, and the project still holds what was taken (the front end resets a file it
      // overlaid before to the disk when it moves on to another): nothing to do, without touching a path.
      const before = taken.get(other);
      if (before && (before.entry === null || project.entries.get(before.abs) === before.entry)) continue;
      const abs = before?.abs ?? path.resolve(other.fileName);
      inProject ??= new Set(project.files);
      if (other.isDeclarationFile || abs === current || !inProject.has(abs) || tooDeep(/** @type {any} */ (other))) {
        // Not ours to take (a deep file: the disk read reports it); the open file is overlaid by the front end.
        if (abs !== current) taken.set(other, { abs, entry: null });
        continue;
      }
      const facts = extractFacts(/** @type {any} */ (other), extractOptionsFor(project.config, abs));
      const entry = project.install(abs, { facts, error: null, mtimeMs: 0, size: -1 });
      // tsserver watches its program's files and hands a new source file for every change: the entry is held like
      // the editor's own text, never re-checked against the disk.
      entry.overlay = true;
      taken.set(other, { abs, entry });
    }
  }

  return proxy;
}

/**
 * @param {import("../checks/index.js").Rule} check
 * @param {RawFinding} raw
 * @param {import("../types.js").Severity} severity
 * @param {import("typescript").SourceFile} sf
 */
function toDiagnostic(check, raw, severity, sf) {
  const template = raw.messageId === NOT_CHECKED ? NOT_CHECKED_MESSAGE : check.messages[raw.messageId];
  const start = positionOf(sf, raw.line, raw.column);
  const end = positionOf(sf, raw.endLine ?? raw.line, raw.endColumn ?? raw.column);
  /** @type {import("typescript").Diagnostic} */
  const diagnostic = {
    file: sf,
    start,
    length: Math.max(0, end - start),
    messageText: formatMessage(template, raw.data),
    category: severity === "error" ? ts.DiagnosticCategory.Error : ts.DiagnosticCategory.Warning,
    code: /** @type {number} */ (RULE_CODES.get(check.id)),
    source: check.id,
  };
  const s = raw.suggestion;
  return { ruleId: check.id, diagnostic, fix: s ? { description: formatMessage(check.messages[s.messageId], s.data), edits: s.edits } : null };
}

/**
 * @param {import("typescript").SourceFile} sf
 * @param {number} line 1-based
 * @param {number} column 1-based
 */
function positionOf(sf, line, column) {
  const lines = sf.getLineStarts();
  const at = lines[Math.min(Math.max(line - 1, 0), lines.length - 1)] + column - 1;
  return Math.min(at, sf.text.length);
}
