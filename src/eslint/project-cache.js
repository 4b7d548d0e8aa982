// Cross-file state for the ESLint front end: one Project per config per ESLint process, built lazily and
// validated against the disk on access, with the linted file's own AST overlaid. That is how the editor
// sees a moved registration or a new import at once, without restarting the ESLint server.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { compileConfig, findConfigFile, readConfigFile, validateUserConfig } from "../config/load-config.js";
import { ConfigError } from "../config/config-error.js";
import { Project } from "../project/project.js";
import { parseText } from "../facts/parse.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/**
 * @typedef {{
 *   filename: string,
 *   cwd: string,
 *   settings: Record<string, unknown>,
 *   sourceCode: { text: string, ast: object, parserServices?: { esTreeNodeToTSNodeMap?: { get(node: object): unknown } } },
 * }} LintContext
 */

/** @type {Map<string, { project: Project, stamp: string }>} */
const projects = new Map();
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

/**
 * @param {LintContext} context
 * @returns {Project}
 */
function projectFor(context) {
  const inline = context.settings?.hoc;
  try {
    if (inline !== undefined) {
      const { root, ...user } = /** @type {Record<string, unknown>} */ (inline);
      const key = `settings:${context.cwd}:${JSON.stringify(inline)}`;
      const hit = projects.get(key);
      if (hit) return hit.project;
      validateUserConfig(user, "ESLint settings.hoc");
      const rootDir = path.resolve(context.cwd, typeof root === "string" ? root : ".");
      const project = new Project(compileConfig(user, { root: rootDir, configFile: null, where: "ESLint settings.hoc" }), { validateOnAccess: true });
      projects.set(key, { project, stamp: "" });
      return project;
    }
    const configFile = findConfigFile(context.filename);
    const key = configFile ? `file:${configFile}` : `default:${context.cwd}`;
    const stamp = configFile ? mtimeStamp(configFile) : "";
    const hit = projects.get(key);
    if (hit && hit.stamp === stamp) return hit.project;
    let project;
    if (configFile) {
      const user = readConfigFile(configFile);
      validateUserConfig(user, configFile);
      project = new Project(compileConfig(user, { root: path.dirname(configFile), configFile, where: configFile }), { validateOnAccess: true });
    } else {
      project = new Project(compileConfig({}, { root: context.cwd, configFile: null, where: "default profile" }), { validateOnAccess: true });
    }
    projects.set(key, { project, stamp });
    return project;
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
 * @param {{ checkFile(file: string, project: Project): { findings: RawFinding[] } }} check
 * @returns {RawFinding[]}
 */
export function runCheckForLint(context, check) {
  const file = path.resolve(context.cwd, context.filename);
  const project = projectFor(context);
  const ast = context.sourceCode.ast;
  const done = overlaid.get(ast);
  if (!done || done.project !== project || done.file !== file) {
    project.setOverlay(file, sourceFileOf(context));
    overlaid.set(ast, { project, file });
  }
  return check.checkFile(file, project).findings;
}

/** For tests: forget every project (as in a fresh ESLint process). */
export function resetProjects() {
  projects.clear();
}
