// Check results kept between audits (`--cache`), beside the facts: a warm run checks again only the files whose
// results could have changed. A file's results depend on its own facts and on what other files' facts say to it
// (their exports, declarations, registrations, headers, models…), on how imports resolve, on the documents and on
// the config and the code of the checks. So results are taken from the cache only when all of that is as it was:
// - the same key: tool, the code of every module under src/, TypeScript's version, the whole config, the rules run
//   and whether types are used;
// - the same files, every import resolving to the same place (known without resolving when the resolutions the last
//   run kept all still stand), the same documents;
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
 * What is counted over the whole project: each rule's gate row where the rule counts that way (gateChecked, gateNote;
 * null where it has none), in rule order; the operations registered; the relative or aliased imports and those that
 * resolve nowhere, and the tsconfigs whose problem their lookups said.
 * @typedef {{
 *   gates: { checked: number | null, note: string | null }[], operations: number,
 *   resolution: { total: number, errors: import("../types.js").ScanError[], unreliable: string | null, tsconfigsSaid: string[] },
 * }} ProjectTotals
 */
/**
 * What is stored, packed: the files in order with the hash of each; for each file and rule its gate count, in one
 * typed array (a warm run reads and writes it as a block, not as tens of thousands of small arrays); and the few
 * findings there are, by file and rule index.
 * @typedef {{
 *   files: string[], resolution: string, kinds: import("./documents.js").DocumentKind[], documents: string,
 *   hashes: string[], rules: number, kept: Uint8Array, counts: Int32Array, findings: [number, number, RawFinding[]][],
 *   totals: ProjectTotals,
 * }} Stored
 */

const FORMAT = 3;

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
    /** Where every import resolves (see resolutionSignature), once known. @type {string | null} */
    this.resolution = null;
    this.files = files;
    this.rels = files.map((f) => project.rel(f));
    /** @type {Map<string, { hash: string, outcomes: Outcomes | null }>} */
    this.next = new Map();
    /** Files whose results this run took from the cache. */
    this.reused = 0;
    this.stored = /** @type {Stored | null} */ (facts.storedChecks(key));
    /** Each stored file's findings by rule index. @type {Map<number, Map<number, RawFinding[]>>} */
    this.foundAt = new Map();
    /** @type {Map<string, number>} */
    this.indexOf = new Map();
    /** Files whose results are taken from the cache. @type {Set<string> | null} */
    this.reusable = this.decide(this.stored);
  }

  /**
   * @param {Stored | null} stored
   * @returns {Set<string> | null}
   */
  decide(stored) {
    if (!wellFormed(stored)) return null;
    // The documents the last run's checks read (the same checks, so these are the ones this run's will read).
    if (stored.documents !== documentsSignature(this.project, stored.kinds)) return null;
    if (stored.files.length !== this.rels.length || stored.files.some((r, i) => r !== this.rels[i])) return null;
    /** @type {Set<string>} */
    const same = new Set();
    for (const [i, rel] of this.rels.entries()) {
      const wasHash = stored.hashes[i];
      const kept = stored.kept[i] === 1;
      const file = this.files[i];
      const nowHash = this.project.hashOf(file);
      // The results were made from the facts the cache held then: an entry of another content is not theirs.
      if (!nowHash || wasHash !== this.facts.previousHash(rel)) return null;
      if (wasHash === nowHash) {
        if (kept) same.add(rel);
        continue;
      }
      const now = this.project.facts(file);
      const before = this.facts.previousFacts(rel);
      if (!now || !before || publicFacts(before) !== publicFacts(now)) return null;
      if (kept && JSON.stringify(before) === JSON.stringify(now)) same.add(rel);
    }
    // Every file imports what it did (imports are public facts). When the resolutions of the run that stored these
    // results all still stand (resolution-host.js), every import resolves where it did; else that is worked out.
    if (this.project.resumedResolutions) this.resolution = stored.resolution;
    else if (this.resolutionSignature() !== stored.resolution) return null;
    for (const [i, r, found] of stored.findings) {
      let byRule = this.foundAt.get(i);
      if (!byRule) this.foundAt.set(i, (byRule = new Map()));
      byRule.set(r, found);
    }
    this.indexOf = new Map(this.rels.map((rel, i) => [rel, i]));
    return same;
  }

  /**
   * The stored results of a file, when they still hold.
   * @param {string} file
   * @returns {Outcomes | null}
   */
  reuse(file) {
    const rel = this.project.rel(file);
    const stored = this.stored;
    const i = this.indexOf.get(rel);
    if (!this.reusable?.has(rel) || !stored || i === undefined) return null;
    const found = this.foundAt.get(i);
    /** @type {Outcomes} */
    const outcomes = [];
    for (let r = 0; r < stored.rules; r++) outcomes.push([stored.counts[i * stored.rules + r], found?.get(r) ?? []]);
    this.reused++;
    return outcomes;
  }

  resolutionSignature() {
    return (this.resolution ??= resolutionSignature(this.project, this.files));
  }

  /**
   * @param {string} file
   * @param {Outcomes | null} outcomes null: not to be reused (a rule failed, or type information judged the file)
   */
  record(file, outcomes) {
    const rel = this.project.rel(file);
    this.next.set(rel, { hash: /** @type {string} */ (this.project.hashOf(file)), outcomes });
  }

  /**
   * What the run that stored these results counted over the whole project, when it still holds: it is made from what
   * every file's facts say to others, where imports resolve and the config, all of which decide() found the same.
   * @returns {ProjectTotals | null}
   */
  storedTotals() {
    return this.reusable && this.stored ? this.stored.totals : null;
  }

  /**
   * Hand this run's results to the fact cache, which writes them with the facts.
   * @param {ProjectTotals} totals what this run counted over the whole project
   */
  store(totals) {
    // Results taken from the cache read documents when they were made: those kinds still count.
    const kinds = [...new Set([...(this.reusable?.size ? (this.stored?.kinds ?? []) : []), ...this.project.documents.kindsRead])].sort();
    /** @type {Stored} */
    const stored = {
      files: this.rels,
      resolution: this.resolutionSignature(),
      kinds,
      documents: documentsSignature(this.project, kinds),
      ...pack(this.rels, this.next),
      totals,
    };
    this.facts.storeChecks(this.key, stored);
  }
}

/**
 * This run's results in the stored form.
 * @param {string[]} rels the files, in order
 * @param {CheckCache["next"]} byFile
 */
function pack(rels, byFile) {
  let rules = 0;
  for (const { outcomes } of byFile.values()) if (outcomes) rules = Math.max(rules, outcomes.length);
  const kept = new Uint8Array(rels.length);
  const counts = new Int32Array(rels.length * rules);
  /** @type {Stored["findings"]} */
  const findings = [];
  const hashes = rels.map((rel, i) => {
    const v = byFile.get(rel);
    if (v?.outcomes?.length === rules) {
      kept[i] = 1;
      v.outcomes.forEach(([count, found], r) => {
        counts[i * rules + r] = count;
        if (found.length > 0) findings.push([i, r, found]);
      });
    }
    return v?.hash ?? "";
  });
  return { hashes, rules, kept, counts, findings };
}

/**
 * Is this results blob of the stored form (it was made by this code, so anything else is not ours)?
 * @param {unknown} value
 * @returns {value is Stored}
 */
function wellFormed(value) {
  const s = /** @type {Partial<Stored> | null} */ (value);
  if (!s || !Array.isArray(s.files) || !Array.isArray(s.kinds) || !Array.isArray(s.hashes) || !Array.isArray(s.findings)) return false;
  const gates = s.totals?.gates;
  if (typeof s.totals?.operations !== "number" || !Array.isArray(gates) || !gates.every((g) => typeof g?.checked === "number" || g?.checked === null))
    return false;
  const r = s.totals?.resolution;
  if (typeof r?.total !== "number" || !Array.isArray(r.errors) || !Array.isArray(r.tsconfigsSaid)) return false;
  if (typeof s.rules !== "number" || !(s.kept instanceof Uint8Array) || !(s.counts instanceof Int32Array)) return false;
  const n = s.files.length;
  return (
    s.hashes.length === n &&
    s.kept.length === n &&
    s.counts.length === n * s.rules &&
    s.findings.every((f) => Array.isArray(f) && f[0] < n && f[1] < (s.rules ?? 0))
  );
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
