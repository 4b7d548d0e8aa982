// The whole-repository audit: discover -> read and extract facts -> resolve -> check -> report object.
// This is what `hoc-audit` prints and what `import { audit } from "eslint-plugin-hoc/api"` returns.
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "./config/load-config.js";
import { ConfigError } from "./config/config-error.js";
import { discoverFiles, emptySkipStats, rememberWalks, walkMemosOf } from "./project/discover.js";
import { Project } from "./project/project.js";
import { toPosix } from "./project/tsconfig.js";
import { CATALOG, CHECKS, RULES } from "./checks/index.js";
import { compareFindings, finalizeFindings } from "./report/finding.js";
import { TOOL_NAME, TOOL_VERSION } from "./version.js";
import { ProgramTypes } from "./types-aware/program-types.js";
import { FactCache } from "./project/fact-cache.js";
import { internalErrorReason } from "./checks/not-checked.js";
import { visible } from "./checks/define.js";
import { loadInWorkers, threadCount } from "./project/parallel.js";
import { refusal } from "./project/refusals.js";
import { operationsListing } from "./report/operations-list.js";
import { applyKnown, readBaseline, STALE_RULE } from "./report/known.js";
import { layerGraph } from "./checks/layer-graph.js";
import { CheckCache, checkKey } from "./project/check-cache.js";

/** @typedef {import("./types.js").Finding} Finding */
/** @typedef {import("./types.js").ScanError} ScanError */
/** @typedef {import("./types.js").RawFinding} RawFinding */
/** @typedef {{ id: string, checked: number, violations: number, known?: number, note?: string, status: "pass" | "fail" | "warn" }} Gate */
/**
 * @typedef {{
 *   tool: { name: string, version: string },
 *   root: string,
 *   summary: { files: number, operations: number, gates: Gate[] },
 *   findings: Finding[],
 *   errors: ScanError[],
 *   operations?: import("./report/operations-list.js").Listing,
 *   layers?: import("./checks/layer-graph.js").LayerGraph,
 * }} Report
 */
/**
 * @typedef {{
 *   paths?: string[], cwd?: string, configFile?: string | null, tsconfig?: string | null, rules?: string[], types?: boolean, baseline?: string | null,
 *   cache?: boolean, cacheLocation?: string, threads?: number, matrix?: boolean, graph?: boolean,
 *   onNote?: (message: string) => void,
 *   onCheckCache?: (stats: { reused: number, checked: number }) => void,
 *   onProgress?: (done: number, total: number) => void,
 * }} AuditOptions
 */

/**
 * Load the config, discover the files and read every one of them into a project model.
 * @param {AuditOptions} options
 */
export function scan(options) {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const paths = (options.paths && options.paths.length > 0 ? options.paths : ["."]).map((p) => path.resolve(cwd, p));
  // When nothing given exists, that typo is the whole story: said as such, not as "no HOC-shaped file". (One missing
  // path among others is a scan error, and the rest is audited.)
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length === paths.length) {
    throw new ConfigError(`${missing.map((p) => displayPath(cwd, p)).join(", ")}: no such file or folder; check the paths given to hoc-audit`);
  }
  const config = loadConfig({
    configFile: options.configFile ? path.resolve(cwd, options.configFile) : null,
    searchFrom: paths[0],
    defaultRoot: commonFolder(paths),
    catalog: CATALOG,
    tsconfig: options.tsconfig ? path.resolve(cwd, options.tsconfig) : null,
  });
  const project = new Project(config, { staticFs: true });
  const skipped = emptySkipStats();
  const cacheFile = options.cacheLocation ? path.resolve(cwd, options.cacheLocation) : (config.cache ?? path.resolve(cwd, ".hoc-cache/facts.bin"));
  const cache = options.cache ? new FactCache(cacheFile, config) : null;
  // With a cache, the walks of the last run stand when no folder they read changed (one stat per folder, no listing).
  const dirCache = cache ? /** @type {import("./project/discover.js").DirCache} */ (new Map()) : null;
  if (dirCache && cache) {
    rememberWalks(dirCache, cache.storedRun("walks"));
    project.dirCache = dirCache;
    // And its resolutions stand when every file-system answer they were made from is the same.
    project.resumeResolutions(cache.storedRun("resolutions"));
  }
  const files = discoverFiles(config, paths, (file, message) => project.addError(file, message), dirCache, skipped, project.listings);
  project.files = files;
  loadFacts(project, files, cache, threadCount(files.length, options.threads), options.onProgress);
  project.factCache = cache;
  const wholeRoot = paths.length === 1 && paths[0] === config.root;
  const problem = refusal(project, files, wholeRoot);
  if (problem) throw problem;
  /** Written once the checks ran over these facts: a run that crashes on them saves nothing. */
  const saveCache = () => {
    if (!cache) return;
    if (dirCache) cache.storeRun("walks", walkMemosOf(dirCache));
    cache.storeRun("resolutions", project.keptResolutions());
    cache.save();
    if (cache.rejected > 0)
      options.onNote?.(
        `cache ${cache.file}: ${cache.rejected} entries not made here (another key, or not well formed) were dropped; those files were read again`,
      );
    if (cache.unstorable > 0)
      options.onNote?.(
        `cache ${cache.file}: the facts of ${cache.unstorable} files could not be stored (an internal error; please report it); they are read again next time`,
      );
    // A cache that could not be used costs time, not correctness: a note, not a scan error.
    if (cache.problem) options.onNote?.(cache.problem);
  };
  return { cwd, config, project, files, saveCache, skipped, cache };
}

/**
 * @param {AuditOptions} [options]
 * @returns {Report}
 */
export function audit(options = {}) {
  for (const id of options.rules ?? []) {
    if (!RULES.has(id)) throw new ConfigError(`--rule ${id}: unknown rule id; known rules: ${[...RULES.keys()].join(", ")}`);
  }
  const { cwd, config, project, files, saveCache, skipped, cache } = scan(options);
  const active = CHECKS.filter((r) => config.rules.has(r.id) && (!options.rules?.length || options.rules.includes(r.id)));
  const types = options.types !== false && active.some((r) => r.types === "optional");
  const typed = types ? attachTypes(project, files) : new Set();
  const withFacts = files.filter((file) => project.hasFacts(file));
  const ruleIds = active.map((r) => r.id);
  const kept = cache ? new CheckCache(cache, checkKey(config, ruleIds, types), project, withFacts) : null;

  /** @type {Finding[]} */
  const findings = [];
  /** @type {Map<string, { checked: number }>} */
  const checkedByRule = new Map(active.map((r) => [r.id, { checked: 0 }]));
  for (const file of withFacts) {
    // What type information judged depends on other files' text, not only their facts: never taken from the cache.
    const outcomes = (typed.has(file) ? null : kept?.reuse(file)) ?? checkFile(file, project, active);
    kept?.record(
      file,
      typed.has(file) || outcomes.some((o) => typeof o === "string") ? null : /** @type {import("./project/check-cache.js").Outcomes} */ (outcomes),
    );
    /** @type {RawFinding[]} */
    const raws = [];
    active.forEach((rule, i) => {
      const outcome = outcomes[i];
      if (typeof outcome === "string") return project.addError(file, outcome);
      /** @type {{ checked: number }} */ (checkedByRule.get(rule.id)).checked += outcome[0];
      raws.push(...outcome[1]);
    });
    findings.push(
      ...finalizeFindings(raws, project.rel(file), (raw) => ({
        template: /** @type {import("./checks/index.js").Rule} */ (RULES.get(raw.ruleId)).messages[raw.messageId],
        severity: /** @type {import("./types.js").Severity} */ (config.rules.get(raw.ruleId)),
      })),
    );
  }
  // What is counted over the whole project (the operation index, the model index, every import): kept with the
  // results. Imports are counted as relative or aliased by the tsconfig's paths, which the kept resolutions key on.
  const stored = kept?.storedTotals();
  /** @type {import("./project/check-cache.js").ProjectTotals} */
  const totals = {
    gates: stored?.gates ?? active.map((rule) => ({ checked: rule.gateChecked ? rule.gateChecked(project) : null, note: rule.gateNote?.(project) ?? null })),
    operations: stored?.operations ?? project.registrationIndex().registered.size,
    resolution: (project.resumedResolutions ? stored?.resolution : null) ?? resolutionStats(project, files),
  };
  // A broken tsconfig is said where an import's lookup reached it: those lookups were the earlier run's.
  for (const file of totals.resolution.tsconfigsSaid) project.tsconfigs.sayProblemOf(file);
  if (kept) {
    // Serialized now, before anything downstream could touch the findings it shares.
    kept.store(totals);
    options.onCheckCache?.({ reused: kept.reused, checked: withFacts.length - kept.reused });
  }
  // Rules about documents (operation specs, guardrail tables) check each of them too; their findings live there.
  for (const rule of active) {
    if (!rule.documents) continue;
    for (const doc of project.documents.get(rule.documents)) {
      const result = rule.checkDocumentFile(doc, project);
      /** @type {{ checked: number }} */ (checkedByRule.get(rule.id)).checked += result.checked;
      findings.push(
        ...finalizeFindings(result.findings, project.rel(doc.file), (raw) => ({
          template: rule.messages[raw.messageId],
          severity: /** @type {import("./types.js").Severity} */ (config.rules.get(raw.ruleId)),
        })),
      );
    }
  }
  const baselineFile = options.baseline ? path.resolve(cwd, options.baseline) : config.baseline;
  const baseline = baselineFile ? readBaseline(baselineFile) : null;
  const marked = applyKnown(findings.sort(compareFindings), config, baseline, config.root).sort(compareFindings);

  const { resolution } = totals;
  const rootPrefix = `${config.root}${path.sep}`;
  /** @type {ScanError[]} */
  const errors = [...project.errors].map(([file, message]) => ({ file: displayRel(project, file), message: message.split(rootPrefix).join("") }));
  errors.push(...resolution.errors);
  // File names and specifiers come from the scanned repository: shown with their control characters escaped.
  for (const e of errors) {
    e.file = visible(e.file);
    e.message = visible(e.message);
  }
  if (resolution.unreliable) errors.push({ file: ".", message: resolution.unreliable });
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1));

  /** @type {Gate[]} */
  /**
   * @param {string} id
   * @param {number} checked
   * @param {Finding[]} mine
   * @returns {Gate}
   */
  const gate = (id, checked, mine) => {
    const open = mine.filter((f) => !f.known);
    const known = mine.length - open.length;
    return {
      id,
      checked,
      violations: open.length,
      ...(known > 0 ? { known } : {}),
      // Known exceptions fail nothing, but a gate that has some is not a clean pass: it says "warn".
      status: open.some((f) => f.severity === "error") ? "fail" : open.length > 0 || mine.some((f) => f.known === "exception") ? "warn" : "pass",
    };
  };
  const gates = active.map((rule, r) => {
    const { checked, note } = totals.gates[r];
    const g = gate(
      rule.id.replace(/^hoc\//, ""),
      checked ?? /** @type {{ checked: number }} */ (checkedByRule.get(rule.id)).checked,
      marked.filter((f) => f.ruleId === rule.id),
    );
    return note ? { ...g, note } : g;
  });
  const stale = marked.filter((f) => f.ruleId === STALE_RULE.id);
  const exceptionsCount =
    (baseline?.entries.length ?? 0) +
    config.exceptions.length +
    config.handlerDomainScope.exceptions.length +
    config.crossDomainDispatch.allow.length +
    config.dataQuality.nullableForeignKeys.length;
  if (exceptionsCount > 0 || stale.length > 0) gates.push(gate("known-exceptions", exceptionsCount, stale));
  const scanned = files.filter((f) => project.hasFacts(f)).length;
  if (scanned === 0 && files.length > 0) {
    // Nothing was checked: whatever the reason, that is no pass.
    errors.push({ file: ".", message: `none of the ${files.length} files found could be read and checked; see the errors above` });
  }
  const skipNote = describeSkipped(skipped);
  gates.push({
    id: "scan",
    checked: files.length,
    violations: project.errors.size + (scanned === 0 && files.length > 0 ? 1 : 0),
    status: project.errors.size > 0 || scanned === 0 ? "fail" : "pass",
    ...(skipNote ? { note: skipNote } : {}),
  });
  gates.push({
    id: "module-resolution",
    checked: resolution.total,
    violations: resolution.errors.length,
    status: resolution.unreliable ? "fail" : resolution.errors.length > 0 ? "warn" : "pass",
  });

  saveCache();
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: displayPath(cwd, config.root),
    summary: { files: scanned, operations: totals.operations, gates },
    findings: marked,
    errors,
    // The operation matrix, for the Markdown report (asked for; the JSON report stays the brief's object).
    ...(options.matrix ? { operations: operationsListing(project) } : {}),
    // The layer graph, for the Mermaid/DOT formats and the Markdown report.
    ...(options.graph ? { layers: graphOf(project, files, marked) } : {}),
  };
}

/**
 * @param {Project} project
 * @param {string[]} files
 * @param {Finding[]} marked the findings, known ones marked
 */
function graphOf(project, files, marked) {
  const known = new Set(marked.filter((f) => f.ruleId === "hoc/layer-boundaries" && f.known).map((f) => `${f.file}:${f.line}:${f.column}`));
  return layerGraph(project, files, (file, line, column) => known.has(`${file}:${line}:${column}`));
}

/**
 * Get every file's facts into the project: from the cache where the file is unchanged, the rest parsed on
 * worker threads (large scans) or here, recording read errors. Same facts either way, so the output does not
 * depend on either.
 * @param {Project} project
 * @param {string[]} files
 * @param {FactCache | null} cache
 * @param {number} threads
 * @param {((done: number, total: number) => void) | undefined} onProgress
 */
function loadFacts(project, files, cache, threads, onProgress) {
  let done = 0;
  const tick = () => onProgress?.(++done, files.length);
  const missing = [];
  for (const file of files) {
    // Files the cache holds unchanged are read from it when first asked for: a warm run asks for few.
    const found = cache?.fresh(project.rel(file), file);
    if (found) {
      project.defer(file, found);
      tick();
    } else missing.push(file);
  }
  const loaded =
    threads > 1 && missing.length >= threads * 50
      ? loadInWorkers(missing, project.config.source, threads, (mine) => {
          for (const file of mine) {
            project.entry(file);
            tick();
          }
        })
      : null;
  for (const file of missing) {
    if (!loaded) tick();
    const entry = loaded?.get(file) ? project.install(file, /** @type {import("./project/project.js").FileData} */ (loaded.get(file))) : project.entry(file);
    // Only files read now can have a read error: the cache holds error-free files only.
    if (entry.error) project.addError(file, entry.error);
    cache?.set(project.rel(file), file, { facts: entry.facts, error: entry.error, mtimeMs: entry.mtimeMs, size: entry.size, hash: entry.hash });
  }
}

/**
 * Every active rule on one file: its gate count and findings, or the reason it failed (one rule failing on one file
 * is that file's scan error; every other file and rule is still checked).
 * @param {string} file
 * @param {Project} project
 * @param {import("./checks/index.js").Rule[]} active
 * @returns {([number, RawFinding[]] | string)[]}
 */
function checkFile(file, project, active) {
  return active.map((rule) => {
    try {
      const result = rule.checkFile(file, project);
      return [result.checked, result.findings];
    } catch (e) {
      if (process.env.HOC_DEBUG) console.error(e);
      return internalErrorReason(rule.id, e);
    }
  });
}

/**
 * Type information only where it can change a verdict: files with candidates whose receiver nothing declares
 * (a declared handle, model or look-alike is decided already), and facade calls whose argument type matters.
 * Everything else stays on the syntactic fast path.
 * @param {Project} project
 * @param {string[]} files
 * @returns {Set<string>} the files type information judges
 */
function attachTypes(project, files) {
  const owners = project.config.transactions.ownerLayers;
  const dataLayers = project.config.dataAccess.layers;
  const db = project.config.database.matchers;
  const index = project.dataIndex();
  const needy = files.filter((f) => {
    const e = project.entry(f);
    if (!e.facts) return false;
    if (e.facts.leaks.some((l) => l.exprPos >= 0)) return true;
    if (!e.layer) return false;
    const id = e.layer.layer.id;
    if (
      dataLayers.includes(id) &&
      e.facts.queries.some((q) => q.kind === "method" && db.candidateMethod(q.method) && !index.isQuery(f, q.recv, q.method, q.kind).declared)
    )
      return true;
    return !owners.includes(id) && e.facts.transactions.some((t) => t.receiverPos >= 0 && !index.txVerdict(f, t).declared);
  });
  if (needy.length === 0) return new Set();
  const types = new ProgramTypes(
    project.config.tsconfig,
    project.config.database.matchers,
    (file, message) => project.addError(file, message),
    project.resolutionHost,
  );
  types.prepare(needy);
  project.types = types;
  return new Set(needy);
}

/**
 * Every relative or aliased import must resolve; when too many do not, the layer checks would pass on a
 * graph with holes in it, so the scan is declared unreliable.
 * @param {Project} project
 * @param {string[]} files
 */
function resolutionStats(project, files) {
  let total = 0;
  /** @type {ScanError[]} */
  const errors = [];
  for (const file of files) {
    const facts = project.facts(file);
    if (!facts) continue;
    for (const imp of facts.imports) {
      if (!project.isRelativeOrAliased(file, imp.specifier)) continue;
      total++;
      if (project.resolve(file, imp.specifier).kind === "unresolved") {
        errors.push({
          file: project.rel(file),
          message: `${imp.line}:${imp.column} cannot resolve import "${imp.specifier}"; fix the path, or the tsconfig paths/baseUrl it relies on`,
        });
      }
    }
  }
  const share = total === 0 ? 0 : errors.length / total;
  const tsconfigsSaid = [...project.tsconfigs.said].sort();
  const unreliable =
    errors.length > 2 && share > project.config.maxUnresolvedShare
      ? `${errors.length} of ${total} relative/aliased imports (${(share * 100).toFixed(1)}%) did not resolve, over maxUnresolvedShare ` +
        `(${(project.config.maxUnresolvedShare * 100).toFixed(1)}%): the layer graph has holes, so a pass would mean nothing. ` +
        "Check tsconfig.json paths/baseUrl (is the right tsconfig next to the scanned folder?)"
      : null;
  return { total, errors, unreliable, tsconfigsSaid };
}

/**
 * The deepest folder that holds every scanned path: the root of a zero-config scan.
 * @param {string[]} paths absolute
 */
function commonFolder(paths) {
  const folders = paths.map((p) => (isDirectory(p) ? p : path.dirname(p)));
  let common = folders[0];
  for (const f of folders.slice(1)) {
    while (f !== common && !f.startsWith(common + path.sep)) common = path.dirname(common);
  }
  return common;
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
 * @param {string} cwd
 * @param {string} abs
 */
function displayPath(cwd, abs) {
  return toPosix(path.relative(cwd, abs)) || ".";
}

/**
 * @param {Project} project
 * @param {string} abs
 */
function displayRel(project, abs) {
  const rel = project.rel(abs);
  return rel === "" ? "." : rel;
}

/**
 * What the walk left out on purpose, said in the scan gate's row.
 * @param {import("./project/discover.js").SkipStats} s
 * @returns {string | null}
 */
function describeSkipped(s) {
  const parts = [];
  if (s.gitignoredFolders > 0) parts.push(`${s.gitignoredFolders} folder${s.gitignoredFolders === 1 ? "" : "s"} ignored by .gitignore`);
  if (s.gitignoredFiles > 0) parts.push(`${s.gitignoredFiles} file${s.gitignoredFiles === 1 ? "" : "s"} ignored by .gitignore`);
  if (s.alwaysSkipped > 0) parts.push(`${s.alwaysSkipped} node_modules/VCS folder${s.alwaysSkipped === 1 ? "" : "s"}`);
  if (s.linkedTwice > 0) parts.push(`${s.linkedTwice} folder link${s.linkedTwice === 1 ? "" : "s"} to a folder already scanned`);
  return parts.length > 0 ? `skipped: ${parts.join(", ")}` : null;
}
