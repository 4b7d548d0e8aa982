// Cross-file state for the ESLint front end: one Project per config per ESLint process, built lazily and
// validated against the disk on access, with the linted file's own AST overlaid. That is how the editor sees a
// moved registration, a deleted file or a new import on the next lint, without restarting the ESLint server.
import fs from "node:fs";
import path from "node:path";
import ts from "../ts.js";
import { compileConfig, findConfigFile, readConfigFile, validateUserConfig } from "../config/load-config.js";
import { ConfigError } from "../config/config-error.js";
import { Project } from "../project/project.js";
import { parseText } from "../facts/parse.js";
import { discoverFiles, isScanned } from "../project/discover.js";
import { CATALOG } from "../checks/index.js";
import { carriesPrivateKeys, typeVerdict } from "../types-aware/type-verdict.js";
import { knownStatus, readBaseline } from "../report/known.js";
import { finalizeFindings } from "../report/finding.js";
import { FactCache } from "../project/fact-cache.js";
import { fileStamp } from "../project/file-stamp.js";
import { refusal } from "../project/refusals.js";
import { NOT_CHECKED, internalErrorReason } from "../checks/not-checked.js";
import { optionSection } from "../checks/define.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../checks/index.js").Rule} Rule */
/**
 * @typedef {{
 *   filename: string,
 *   cwd: string,
 *   settings: Record<string, unknown>,
 *   options?: unknown[],
 *   sourceCode: { text: string, ast: object, parserServices?: { esTreeNodeToTSNodeMap?: { get(node: object): unknown }, program?: import("typescript").Program | null } },
 * }} LintContext
 */

/**
 * @typedef {{
 *   project: Project, stamp: string, lastLint: number, lastValidate: number, walkEpoch: number,
 *   dirCache: import("../project/discover.js").DirCache, scanned: Map<string, boolean>,
 *   scannedFolders: import("../project/discover.js").ScannedFolders, checkedShape: boolean,
 *   baseline: { file: string, stamp: string, fingerprints: Set<string> } | null,
 *   unreadCache: FactCache | null,
 * }} ProjectState
 */
/** @type {Map<string, ProjectState>} */
const projects = new Map();

// Freshness without paying for it in batch runs. In the editor, lints come seconds apart: every lint is a new
// validation pass that re-validates each cached file against the disk (one stat each) and re-walks the project's
// folders (one stat per folder; only changed folders are read). In `eslint .`, lints come milliseconds apart
// (burstGapMs) and nothing changes underneath: a burst validates at most once per batchValidateMs. The file
// being linted is always taken from its own text.
const freshness = { burstGapMs: 150, batchValidateMs: 1000, configCheckMs: 2000, serverValidateMs: 1000 };

/**
 * For tests (and embedders with their own pacing): change the freshness timings.
 * @param {Partial<typeof freshness>} timings
 */
export function configureFreshness(timings) {
  Object.assign(freshness, timings);
}
/** @type {WeakMap<object, { project: Project, file: string }>} */
const overlaid = new WeakMap();
/** @type {WeakMap<object, { cwd: string, filename: string, file: string, base: ProjectState }>} per AST: what its first rule worked out */
const baseOfLint = new WeakMap();
/** The SourceFile class of the TypeScript we depend on; the parser's AST is reused only if it is the same. */
const OUR_SOURCE_FILE = Object.getPrototypeOf(ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));

/** @type {Map<string, { file: string | null, at: number }>} folder -> nearest hoc.config.json, re-checked every configCheckMs */
const configByDir = new Map();

/**
 * The nearest hoc.config.json of a folder, remembered per folder: looking it up walked every parent folder for
 * every linted file. A config created later is found within configCheckMs.
 * @param {string} dir
 */
function configFileFor(dir) {
  const now = performance.now();
  const hit = configByDir.get(dir);
  if (hit && now - hit.at < freshness.configCheckMs) return hit.file;
  const file = findConfigFile(dir);
  configByDir.set(dir, { file, at: now });
  return file;
}

/**
 * @param {Project} project
 * @param {string} stamp
 * @returns {ProjectState}
 */
function newState(project, stamp) {
  /** @type {import("../project/discover.js").DirCache} */
  const dirCache = new Map();
  project.dirCache = dirCache;
  return {
    project,
    stamp,
    lastLint: -Infinity,
    lastValidate: -Infinity,
    walkEpoch: -1,
    dirCache,
    scanned: new Map(),
    scannedFolders: new Map(),
    checkedShape: false,
    baseline: null,
    unreadCache: null,
  };
}

/**
 * The project model of a lint: re-validated against the disk as lints go, and screening files by their text (the
 * editor's first lint parses the files that can register, not the whole repository).
 * @param {import("../types.js").HocConfig} config
 */
function lintProject(config) {
  return new Project(config, { validateOnAccess: true, screen: true });
}

/**
 * @param {LintContext} context
 * @returns {ProjectState}
 */
function projectFor(context) {
  const inline = context.settings?.hoc;
  try {
    if (inline !== undefined) {
      const { root, ...user } = /** @type {Record<string, unknown>} */ (inline);
      // settings.hoc.baseline names the same file as `hoc-audit --baseline`, relative to the root.
      // Without a root, the folder a zero config would take (never a filesystem root).
      const rootDir = typeof root === "string" ? path.resolve(context.cwd, root) : zeroConfigRoot(context.cwd, path.resolve(context.cwd, context.filename));
      const key = `settings:${rootDir}:${JSON.stringify(inline)}`;
      const hit = projects.get(key);
      if (hit) return hit;
      validateUserConfig(user, "ESLint settings.hoc");
      if (!isDirectory(rootDir)) {
        throw new ConfigError(
          `ESLint settings.hoc.root: ${rootDir} is not a folder; give the folder that holds your code, relative to ESLint's cwd (${context.cwd})`,
        );
      }
      const project = lintProject(compileConfig(user, { root: rootDir, configFile: null, where: "ESLint settings.hoc" }, CATALOG));
      const state = newState(project, "");
      projects.set(key, state);
      return state;
    }
    const linted = path.resolve(context.cwd, context.filename);
    const configFile = configFileFor(path.dirname(linted));
    const defaultRoot = configFile ? "" : zeroConfigRoot(context.cwd, linted);
    const key = configFile ? `file:${configFile}` : `default:${defaultRoot}`;
    const stamp = configFile ? fileStamp(configFile) : "";
    const hit = projects.get(key);
    if (hit && hit.stamp === stamp) return hit;
    let project;
    if (configFile) {
      const user = readConfigFile(configFile);
      validateUserConfig(user, configFile);
      project = lintProject(compileConfig(user, { root: path.dirname(configFile), configFile, where: configFile }, CATALOG));
    } else {
      project = lintProject(compileConfig({}, { root: defaultRoot, configFile: null, where: "default profile" }, CATALOG));
    }
    const state = newState(project, stamp);
    projects.set(key, state);
    return state;
  } catch (e) {
    throw asLintError(e);
  }
}

/** @type {WeakMap<ProjectState, Map<string, ProjectState>>} the projects of rules with ESLint options, per base project */
const optionStates = new WeakMap();
let rulesSettingWarned = false;

/**
 * The project state a rule lints with: the config's, or — when the ESLint config gives the rule options — the
 * config with the rule's own section merged with them (shallowly: an option replaces that key of the section, and
 * lists follow the usual replace / `{ "extend" }` rule). Such a rule works on its own project model.
 * @param {LintContext} context
 * @param {Rule | undefined} check
 * @param {ProjectState} [base] the config's project state, when known already
 * @returns {ProjectState}
 */
function stateFor(context, check, base = projectFor(context)) {
  const inline = /** @type {Record<string, unknown> | undefined} */ (context.settings?.hoc);
  if (inline?.rules !== undefined && !rulesSettingWarned) {
    rulesSettingWarned = true;
    process.emitWarning(
      "eslint-plugin-hoc: settings.hoc.rules has no effect in ESLint: severities come from the ESLint config's `rules` (settings.hoc.rules is for hoc-audit, from hoc.config.json)",
      { code: "HOC_SETTINGS_RULES" },
    );
  }
  const section = check ? optionSection(check) : null;
  const options = /** @type {Record<string, unknown> | undefined} */ (context.options?.[0]);
  if (!check || !section || !options || Object.keys(options).length === 0) return base;
  let byOptions = optionStates.get(base);
  if (!byOptions) optionStates.set(base, (byOptions = new Map()));
  const key = `${section}:${JSON.stringify(options)}`;
  let state = byOptions.get(key);
  if (!state) {
    const { user, origin } = base.project.config.source;
    const own = /** @type {Record<string, unknown>} */ (user)[section];
    const merged = { ...user, [section]: { ...(typeof own === "object" && own !== null ? own : {}), ...options } };
    const where = `${origin.where} with the ESLint options of ${check.id}`;
    try {
      validateUserConfig(merged, where);
      state = newState(lintProject(compileConfig(merged, { ...origin, where }, CATALOG)), base.stamp);
    } catch (e) {
      throw asLintError(e);
    }
    byOptions.set(key, state);
  }
  return state;
}

/**
 * ESLint reports a thrown error with the file being linted and stops: keep it to the one line that says what to
 * fix, as hoc-audit prints it.
 * @param {unknown} e
 */
function asLintError(e) {
  if (e instanceof ConfigError) {
    const err = new Error(`eslint-plugin-hoc: ${e.message}`);
    err.stack = err.message;
    return err;
  }
  return e;
}

/** @type {Map<string, string>} */
const rootByDir = new Map();

/**
 * Without a hoc.config.json, the root is ESLint's cwd, as in hoc-audit run there; when the linted file is not
 * below it, or it is a filesystem root (editors and test runners start there), the nearest folder above the file
 * that holds a package.json, a tsconfig.json or .git: walking a whole disk is never what anyone meant.
 * @param {string} cwd
 * @param {string} file
 */
export function zeroConfigRoot(cwd, file) {
  const inside = file.startsWith(cwd.endsWith(path.sep) ? cwd : cwd + path.sep);
  if (inside && path.parse(cwd).root !== cwd) return cwd;
  const start = path.dirname(file);
  const hit = rootByDir.get(start);
  if (hit) return hit;
  let found = start;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (["package.json", "tsconfig.json", ".git"].some((m) => fs.existsSync(path.join(dir, m)))) {
      found = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  rootByDir.set(start, found);
  return found;
}

/** @param {string} p */
function isDirectory(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The TypeScript AST of the linted file: the parser's own when it was built by our TypeScript, else a parse
 * of the same text. Either way the facts are extracted by the same code as in hoc-audit.
 * @param {LintContext} context
 * @returns {ts.SourceFile}
 */
function sourceFileOf(context) {
  const fromParser = context.sourceCode.parserServices?.esTreeNodeToTSNodeMap?.get(context.sourceCode.ast);
  if (fromParser && Object.getPrototypeOf(fromParser) === OUR_SOURCE_FILE) return /** @type {ts.SourceFile} */ (fromParser);
  return parseText(context.filename, context.sourceCode.text);
}

/**
 * The project model up to date for the linted file (its own text overlaid, the file list walked when due); `skip`
 * when hoc-audit would not scan the file. Once per file version, however many rules ask (`everyRequest`: also when
 * the file's AST is the same as last time, as in tsserver).
 * @param {LintContext} context
 * @param {{ everyRequest?: boolean, check?: Rule }} [options] check: the rule asking (its ESLint options may give it its own project)
 * @returns {{ skip: true } | { skip: false, file: string, state: ProjectState, ast: object }}
 */
export function prepareLint(context, { everyRequest = false, check } = {}) {
  const ast = context.sourceCode.ast;
  // Every rule of one lint asks with the same AST: the file's path and its config's project (a config-file stat, a
  // folder lookup) are worked out by the first rule only. A request (tsserver's) works them out again.
  let known = everyRequest ? undefined : baseOfLint.get(ast);
  if (!known || known.cwd !== context.cwd || known.filename !== context.filename) {
    known = { cwd: context.cwd, filename: context.filename, file: path.resolve(context.cwd, context.filename), base: projectFor(context) };
    baseOfLint.set(ast, known);
  }
  const { file } = known;
  const state = stateFor(context, check, known.base);
  const { project } = state;
  let scanned = state.scanned.get(file);
  // A file the last walk collected passed the same filters; asking the tsconfig again per file cost a parse each.
  if (scanned === undefined) state.scanned.set(file, (scanned = project.listed().has(file) || isScanned(project.config, file, state.scannedFolders)));
  if (!scanned) return { skip: true };
  const done = overlaid.get(ast);
  if (!done || done.project !== project || done.file !== file) {
    beginLint(state);
    project.setOverlay(file, () => sourceFileOf(context), context.sourceCode.text);
    overlaid.set(ast, { project, file });
  } else if (everyRequest && performance.now() - state.lastValidate >= freshness.serverValidateMs) {
    // tsserver keeps an unchanged file's AST across requests: the disk may still have changed around it. Its own
    // watchers already bring changed program files; the walk for the rest runs at most every serverValidateMs.
    beginLint(state);
  }
  ensureFileList(state, file);
  return { skip: false, file, state, ast };
}

/**
 * Run one check on the linted file, with the project model up to date for it. Files hoc-audit does not scan
 * (excluded in hoc.config.json) are left alone.
 * @param {LintContext} context
 * @param {Rule} check
 * @returns {RawFinding[]}
 */
export function runCheckForLint(context, check) {
  const prepared = prepareLint(context, { check });
  if (prepared.skip) return [];
  const { file, state, ast } = prepared;
  const { project } = state;
  if (path.basename(file).includes("\\")) return notChecked(ast, "its name contains a backslash, which TypeScript reads as a folder separator; rename it");
  if (check.scope === "project") warnAboutEslintCache(context.cwd);
  const entry = project.entry(file);
  if (entry.error) return notChecked(ast, entry.error.replace(/^skipped: /, ""));
  project.types = typesFor(context, file);
  try {
    return check.checkFile(file, project).findings;
  } catch (e) {
    // One rule failing on one file must not end the lint of every other file (ESLint stops at a thrown error).
    if (e instanceof ConfigError) throw asLintError(e);
    return notChecked(ast, internalErrorReason(check.id, e));
  } finally {
    project.types = null;
    // The gap to the next lint is measured from here: a lint that took long (a first walk of a large project) does
    // not make the next one look like a new burst that walks again.
    state.lastLint = performance.now();
  }
}

/** @type {WeakMap<object, true>} files whose "not checked" was reported already, by AST */
const notCheckedReported = new WeakMap();

/**
 * A file the rules could not check is said once, by the first hoc rule that runs on it, not once per rule.
 * @param {object} ast
 * @param {string} reason
 * @returns {RawFinding[]}
 */
function notChecked(ast, reason) {
  if (notCheckedReported.has(ast)) return [];
  notCheckedReported.set(ast, true);
  return [{ ruleId: "", messageId: NOT_CHECKED, data: { reason }, key: "not-checked", line: 1, column: 1, endLine: 1, endColumn: 1 }];
}

let cacheWarned = false;
/** Folders whose .eslintcache was looked for (once per process: ESLint writes it at the end of the run). */
const cacheLooked = new Set();

/**
 * `eslint --cache` re-lints only the files that changed, so a cross-file finding caused by another file's change
 * (a registration deleted elsewhere, a second owner added) is not reported until the file itself changes. ESLint
 * does not tell rules it runs with a cache; its default cache file in the cwd is what can be seen. Warned once.
 * @param {string} cwd
 */
function warnAboutEslintCache(cwd) {
  if (cacheWarned || cacheLooked.has(cwd)) return;
  cacheLooked.add(cwd);
  if (!fs.existsSync(path.join(cwd, ".eslintcache"))) return;
  cacheWarned = true;
  process.emitWarning(
    "eslint-plugin-hoc: .eslintcache found: with `eslint --cache`, files that did not change are not linted again, so findings that depend on other files (operation ownership, unknown operations, invariant bindings, handler scope) can be missed. In CI, run hoc-audit, or ESLint without --cache.",
    { code: "HOC_ESLINT_CACHE" },
  );
}

/**
 * Type information for the linted file when the ESLint config provides it (parserOptions.projectService or
 * project) and the program was built by the TypeScript we depend on; otherwise the rules stay syntactic.
 * @param {LintContext} context
 * @param {string} file
 */
function typesFor(context, file) {
  const program = context.sourceCode.parserServices?.program;
  if (!program) return null;
  const sf = program.getSourceFile(file);
  if (!sf || Object.getPrototypeOf(sf) !== OUR_SOURCE_FILE) return null;
  const checker = program.getTypeChecker();
  /** @type {import("../types.js").TypeOracle} */
  const oracle = {
    verdict: (f, fact, m) => (f === file ? typeVerdict(ts, checker, sf, fact, m) : null),
    carriesPrivateKeys: (f, fact, reserved) => (f === file ? carriesPrivateKeys(ts, checker, sf, fact.exprPos, fact.exprEnd, reserved) : null),
  };
  return oracle;
}

/**
 * Once per linted file: decide whether cached files are re-validated against the disk during this lint.
 * @param {ProjectState} state
 */
function beginLint(state) {
  const now = performance.now();
  const burst = now - state.lastLint < freshness.burstGapMs;
  state.lastLint = now;
  if (burst && state.unreadCache) {
    // A burst (`eslint .`) lints every file, so it needs every file's facts: taken from the fact cache at once.
    installCached(state.project, state.unreadCache);
    state.unreadCache = null;
  }
  // A burst validates at most once per batchValidateMs, and never spends more than ~5% of its time on it: on a large
  // project one pass (a walk, a stat per file) costs tens of milliseconds.
  const interval = Math.max(freshness.batchValidateMs, 20 * state.project.passCostMs);
  const validate = !burst || now - state.lastValidate >= interval;
  state.project.validateOnAccess = validate;
  if (validate) {
    state.lastValidate = now;
    state.project.newPass();
  }
}

/**
 * The project's files, walked once per validation pass (folders whose mtime did not change are not read again),
 * so a created, renamed or deleted file is seen on the next editor lint whatever the timing. A changed file list
 * is a change of the project: project-wide indexes are rebuilt. The first walk also checks the project's shape the
 * way hoc-audit does, and refuses a config that cannot be right.
 * @param {ProjectState} state
 * @param {string} file
 */
function ensureFileList(state, file) {
  const { project } = state;
  if (state.walkEpoch !== project.epoch) {
    const before = project.files;
    const started = performance.now();
    const walked = discoverFiles(project.config, [project.config.root], () => {}, state.dirCache);
    if (state.walkEpoch !== -1) project.passCostMs += performance.now() - started;
    const files = walked.includes(file) ? walked : [...walked, file].sort();
    if (files.length !== before.length || files.some((f, i) => f !== before[i])) project.setFiles(files);
    if (state.walkEpoch === -1) state.unreadCache = openFactCache(project);
    state.walkEpoch = project.epoch;
    if (!state.checkedShape) {
      state.checkedShape = true;
      const problem = refusal(project, walked, true);
      if (problem) throw asLintError(problem);
    }
  } else if (!project.listed().has(file)) {
    project.setFiles([...project.files, file].sort());
  }
}

/**
 * Take the facts of unchanged files from the hoc-audit fact cache named in the config, if there is one, whenever a
 * rule needs a file's facts: the linted file, the files the screen marks, and the ones reached through imports.
 * The first lint reads nothing else from it (in the editor, deserializing every file's facts cost more than the
 * screen that reads their text); a burst of lints takes every file's at once (see beginLint). Never written.
 * @param {Project} project
 * @returns {FactCache | null} the cache, when there is one
 */
function openFactCache(project) {
  const file = project.config.cache;
  if (!file || !fs.existsSync(file)) return null;
  const cache = new FactCache(file, project.config);
  // A cache that cannot serve costs time, not findings: said once, with what to do, never silent.
  const why = unusedCacheReason(cache, project);
  if (why && !factCacheWarned.has(file)) {
    factCacheWarned.add(file);
    process.emitWarning(`eslint-plugin-hoc: the fact cache ${file} ${why}; the rules read those files themselves`, { code: "HOC_FACT_CACHE" });
  }
  project.factCache = { get: (rel, abs) => cache.get(rel, abs), set: () => {} };
  return cache;
}

/**
 * The facts of every file the fact cache holds unchanged and the project has not read yet.
 * @param {Project} project
 * @param {FactCache} cache
 */
function installCached(project, cache) {
  for (const abs of project.files) {
    if (project.entries.has(abs)) continue;
    const data = cache.get(project.rel(abs), abs);
    if (data) project.install(abs, data);
  }
}

/**
 * The findings of one rule for the linted file, as ESLint reports them: known findings (a path or handler-domain
 * exception with its reason, a baseline entry) are left out, decided by the function hoc-audit uses to mark them.
 * @param {LintContext} context
 * @param {Rule} check
 * @returns {RawFinding[]}
 */
export function lintFindings(context, check) {
  const raws = runCheckForLint(context, check);
  if (raws.length === 0 || raws[0].messageId === NOT_CHECKED) return raws;
  const state = stateFor(context, check);
  const { config } = state.project;
  const rel = state.project.rel(path.resolve(context.cwd, context.filename));
  const baseline = baselineOf(state, context);
  const finals = finalizeFindings(raws, rel, (raw) => ({ template: check.messages[raw.messageId], severity: check.severity }));
  return raws.filter((raw, i) => knownStatus(finals[i], config, baseline) === null);
}

/**
 * The fingerprints recorded in the baseline (settings.hoc.baseline, else the config's `baseline`), re-read
 * when the file changes.
 * @param {ProjectState} state
 * @param {LintContext} context
 * @returns {Set<string> | null}
 */
function baselineOf(state, context) {
  const fromSettings = /** @type {{ baseline?: unknown } | undefined} */ (context.settings?.hoc)?.baseline;
  const file = typeof fromSettings === "string" ? path.resolve(state.project.config.root, fromSettings) : state.project.config.baseline;
  if (!file) return null;
  const stamp = fileStamp(file);
  if (state.baseline?.file === file && state.baseline.stamp === stamp) return state.baseline.fingerprints;
  try {
    const fingerprints = new Set(readBaseline(file).entries.map((e) => e.fingerprint));
    state.baseline = { file, stamp, fingerprints };
    return fingerprints;
  } catch (e) {
    throw asLintError(e);
  }
}

/** Fact caches already said to be of no use, by file. @type {Set<string>} */
const factCacheWarned = new Set();

/**
 * Why the fact cache cannot serve what it holds, or null when it can.
 * @param {FactCache} cache
 * @param {Project} project
 * @returns {string | null}
 */
function unusedCacheReason(cache, project) {
  if (cache.problem) return `could not be used (${cache.problem})`;
  if (cache.otherKey)
    return "was made for another configuration or version (of what the extractors read, maxFileBytes, eslint-plugin-hoc or TypeScript): run hoc-audit --cache again";
  if (cache.rejected > 0)
    return `has ${cache.rejected} entries not made with this machine's key (a copied or committed cache; a CI that restores one sets HOC_CACHE_KEY), which were dropped`;
  // No entry under these paths at all (not merely changed files): the audit that made it saw another root.
  if (cache.entries.size > 0 && !project.files.some((f) => cache.entries.has(project.rel(f))))
    return `holds no entry for the files under ${project.config.root}: hoc-audit takes its root from the folder of hoc.config.json, or without one from the folder it scans; run it with the root ESLint uses`;
  return null;
}

/** For tests: forget every project (as in a fresh ESLint process). */
export function resetProjects() {
  factCacheWarned.clear();
  cacheWarned = false;
  rulesSettingWarned = false;
  cacheLooked.clear();
  projects.clear();
  configByDir.clear();
  rootByDir.clear();
}
