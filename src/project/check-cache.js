// Check results kept between audits (`--cache`), beside the facts: a warm run checks again only the files whose
// results could have changed. A file's results depend on its own facts and on what other files' facts say to it
// (their exports, declarations, registrations, headers, models…), on how imports resolve, on the documents and on
// the config and the code of the checks. So results are taken from the cache only when all of that is as it was:
// - the same key: tool, the code of every module under src/, TypeScript's version, the whole config, the rules run
//   and whether types are used;
// - the same files, every import resolving to the same place, the same documents;
// - every file's facts the same except the ones only its own checks read (OWN_FACTS).
// Then a file whose facts are the same keeps its results; the others, and every file type information judged, are
// checked again. Otherwise every file is checked again, as without a cache.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TOOL_VERSION } from "../version.js";
import { OWN_FACTS, codeHash } from "./fact-cache.js";

/** @typedef {import("../types.js").FileFacts} FileFacts */
/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {[number, RawFinding[]][]} Outcomes each active rule's gate count and findings, in rule order */
/**
 * @typedef {{ files: string[], resolution: string, kinds: import("./documents.js").DocumentKind[], documents: string, byFile: Map<string, { hash: string, outcomes: Outcomes | null }> }} Stored
 */

const FORMAT = 1;

// OWN_FACTS (fact-cache.js): no check or index reads them but for the file it checks; test/check-cache.test.js edits
// files of five fixtures in a dozen ways, these included, and compares each warm run with a cold one.

/** The code that makes results: every module of the engine, hashed once per process. */
const ENGINE = codeHash(path.join(path.dirname(fileURLToPath(import.meta.url)), ".."), /\.(c?js|json)$/);

/**
 * What other files can read of a file's facts.
 * @param {FileFacts} facts
 */
export function publicFacts(facts) {
  /** @type {Record<string, unknown>} */
  const out = { ...facts };
  for (const k of OWN_FACTS) delete out[k];
  return JSON.stringify(out);
}

/**
 * @param {import("../types.js").HocConfig} config
 * @param {string[]} ruleIds the rules run, in order
 * @param {boolean} types whether type information is used
 */
export function checkKey(config, ruleIds, types) {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([FORMAT, TOOL_VERSION, ENGINE, config.root, config.tsconfig, config.source.user, ruleIds, types]))
    .digest("hex");
}

export class CheckCache {
  /**
   * @param {import("./fact-cache.js").FactCache} facts the fact cache this run read, which stores the results too
   * @param {string} key see checkKey
   * @param {import("./project.js").Project} project
   * @param {string[]} files the files checked (with facts), in order
   */
  constructor(facts, key, project, files) {
    this.facts = facts;
    this.key = key;
    this.project = project;
    this.resolution = resolutionSignature(project, files);
    this.files = files;
    this.rels = files.map((f) => project.rel(f));
    /** @type {Stored["byFile"]} */
    this.next = new Map();
    /** Files whose results this run took from the cache. */
    this.reused = 0;
    this.stored = /** @type {Stored | null} */ (facts.storedChecks(key));
    /** Files whose results are taken from the cache. @type {Set<string> | null} */
    this.reusable = this.decide(this.stored);
  }

  /**
   * @param {Stored | null} stored
   * @returns {Set<string> | null}
   */
  decide(stored) {
    if (!stored || !(stored.byFile instanceof Map) || !Array.isArray(stored.files) || !Array.isArray(stored.kinds)) return null;
    if (stored.resolution !== this.resolution) return null;
    // The documents the last run's checks read (the same checks, so these are the ones this run's will read).
    if (stored.documents !== documentsSignature(this.project, stored.kinds)) return null;
    if (stored.files.length !== this.rels.length || stored.files.some((r, i) => r !== this.rels[i])) return null;
    /** @type {Set<string>} */
    const same = new Set();
    for (const [i, rel] of this.rels.entries()) {
      const was = stored.byFile.get(rel);
      const now = this.project.entry(this.files[i]);
      // The results were made from the facts the cache held then: an entry of another content is not theirs.
      if (!was || !now.facts || !now.hash || was.hash !== this.facts.previousHash(rel)) return null;
      if (was.hash === now.hash) {
        if (was.outcomes) same.add(rel);
        continue;
      }
      const before = this.facts.previousFacts(rel);
      if (!before || publicFacts(before) !== publicFacts(now.facts)) return null;
      if (was.outcomes && JSON.stringify(before) === JSON.stringify(now.facts)) same.add(rel);
    }
    return same;
  }

  /**
   * The stored results of a file, when they still hold.
   * @param {string} file
   * @returns {Outcomes | null}
   */
  reuse(file) {
    const rel = this.project.rel(file);
    if (!this.reusable?.has(rel)) return null;
    const outcomes = this.stored?.byFile.get(rel)?.outcomes ?? null;
    if (outcomes) this.reused++;
    return outcomes;
  }

  /**
   * @param {string} file
   * @param {Outcomes | null} outcomes null: not to be reused (a rule failed, or type information judged the file)
   */
  record(file, outcomes) {
    const rel = this.project.rel(file);
    this.next.set(rel, { hash: /** @type {string} */ (this.project.entry(file).hash), outcomes });
  }

  /** Hand this run's results to the fact cache, which writes them with the facts. */
  store() {
    // Results taken from the cache read documents when they were made: those kinds still count.
    const kinds = [...new Set([...(this.reusable?.size ? (this.stored?.kinds ?? []) : []), ...this.project.documents.kindsRead])].sort();
    /** @type {Stored} */
    const stored = { files: this.rels, resolution: this.resolution, kinds, documents: documentsSignature(this.project, kinds), byFile: this.next };
    this.facts.storeChecks(this.key, stored);
  }
}

/**
 * Where every import of these files resolves (a new tsconfig path, workspace or installed package moves some).
 * @param {import("./project.js").Project} project
 * @param {string[]} files
 */
function resolutionSignature(project, files) {
  const h = crypto.createHash("sha256");
  for (const file of files) {
    let line = "";
    for (const imp of project.facts(file)?.imports ?? []) {
      const r = project.resolve(file, imp.specifier);
      line += `${imp.specifier}\0${r.kind}\0${"file" in r ? r.file : "name" in r ? r.name : ""}\0`;
    }
    h.update(`${line}\u0001`);
  }
  return h.digest("hex");
}

/**
 * What the documents of these kinds say (parsed, as the checks read them).
 * @param {import("./project.js").Project} project
 * @param {import("./documents.js").DocumentKind[]} kinds
 */
function documentsSignature(project, kinds) {
  if (kinds.length === 0) return "";
  const h = crypto.createHash("sha256");
  for (const kind of kinds)
    h.update(kind)
      .update("\0")
      .update(JSON.stringify(project.documents.get(kind)))
      .update("\0");
  return h.digest("hex");
}
