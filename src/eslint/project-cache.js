// Cross-file state for the ESLint front end: one Project per config per ESLint process, built lazily and
// validated against the disk on access, with the linted file's own AST overlaid. That is how the editor
// sees a moved registration or a new import at once, without restarting the ESLint server.
import fs from "node:fs";
import path from "node:path";
import ts from "../ts.js";
import { compileConfig, findConfigFile, readConfigFile, validateUserConfig } from "../config/load-config.js";
import { ConfigError } from "../config/config-error.js";
import { Project } from "../project/project.js";
import { parseText } from "../facts/parse.js";
import { discoverFiles } from "../project/discover.js";
import { PROJECT_WIDE_RULES } from "../checks/index.js";
import { carriesPrivateKeys, typeVerdict } from "../types-aware/type-verdict.js";
import { exceptionFor, readBaseline, withReason } from "../report/known.js";
import { finalizeFindings } from "../report/finding.js";
import { FactCache } from "../project/fact-cache.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/**
 * @typedef {{
 *   filename: string,
 *   cwd: string,
 *   settings: Record<string, unknown>,
 *   sourceCode: { text: string, ast: object, parserServices?: { esTreeNodeToTSNodeMap?: { get(node: object): unknown }, program?: import("typescript").Program | null } },
 * }} LintContext
 */

/**
 * @typedef {{ project: Project, stamp: string, lastWalk: number, lastLint: number, lastValidate: number, baseline: { file: string, stamp: string, fingerprints: Set<string> } | null }} ProjectState
 */
/** @type {Map<string, ProjectState>} */
const projects = new Map();

// Freshness without paying for it in batch runs. In the editor, lints come seconds apart: every lint
// re-validates each cached file against the disk (one stat each, ~12 ms for 5,000 files) and the file list
// is re-walked every walkIntervalMs. In `eslint .`, lints come milliseconds apart (burstGapMs) and nothing
// changes underneath: re-validating 5,000 files for each of 5,000 lints would cost a minute, so a burst
// re-validates at most once per batchValidateMs. The file being linted is always taken from its own text.
const freshness = { walkIntervalMs: 2000, burstGapMs: 150, batchValidateMs: 1000 };

/**
 * For tests (and embedders with their own pacing): change the freshness timings.
 * @param {Partial<typeof freshness>} timings
 */
export function configureFreshness(timings) {
  Object.assign(freshness, timings);
}
/** @type {WeakMap<object, { project: Project, file: string }>} */
const overlaid = new WeakMap();
/** The SourceFile class of the TypeScript we depend on; the parser's AST is reused only if it is the same. */
const OUR_SOURCE_FILE = Object.getPrototypeOf(ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));

/** @param {string} file */
function mtimeStamp(file) {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return "missing";
  }
}

/** @type {Map<string, { file: string | null, at: number }>} folder -> nearest hoc.config.json, re-checked every walkIntervalMs */
const configByDir = new Map();

/**
 * The nearest hoc.config.json of a folder, remembered per folder: looking it up walked every parent folder for
 * every linted file. A config created later is found within walkIntervalMs.
 * @param {string} dir
 */
function configFileFor(dir) {
  const now = performance.now();
  const hit = configByDir.get(dir);
  if (hit && now - hit.at < freshness.walkIntervalMs) return hit.file;
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
  return { project, stamp, lastWalk: -Infinity, lastLint: -Infinity, lastValidate: -Infinity, baseline: null };
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
      const key = `settings:${context.cwd}:${JSON.stringify(inline)}`;
      const hit = projects.get(key);
      if (hit) return hit;
      validateUserConfig(user, "ESLint settings.hoc");
      const rootDir = path.resolve(context.cwd, typeof root === "string" ? root : ".");
      const project = new Project(compileConfig(user, { root: rootDir, configFile: null, where: "ESLint settings.hoc" }), { validateOnAccess: true });
      const state = newState(project, "");
      projects.set(key, state);
      return state;
    }
    const configFile = configFileFor(path.dirname(path.resolve(context.cwd, context.filename)));
    const key = configFile ? `file:${configFile}` : `default:${context.cwd}`;
    const stamp = configFile ? mtimeStamp(configFile) : "";
    const hit = projects.get(key);
    if (hit && hit.stamp === stamp) return hit;
    let project;
    if (configFile) {
      const user = readConfigFile(configFile);
      validateUserConfig(user, configFile);
      project = new Project(compileConfig(user, { root: path.dirname(configFile), configFile, where: configFile }), { validateOnAccess: true });
    } else {
      project = new Project(compileConfig({}, { root: context.cwd, configFile: null, where: "default profile" }), { validateOnAccess: true });
    }
    const state = newState(project, stamp);
    projects.set(key, state);
    return state;
  } catch (e) {
    // ESLint reports a thrown error with the file being linted; keep it to the one line that says what to fix.
    if (e instanceof ConfigError) throw new Error(`eslint-plugin-hoc: ${e.message}`);
    throw e;
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
 * Run one check on the linted file, with the project model up to date for it.
 * @param {LintContext} context
 * @param {{ id: string, checkFile(file: string, project: Project): { findings: RawFinding[] } }} check
 * @returns {RawFinding[]}
 */
export function runCheckForLint(context, check) {
  const file = path.resolve(context.cwd, context.filename);
  const state = projectFor(context);
  const { project } = state;
  const ast = context.sourceCode.ast;
  const done = overlaid.get(ast);
  if (!done || done.project !== project || done.file !== file) {
    beginLint(state);
    project.setOverlay(file, () => sourceFileOf(context), context.sourceCode.text);
    overlaid.set(ast, { project, file });
  }
  if (PROJECT_WIDE_RULES.has(check.id)) ensureFileList(state, file);
  project.types = typesFor(context, file);
  try {
    return check.checkFile(file, project).findings;
  } finally {
    project.types = null;
  }
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
  const validate = !burst || now - state.lastValidate >= freshness.batchValidateMs;
  state.project.validateOnAccess = validate;
  if (validate) {
    state.lastValidate = now;
    state.project.newPass();
  }
}

/**
 * Project-wide rules need every file of the project: walk the root (what hoc-audit would scan), at most once
 * per walkIntervalMs, and always include the file being linted.
 * @param {ProjectState} state
 * @param {string} file
 */
function ensureFileList(state, file) {
  const { project } = state;
  const now = performance.now();
  if (now - state.lastWalk >= freshness.walkIntervalMs) {
    project.files = discoverFiles(project.config, [project.config.root], () => {});
    if (state.lastWalk === -Infinity) warmFromCache(project);
    state.lastWalk = now;
  }
  if (!project.files.includes(file)) project.files = [...project.files, file].sort();
}

/**
 * Read the facts of unchanged files from the hoc-audit fact cache named in the config, if there is one: the
 * first lint of a process then parses only what changed since the last audit. The cache is only read here.
 * @param {Project} project
 */
function warmFromCache(project) {
  const file = project.config.cache;
  if (!file || !fs.existsSync(file)) return;
  const cache = new FactCache(file, project.config);
  for (const abs of project.files) {
    if (project.entries.has(abs)) continue;
    const data = cache.get(project.rel(abs), abs);
    if (data) project.install(abs, data);
  }
}

/**
 * The findings of one rule for the linted file, as ESLint reports them: baseline entries are left out (they
 * are known and do not fail anything), findings under a path exception carry the reason in their message.
 * @param {LintContext} context
 * @param {{ id: string, meta: { messages: Record<string, string> }, checkFile(file: string, project: Project): { findings: RawFinding[] } }} check
 * @returns {{ raw: RawFinding, message: string | null }[]}
 */
export function lintFindings(context, check) {
  const raws = runCheckForLint(context, check);
  if (raws.length === 0) return [];
  const state = projectFor(context);
  const { config } = state.project;
  const file = path.resolve(context.cwd, context.filename);
  const rel = state.project.rel(file);
  const known = baselineOf(state, context);
  if (!known && config.exceptions.length === 0) return raws.map((raw) => ({ raw, message: null }));
  const finals = finalizeFindings(raws, rel, (raw) => ({ template: check.meta.messages[raw.messageId], severity: "error" }));
  /** @type {{ raw: RawFinding, message: string | null }[]} */
  const out = [];
  raws.forEach((raw, i) => {
    if (known?.has(finals[i].fingerprint)) return;
    const exception = exceptionFor(config, { ruleId: raw.ruleId, file: rel });
    out.push({ raw, message: exception ? withReason(finals[i].message, exception.reason) : null });
  });
  return out;
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
  const stamp = mtimeStamp(file);
  if (state.baseline?.file === file && state.baseline.stamp === stamp) return state.baseline.fingerprints;
  try {
    const fingerprints = new Set(readBaseline(file).entries.map((e) => e.fingerprint));
    state.baseline = { file, stamp, fingerprints };
    return fingerprints;
  } catch (e) {
    if (e instanceof ConfigError) throw new Error(`eslint-plugin-hoc: ${e.message}`);
    throw e;
  }
}

/** For tests: forget every project (as in a fresh ESLint process). */
export function resetProjects() {
  projects.clear();
  configByDir.clear();
}
