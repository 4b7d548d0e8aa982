// The project model both front ends share: per-file facts (lazily read, cached, validated against disk when
// asked), layers, module resolution and looking through barrels. The ESLint adapter overlays the text of
// the file being linted, so cross-file answers follow the editor instead of a stale snapshot.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ts from "../ts.js";
import { classify } from "./classify.js";
import { TsconfigIndex, isRelativeOrAliased, posixRelative } from "./tsconfig.js";
import { TOO_DEEP, isStackOverflow, parseSource, readSource, tooDeep } from "../facts/parse.js";
import { extractFacts, headerOfText } from "../facts/extract.js";
import { MAY_RE_EXPORT, MAY_TOMBSTONE, aliasScreen, dispatches, reExports, registers, sameLayer, staticScreen, wrapperNamesOf } from "./screen.js";
import { buildModelIndex } from "./model-index.js";
import { buildOperationIndex } from "./operation-index.js";
import { DataIndex } from "./data-index.js";
import { DocumentStore } from "./documents.js";
import { ResolutionHost } from "./resolution-host.js";

/** @typedef {import("../types.js").HocConfig} HocConfig */
/** @typedef {import("../types.js").FileFacts} FileFacts */
/** @typedef {import("../types.js").LayerInfo} LayerInfo */
/** @typedef {import("../types.js").ImportFact} ImportFact */
/** @typedef {{ kind: "file", file: string } | { kind: "package", name: string } | { kind: "asset", file: string } | { kind: "unresolved" }} Resolution */
/**
 * What the project knows of a file. `disk`: an overlay whose text is the disk's, standing on the disk entry it was
 * recognised as (restored when the overlay moves on).
 * @typedef {{ facts: FileFacts | null, error: string | null, layer: LayerInfo | null, mtimeMs: number, size: number, hash?: string, overlay: boolean, epoch?: number, disk?: Entry }} Entry
 */
/** @typedef {{ file: string, via: string[] }} Provider */
/** @typedef {{ facts: FileFacts | null, error: string | null, mtimeMs: number, size: number, hash?: string, header?: import("../types.js").Header | null }} FileData */
/**
 * A file whose text was found to add nothing to the project-wide indexes (not parsed): its stamp, its layer (path
 * and header), whether it may re-export (else it provides every name itself), whether it may be retired by a
 * tombstone, whether it may dispatch (with the wrapper names it was screened for).
 * @typedef {{ mtimeMs: number, size: number, hash: string, epoch: number, layer: LayerInfo | null, mayReExport: boolean, mayTombstone: boolean, dispatch: boolean, aliasKey: string }} Screen
 */
/** @typedef {Provider & { typeOnly: boolean }} ImportTarget */

const INDEX_FILE = /^index\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

/** @param {string} file */
export function isIndexFile(file) {
  return INDEX_FILE.test(path.basename(file));
}

/** @param {string} specifier */
function packageName(specifier) {
  if (specifier.startsWith("node:")) return specifier;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * @param {import("../config/pattern.js").CompiledPattern[]} patterns
 * @param {string} rel
 */
function matchesAny(patterns, rel) {
  return patterns.some((p) => p.match(rel) !== null);
}

/**
 * What fact extraction needs to know about a file besides its AST: config matchers, and whether its
 * top-level statements matter (barrels and spine schema files).
 * @param {HocConfig} config
 * @param {string} abs
 */
export function extractOptionsFor(config, abs) {
  const index = isIndexFile(abs);
  const { schemaPaths } = config.spinePurity;
  return {
    isIndexFile: index,
    wantTopLevel: index || (schemaPaths.length > 0 && matchesAny(schemaPaths, posixRelative(config.root, abs))),
    matchers: config.operations.matchers,
    txMatchers: config.transactions.matchers,
    dbMatchers: config.database.matchers,
    keyMatchers: config.privateKeys.matchers,
  };
}

/**
 * Read, parse and extract one file: the unit of work that workers and the fact cache deal in (plain data).
 * @param {string} abs
 * @param {HocConfig} config
 * @returns {FileData}
 */
export function loadFileFacts(abs, config) {
  return factsFromRead(abs, readSource(abs, config.maxFileBytes), config);
}

/**
 * Parse and extract a file already read. A file that was read but cannot be parsed keeps its `// Layer:` header
 * (a comment, read from the text), so what imports it is judged by the same layer whether or not it parses.
 * @param {string} abs
 * @param {import("../facts/parse.js").SourceRead} read
 * @param {HocConfig} config
 * @returns {FileData}
 */
export function factsFromRead(abs, read, config) {
  const parsed = parseSource(abs, read);
  const failed = (/** @type {string} */ error) => ({
    facts: null,
    error,
    mtimeMs: read.mtimeMs,
    size: read.size,
    ...(read.ok ? { header: headerOfText(read.text) } : {}),
  });
  if (!parsed.ok) return failed(parsed.error);
  try {
    return {
      facts: extractFacts(parsed.sourceFile, extractOptionsFor(config, abs)),
      error: null,
      mtimeMs: parsed.mtimeMs,
      size: parsed.size,
      hash: parsed.hash,
    };
  } catch (e) {
    if (isStackOverflow(e)) return failed(TOO_DEEP);
    throw e;
  }
}

/**
 * The file TypeScript tries first for a relative specifier without an extension: the path plus `.ts` (then `.tsx`,
 * `.d.ts`, a folder's index, …). Null when its order is not that simple: a specifier with a dot in its last part
 * (`./a.js` maps to `a.ts`, `./a.service` is a name), a folder (`./`, `..`), or options that reorder the probes
 * (`rootDirs`, `moduleSuffixes`).
 * @param {string} dir the importing file's folder
 * @param {string} specifier
 * @param {ts.CompilerOptions} options
 * @returns {string | null}
 */
function firstProbe(dir, specifier, options) {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const last = specifier.slice(specifier.lastIndexOf("/") + 1);
  if (last === "" || last.includes(".")) return null;
  if (options.rootDirs?.length || options.moduleSuffixes?.some((s) => s !== "")) return null;
  return `${path.resolve(dir, specifier)}.ts`;
}

export class Project {
  /**
   * @param {HocConfig} config
   * @param {{ validateOnAccess?: boolean, staticFs?: boolean, screen?: boolean }} [options] validateOnAccess: re-stat
   *   cached files on access (editor mode); staticFs: nothing changes during the run (a whole-repository audit);
   *   screen: files whose text shows they add nothing to the project-wide indexes are parsed only when asked about
   *   (ESLint, which lints one file at a time; the audit parses every file anyway)
   */
  constructor(config, options = {}) {
    this.config = config;
    this.validateOnAccess = options.validateOnAccess ?? false;
    this.staticFs = options.staticFs ?? false;
    /** The text tests of src/project/screen.js, or null when every file is parsed. */
    this.screenTests = options.screen ? staticScreen(config) : null;
    /** Files screened as adding nothing to the project-wide indexes, not parsed (yet). @type {Map<string, Screen>} */
    this.screens = new Map();
    /** The names dispatch wrappers of the listed files are exported under, and their text test. */
    this.wrapperNames = new Set();
    /** @type {RegExp | null} */
    this.wrapperTest = null;
    this.aliasKey = "";
    /** The files each index level read, per generation. @type {Map<string, { files: string[], generation: number, aliasKey: string, list: string[] }>} */
    this.indexFilesMemo = new Map();
    /** Files read for the first time in this pass (their reading is not validation cost). */
    this.firstReads = 0;
    /** @type {Map<string, Entry>} */
    this.entries = new Map();
    /** @type {Map<string, string>} first problem per file (absolute path -> message) */
    this.errors = new Map();
    this.tsconfigs = new TsconfigIndex((file, message) => this.addError(file, message), { dir: config.root, file: config.tsconfig });
    /** @type {Map<string, Map<string, Resolution>>} */
    this.resolutions = new Map();
    /** The files that make up the project, for project-wide indexes (set by the front end). @type {string[]} */
    this.files = [];
    /** @type {Set<string> | null} */
    this.listedSet = null;
    /** @type {string[] | null} */
    this.listedFrom = null;
    /** Bumped whenever any file's facts may have changed; project-wide indexes are rebuilt on a new generation. */
    this.generation = 0;
    /**
     * Bumped only when some file's names may have changed (what it imports, exports, re-exports, declares as a string
     * constant or a dispatch wrapper, its layer header): a line added above them moves positions, not names, and
     * keeps every answer that depends on names only (which file provides a name, what a constant resolves to).
     */
    this.nameGeneration = 0;
    /** @type {{ generation: number, map: Map<string, unknown>, byFacts: WeakMap<object, unknown> }} */
    this.namesMemo = { generation: -1, map: new Map(), byFacts: new WeakMap() };
    /** The operation index with every dispatch (true) and without other files' (false), per generation. @type {Map<boolean, { generation: number, index: import("./operation-index.js").OperationIndex }>} */
    this.operationIndexes = new Map();
    /** @type {{ generation: number, index: DataIndex } | null} */
    this.dataIndexCache = null;
    /** @type {{ generation: number, docs: object[], index: import("./model-index.js").ModelIndex } | null} */
    this.modelIndexCache = null;
    /** Operation specs, guardrail tables and Prisma schemas. */
    this.documents = new DocumentStore(this);
    /** Folder listings shared by the walks of a long-lived front end (the editor's); null in a one-off audit. @type {import("./discover.js").DirCache | null} */
    this.dirCache = null;
    /** Folder listings of a static scan, read once for all its walks; null when the disk may change under it. @type {import("./discover.js").Listings | null} */
    this.listings = this.staticFs ? new Map() : null;
    /** The file whose editor text stands in for its disk content (the one being linted). @type {string | null} */
    this.overlaid = null;
    /** @type {Map<string, string>} */
    this.relCache = new Map();
    /** @type {Map<string, boolean>} */
    this.hocTreeCache = new Map();
    /**
     * File-system answers for module resolution, kept for the whole run when the file system is static, else for one
     * validation pass: a pass sees the disk as it was when it began (cached facts are not re-checked within it either),
     * and `eslint .` resolves the same folders and files for thousands of importers.
     */
    this.resolutionHost = new ResolutionHost({ stamp: this.staticFs });
    /** @type {Map<object, ts.ModuleResolutionCache>} TypeScript's resolution caches of this pass, per tsconfig */
    this.passResolutionCaches = new Map();
    /** Resolutions by importing folder, then specifier: for the whole run when the file system is static, else for one pass. @type {Map<string, Map<string, Resolution>>} */
    this.folderResolutions = new Map();
    /** Each file's folder (see folderName). @type {Map<string, string>} */
    this.fileFolders = new Map();
    /** @type {Map<string, string>} */
    this.folderNames = new Map();
    /** Validation pass: a cached file is checked against the disk at most once per pass (one lint). */
    this.epoch = 0;
    /**
     * Where files read lazily take their facts from and leave them (hoc-audit --cache); null: none. `take` reads the
     * facts of a file deferred (see defer).
     * @type {{
     *   get(rel: string, abs: string): FileData | null, set(rel: string, abs: string, data: FileData): void,
     *   take?(found: import("./fact-cache.js").FreshEntry): FileData | null,
     * } | null}
     */
    this.factCache = null;
    /** Files whose facts are read from the fact cache when first asked for (see defer). @type {Map<string, import("./fact-cache.js").FreshEntry>} */
    this.deferred = new Map();
    /** Every resolution the last run kept stands (see resumeResolutions). */
    this.resumedResolutions = false;
    /** The pass whose files were all validated already. */
    this.validatedEpoch = -1;
    /** Milliseconds the current validation pass spent walking folders and stat-ing files. */
    this.passCostMs = 0;
    /**
     * Type information, when the front end has it (a TypeScript program in hoc-audit, the parser's program in ESLint).
     * @type {import("../types.js").TypeOracle | null}
     */
    this.types = null;
  }

  /**
   * The operation index over `this.files` (and the overlaid file), rebuilt only when facts changed: every
   * registration, dispatch and invariant binding of the project.
   * @returns {import("./operation-index.js").OperationIndex}
   */
  operationIndex() {
    return this.builtIndex(true);
  }

  /**
   * The same index without the dispatches of other files (`dispatches`, and each operation's, stay empty;
   * `byFile` still gives a file its own): what a rule about one file's registrations, dispatches or invariants
   * needs. In the editor it is built from the few files that can register, not from every file that dispatches.
   * @returns {import("./operation-index.js").OperationIndex}
   */
  registrationIndex() {
    return this.builtIndex(false);
  }

  /** @param {boolean} withDispatches */
  builtIndex(withDispatches) {
    const files = this.indexFiles(withDispatches);
    const cached = this.operationIndexes.get(withDispatches);
    if (cached && cached.generation === this.generation) return cached.index;
    const index = buildOperationIndex(this, files, { dispatches: withDispatches });
    this.operationIndexes.set(withDispatches, { generation: this.generation, index });
    return index;
  }

  /**
   * What values are (database handles, models, rows), decided across files; rebuilt when facts changed.
   * @returns {DataIndex}
   */
  dataIndex() {
    const cached = this.dataIndexCache;
    if (cached && cached.generation === this.generation) return cached.index;
    const index = new DataIndex(this);
    this.dataIndexCache = { generation: this.generation, index };
    return index;
  }

  /**
   * Every data model, from the TypeScript files and the Prisma schemas; rebuilt when facts or schemas changed.
   * @returns {import("./model-index.js").ModelIndex}
   */
  modelIndex() {
    const files = this.indexFiles(false);
    const docs = this.documents.get("prisma");
    const cached = this.modelIndexCache;
    if (cached && cached.generation === this.generation && cached.docs.length === docs.length && cached.docs.every((d, i) => d === docs[i]))
      return cached.index;
    const index = buildModelIndex(this, files);
    this.modelIndexCache = { generation: this.generation, docs, index };
    return index;
  }

  /**
   * @param {string} file
   * @param {string} message
   */
  addError(file, message) {
    if (!this.errors.has(file)) this.errors.set(file, message);
  }

  /**
   * A path relative to the root, with `/` (see posixRelative).
   * @param {string} abs
   */
  rel(abs) {
    let r = this.relCache.get(abs);
    if (r === undefined) {
      r = posixRelative(this.config.root, abs);
      this.relCache.set(abs, r);
    }
    return r;
  }

  /** @param {string} abs */
  inHocTree(abs) {
    let inside = this.hocTreeCache.get(abs);
    if (inside === undefined) {
      const rel = this.rel(abs);
      inside = !rel.startsWith("../") && this.config.hocTree.some((p) => p.match(rel) !== null);
      this.hocTreeCache.set(abs, inside);
    }
    return inside;
  }

  /**
   * Facts of the file being linted, from the parser's own AST (the editor's text, saved or not). Only one
   * file is overlaid at a time: every other file is read from the disk, so what one lint sees never depends
   * on which unsaved buffers were linted before it.
   * @param {string} abs
   * @param {ts.SourceFile | (() => ts.SourceFile)} sourceFile the AST, or how to get it when it is needed
   * @param {string} [text] the file's text, to recognise facts already known from the disk
   */
  setOverlay(abs, sourceFile, text) {
    const previous = this.overlaid && this.overlaid !== abs ? this.entries.get(this.overlaid) : undefined;
    if (previous?.disk) {
      // The file linted before had the disk's text: its disk entry (same facts) stands again, validated as any other.
      // (Re-reading it cost `eslint .` a third parse of most files.)
      this.entries.set(/** @type {string} */ (this.overlaid), previous.disk);
    } else if (previous) {
      // Back to the disk for the file linted before: re-read on next access (unchanged facts keep the indexes).
      previous.overlay = false;
      previous.mtimeMs = -1;
      previous.epoch = -1;
    }
    this.overlaid = abs;
    let before = this.entries.get(abs);
    // The editor's text is what the disk holds (always so in `eslint .`): the facts are already known.
    const hash = text === undefined ? undefined : crypto.createHash("sha1").update(text).digest("hex");
    if (!before && hash !== undefined && this.factCache) {
      // Or known to the fact cache, for that same text: taken from it as the disk's, as a file read lazily would be.
      const cached = this.factCache.get(this.rel(abs), abs);
      if (cached?.facts && cached.hash === hash) before = this.install(abs, cached);
    }
    if (before && hash !== undefined && before.hash === hash && before.facts && before.mtimeMs !== -1) {
      // Recognised as the disk's facts, or as the same unsaved text as the last lint (no disk entry to stand on).
      const disk = before.overlay ? before.disk : before;
      const entry = { ...before, overlay: true, disk };
      this.entries.set(abs, entry);
      return entry;
    }
    /** @type {FileFacts | null} */
    let facts = null;
    let error = null;
    const sf = typeof sourceFile === "function" ? sourceFile() : sourceFile;
    if (tooDeep(sf)) error = TOO_DEEP;
    else {
      try {
        facts = extractFacts(sf, extractOptionsFor(this.config, abs));
      } catch (e) {
        if (!isStackOverflow(e)) throw e;
        error = TOO_DEEP;
      }
    }
    const header = facts ? facts.header : headerOfText(sf.text);
    /** @type {Entry} */
    const entry = { facts, error, layer: classify(this.config, this.rel(abs), header), mtimeMs: 0, size: -1, hash, overlay: true };
    const screen = before ? undefined : this.screens.get(abs);
    // A screened file linted with the disk's text: its facts are the disk's, and stand for it when the lint moves on.
    if (screen && screen.hash === hash && !error) entry.disk = { ...entry, overlay: false, mtimeMs: screen.mtimeMs, size: screen.size, epoch: screen.epoch };
    this.entries.set(abs, entry);
    if (!before && this.screenedAway(abs, entry)) return entry;
    this.noteChange(before, entry, abs);
    return entry;
  }

  /**
   * Project-wide indexes are rebuilt only when some file's facts really changed: in `eslint .` every file is
   * overlaid once with exactly the facts the disk gives, and rebuilding the operation index per lint made the
   * run quadratic.
   * @param {Entry | undefined} before
   * @param {Entry} after
   * @param {string} abs
   */
  noteChange(before, after, abs) {
    if (before && before.error === after.error && JSON.stringify(before.facts) === JSON.stringify(after.facts)) return;
    this.resolutions.delete(abs);
    this.generation++;
    if (!before || nameSignature(before.facts) !== nameSignature(after.facts)) this.nameGeneration++;
  }

  /**
   * Answers that depend on names only (see nameGeneration), kept until some file's names change.
   * @returns {Map<string, unknown>}
   */
  nameAnswers() {
    return this.currentNamesMemo().map;
  }

  /**
   * The same, for answers about one file's facts (keyed by the facts object, and let go with it).
   * @returns {WeakMap<object, unknown>}
   */
  nameAnswersByFacts() {
    return this.currentNamesMemo().byFacts;
  }

  currentNamesMemo() {
    if (this.namesMemo.generation !== this.nameGeneration) this.namesMemo = { generation: this.nameGeneration, map: new Map(), byFacts: new WeakMap() };
    return this.namesMemo;
  }

  /**
   * @param {string} abs
   * @returns {Entry}
   */
  entry(abs) {
    const cached = this.entries.get(abs);
    // mtimeMs -1: an editor text that must give way to the disk again, whatever the validation policy.
    if (cached && cached.mtimeMs !== -1 && (cached.overlay || !this.validateOnAccess || cached.epoch === this.epoch)) return cached;
    const deferred = this.deferred.get(abs);
    if (deferred) {
      this.deferred.delete(abs);
      const data = this.factCache?.take?.(deferred);
      // Its facts were the project's since the scan began (found unchanged then): no answer worked out before now
      // read them (reading installs them), so none is stale, and the indexes are not rebuilt for them.
      if (data) return this.install(abs, data, { known: true });
    }
    if (cached) {
      if (this.stillOnDisk(abs, cached)) return cached;
      this.resolutions.delete(abs);
    }
    // Files read lazily (reached through imports, often outside the scanned folders) go through the fact cache too:
    // on a warm run they were most of what was still parsed.
    const rel = this.factCache ? this.rel(abs) : "";
    const hit = this.factCache?.get(rel, abs);
    if (hit) return this.install(abs, hit);
    const data = loadFileFacts(abs, this.config);
    this.factCache?.set(rel, abs, data);
    return this.install(abs, data);
  }

  /**
   * A file the fact cache holds unchanged (hoc-audit --cache): its facts are part of the project from now on, read
   * from the cache when first asked for. A warm audit asks for few of them: its checks run again on the files that
   * changed and what those reach.
   * @param {string} abs
   * @param {import("./fact-cache.js").FreshEntry} found
   */
  defer(abs, found) {
    this.deferred.set(abs, found);
  }

  /**
   * Does a file of the project have facts (it was read, or its facts are deferred)? Asked without reading them.
   * @param {string} abs
   */
  hasFacts(abs) {
    return this.deferred.has(abs) || this.facts(abs) !== null;
  }

  /**
   * The hash of a file's content as its facts were made from, without reading them.
   * @param {string} abs
   */
  hashOf(abs) {
    return this.deferred.get(abs)?.entry.hash ?? this.entry(abs).hash;
  }

  /**
   * Take a file's facts from elsewhere (a worker, the fact cache) instead of reading it here.
   * @param {string} abs
   * @param {FileData} data
   * @param {{ known?: boolean }} [options] known: facts deferred (see defer), not new to the project
   * @returns {Entry}
   */
  install(abs, data, { known = false } = {}) {
    const before = this.entries.get(abs);
    /** @type {Entry} */
    const entry = { ...data, layer: classify(this.config, this.rel(abs), data.facts?.header ?? data.header ?? null), overlay: false, epoch: this.epoch };
    this.entries.set(abs, entry);
    if (before) this.noteChange(before, entry, abs);
    else if (!known && !this.screenedAway(abs, entry)) {
      this.generation++;
      this.nameGeneration++;
    }
    return entry;
  }

  /**
   * A new file list (a file created, deleted or renamed): project-wide indexes are rebuilt, and answers about names
   * are worked out again (an import that resolved nowhere may now reach the new file).
   * @param {string[]} files sorted
   */
  setFiles(files) {
    this.files = files;
    this.listedSet = null;
    this.generation++;
    this.nameGeneration++;
    if (this.screens.size > 0) {
      const listed = this.listed();
      for (const f of this.screens.keys()) if (!listed.has(f)) this.screens.delete(f);
    }
  }

  /** The files of the project's list, as a set. @returns {Set<string>} */
  listed() {
    if (!this.listedSet || this.listedFrom !== this.files) {
      this.listedSet = new Set(this.files);
      this.listedFrom = this.files;
    }
    return this.listedSet;
  }

  /** Start a new validation pass (the ESLint front end calls it once per linted file). */
  newPass() {
    this.epoch++;
    this.passCostMs = 0;
    if (!this.staticFs) {
      this.resolutionHost = new ResolutionHost();
      this.passResolutionCaches.clear();
      this.folderResolutions.clear();
    }
  }

  /**
   * Check every cached file against the disk, once per validation pass (not once per question: every rule of
   * every lint asked, and looping over thousands of entries per question made `eslint .` quadratic). The time
   * spent stat-ing is added to the pass's cost, which paces how often a burst of lints validates.
   */
  validateAll() {
    if (!this.validateOnAccess || this.validatedEpoch === this.epoch) return;
    const started = performance.now();
    const generation = this.generation;
    const reads = this.firstReads;
    for (const f of this.files) {
      if (this.screenTests && !this.entries.has(f)) this.screenFile(f);
      else this.entry(f);
    }
    this.validatedEpoch = this.epoch;
    // Reading files for the first time is not validation: only a pass that read nothing new measures its cost.
    if (this.generation === generation && this.firstReads === reads) this.passCostMs += performance.now() - started;
  }

  /**
   * The files the project-wide indexes read, every one validated in this pass: all of them, or, when screening,
   * those whose facts are known (the others were screened as adding nothing to the index asked for). For every
   * dispatch of the project, screening runs until the names dispatch wrappers are exported under stop changing: a
   * file that calls a wrapper has only the wrapper's name to show.
   * @param {boolean} withDispatches
   * @returns {string[]}
   */
  indexFiles(withDispatches) {
    this.validateAll();
    if (!this.screenTests) return this.files;
    // Every rule of every lint asks: the list stands until the file list, the wrapper names or some facts change.
    const level = withDispatches ? "dispatches" : "registrations";
    const memo = this.indexFilesMemo.get(level);
    if (memo && memo.files === this.files && memo.generation === this.generation && memo.aliasKey === this.aliasKey) return memo.list;
    for (;;) {
      // Files with neither facts nor a screen that answers this question (new ones, or screened for other names).
      for (const f of this.files) if (!this.entries.has(f)) this.screenFile(f, withDispatches);
      if (!withDispatches) break;
      const names = wrapperNamesOf(this.files, (f) => this.entries.get(f)?.facts);
      const key = [...names].sort().join("\u0000");
      if (key === this.aliasKey) break;
      this.wrapperNames = names;
      this.wrapperTest = aliasScreen(names);
      this.aliasKey = key;
    }
    const list = this.files.filter((f) => this.entries.has(f));
    this.indexFilesMemo.set(level, { files: this.files, generation: this.generation, aliasKey: this.aliasKey, list });
    return list;
  }

  /**
   * Decide from its text whether a file can add to the project-wide indexes: if it can, it is read as usual;
   * otherwise only its stamp, its layer and whether it may dispatch are kept. Validated against the disk as entries
   * are. `withDispatches`: the question is every dispatch of the project, so a file that may dispatch is read too.
   * @param {string} abs
   * @param {boolean} [withDispatches]
   */
  screenFile(abs, withDispatches = false) {
    const screen = this.screens.get(abs);
    if (screen && (!withDispatches || screen.aliasKey === this.aliasKey)) {
      if (!this.validateOnAccess || screen.epoch === this.epoch || this.stillOnDisk(abs, screen)) {
        if (withDispatches && screen.dispatch) {
          this.screens.delete(abs);
          this.entry(abs);
        }
        return;
      }
    }
    this.firstReads++;
    const read = readSource(abs, this.config.maxFileBytes);
    const tests = /** @type {NonNullable<Project["screenTests"]>} */ (this.screenTests);
    const dispatch = read.ok && (!!tests.dispatches?.test(read.text) || !!this.wrapperTest?.test(read.text));
    if (!read.ok || tests.registrations.some((t) => t.test(read.text)) || (withDispatches && dispatch)) {
      this.screens.delete(abs);
      this.install(abs, (read.ok && this.factCache?.get(this.rel(abs), abs)) || factsFromRead(abs, read, this.config));
      return;
    }
    const layer = classify(this.config, this.rel(abs), headerOfText(read.text));
    // What reads screened files reads their layers (the domains of the project): a changed one changes the project.
    if (screen && !sameLayer(screen.layer, layer)) {
      this.generation++;
      this.nameGeneration++;
    }
    const mayReExport = MAY_RE_EXPORT.test(read.text);
    // Providers worked out from the screen ("it provides the name itself") hold while it does not re-export.
    if (screen && screen.mayReExport !== mayReExport) {
      this.generation++;
      this.nameGeneration++;
    }
    // The index of every dispatch is built only with every file that may dispatch read: until it is, it is stale.
    if (dispatch) this.operationIndexes.delete(true);
    this.screens.set(abs, {
      mtimeMs: read.mtimeMs,
      size: read.size,
      hash: read.hash,
      epoch: this.epoch,
      layer,
      mayReExport,
      mayTombstone: MAY_TOMBSTONE.test(read.text),
      dispatch,
      aliasKey: this.aliasKey,
    });
  }

  /**
   * Is the file on disk still the one read (same mtime and size)? If so it counts as validated in this pass; a file
   * deleted since is not (it is read again, which reports it).
   * @param {string} abs
   * @param {{ mtimeMs: number, size: number, epoch?: number }} stamp
   */
  stillOnDisk(abs, stamp) {
    let st = null;
    try {
      st = fs.statSync(abs);
    } catch {
      return false;
    }
    if (st.mtimeMs !== stamp.mtimeMs || st.size !== stamp.size) return false;
    stamp.epoch = this.epoch;
    return true;
  }

  /**
   * A file screened away now has facts (read lazily, or linted): if they add nothing the screen said they could not
   * (registrations or models; dispatches, unless the screen said it may dispatch), its layer is the one screened and
   * it re-exports nothing where its text said it could not, nothing that was worked out changes (nothing read its
   * facts before; the index of every dispatch is stale while a file that may dispatch is screened).
   * @param {string} abs
   * @param {Entry} entry
   */
  screenedAway(abs, entry) {
    const screen = this.screens.get(abs);
    if (!screen) return false;
    this.screens.delete(abs);
    const facts = entry.facts;
    if (registers(facts) || (!screen.dispatch && dispatches(facts, this.wrapperNames))) return false;
    return sameLayer(screen.layer, entry.layer) && (screen.mayReExport || !reExports(facts));
  }

  /** @param {string} abs */
  facts(abs) {
    return this.entry(abs).facts;
  }

  /**
   * What screening knows of a file whose facts are not known (screened now if it was not, or if the disk changed),
   * or undefined when its facts are known: then they answer.
   * @param {string} abs
   * @returns {Screen | undefined}
   */
  screenOf(abs) {
    if (!this.screenTests || this.entries.has(abs)) return undefined;
    this.screenFile(abs);
    return this.screens.get(abs);
  }

  /**
   * The tombstone that retires a file, if any (a screened file whose text has no tombstone marker is not parsed).
   * @param {string} abs
   */
  tombstoneOf(abs) {
    if (this.screenOf(abs)?.mayTombstone === false) return null;
    return this.facts(abs)?.tombstone ?? null;
  }

  /** @param {string} abs */
  layerOf(abs) {
    const screen = this.screenOf(abs);
    return screen ? screen.layer : this.entry(abs).layer;
  }

  /**
   * Resolve an import the way TypeScript does (tsconfig paths/baseUrl, project references, workspaces,
   * `.js` specifiers for `.ts` files). Answers are kept for the run; in the editor only successes, so a file created
   * later is found.
   * @param {string} from absolute path of the importing file
   * @param {string} specifier
   * @returns {Resolution}
   */
  resolve(from, specifier) {
    let perFile = this.resolutions.get(from);
    if (!perFile) {
      perFile = new Map();
      this.resolutions.set(from, perFile);
    }
    const hit = perFile.get(specifier);
    if (hit && this.stillThere(hit)) return hit;
    // TypeScript resolves from the importing file's folder, and so does everything below: the files of one folder
    // share the answer (a generated 5,000-file tree has 13,068 imports but 3,380 folder/specifier pairs).
    const dir = this.folderOf(from);
    // The folder's tsconfig is looked up even for an answer known (kept by an earlier run): a broken one is said.
    const tsconfig = this.tsconfigs.forDir(dir);
    let inFolder = this.folderResolutions.get(dir);
    if (!inFolder) this.folderResolutions.set(dir, (inFolder = new Map()));
    const shared = inFolder.get(specifier);
    if (shared && this.stillThere(shared)) {
      perFile.set(specifier, shared);
      return shared;
    }
    // Most imports name a sibling module without an extension (`../L6_drivers/order_driver`): TypeScript's first
    // probe is that path plus `.ts`, and when the file is there, that is its answer — given without the resolver.
    const quick = firstProbe(dir, specifier, tsconfig.options);
    /** @type {Resolution} */
    const resolution =
      quick !== null && this.resolutionHost.fileExists(quick) && !this.isPackagePath(quick)
        ? { kind: "file", file: quick }
        : this.resolveWithTypescript(from, specifier, tsconfig);
    // An import that resolves nowhere may resolve once a file is created: that is asked again, unless nothing changes.
    if (resolution.kind !== "unresolved" || this.staticFs) {
      perFile.set(specifier, resolution);
      inFolder.set(specifier, resolution);
    }
    return resolution;
  }

  /**
   * A remembered resolution still holds unless, in editor mode, the file it reached can no longer be read.
   * @param {Resolution} r
   */
  stillThere(r) {
    return r.kind !== "file" || !this.validateOnAccess || this.entry(r.file).error === null;
  }

  /**
   * TypeScript's resolver, and what its answer is to us: a file, a package, an asset, or unresolved.
   * @param {string} from
   * @param {string} specifier
   * @param {import("./tsconfig.js").TsconfigInfo} tsconfig the one for the importing file's folder
   * @returns {Resolution}
   */
  resolveWithTypescript(from, specifier, tsconfig) {
    // TypeScript's own resolution cache (per tsconfig) saves most directory probing: for the whole run when the file
    // system does not change under it (a whole-repository scan), else for one validation pass (see resolutionHost).
    const cacheDir = tsconfig.file ? path.dirname(tsconfig.file) : this.config.root;
    let cache;
    if (this.staticFs) cache = tsconfig.cache ??= ts.createModuleResolutionCache(cacheDir, (f) => f, tsconfig.options);
    else {
      cache = this.passResolutionCaches.get(tsconfig);
      if (!cache) this.passResolutionCaches.set(tsconfig, (cache = ts.createModuleResolutionCache(cacheDir, (f) => f, tsconfig.options)));
    }
    const result = ts.resolveModuleName(specifier, from, tsconfig.options, this.resolutionHost, cache).resolvedModule;
    const asset = !result && specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
    if (asset && !/\.[cm]?[jt]sx?$/.test(asset) && this.resolutionHost.fileExists(asset)) {
      // `import "./globals.css"`, `import logo from "./logo.svg"`: a file a bundler loads, not a module with layers.
      return { kind: "asset", file: asset };
    }
    if (!result) {
      return isRelativeOrAliased(specifier, tsconfig.pathPatterns) ? { kind: "unresolved" } : { kind: "package", name: packageName(specifier) };
    }
    if (this.isPackagePath(result.resolvedFileName) || (result.isExternalLibraryImport && result.resolvedFileName.endsWith(".d.ts"))) {
      // Only what stays in node_modules is a package: a workspace package reached through a node_modules
      // symlink resolves (realpath) to its source in the repository, and that is project code with layers.
      return { kind: "package", name: result.packageId?.name ?? packageName(specifier) };
    }
    return { kind: "file", file: path.resolve(result.resolvedFileName) };
  }

  /**
   * The resolutions of this run and every file-system answer they were made from, for the next run to take
   * (hoc-audit --cache; see resolution-host.js).
   * @returns {import("./resolution-host.js").KeptResolutions}
   */
  keptResolutions() {
    const resolutions = [...this.folderResolutions].map(([dir, answers]) => /** @type {[string, [string, Resolution][]]} */ ([dir, [...answers]]));
    return { options: this.optionsSignature(resolutions.map(([dir]) => dir)), folders: this.resolutionHost.answers(), resolutions };
  }

  /**
   * Take the resolutions an earlier run kept, if the compiler options of their folders and every file-system answer
   * they were made from are the same; else nothing (every import is resolved again).
   * @param {unknown} kept what keptResolutions gave, as the cache read it
   */
  resumeResolutions(kept) {
    if (!wellFormedKept(kept)) return false;
    if (this.optionsSignature(kept.resolutions.map(([dir]) => dir)) !== kept.options || !this.resolutionHost.adopt(kept.folders)) return false;
    for (const [dir, answers] of kept.resolutions) this.folderResolutions.set(this.folderName(dir), new Map(answers));
    this.resumedResolutions = true;
    return true;
  }

  /**
   * Which tsconfig each resolving folder has, and what its options are. Looked up quietly: a broken tsconfig is said
   * where a file's import asks for it, as in a run without a cache.
   * @param {string[]} dirs
   */
  optionsSignature(dirs) {
    const h = crypto.createHash("sha256");
    /** @type {Map<string, import("./tsconfig.js").TsconfigInfo>} */
    const infos = new Map();
    for (const dir of [...dirs].sort()) {
      const info = this.tsconfigs.quietlyForDir(dir);
      h.update(`${dir}\0${info.file}\0`);
      infos.set(info.file ?? "", info);
    }
    for (const [file, info] of [...infos].sort((a, b) => (a[0] < b[0] ? -1 : 1))) h.update(`${file}\0${JSON.stringify(info.options)}\0`);
    return h.digest("hex");
  }

  /**
   * Is a resolved file a package's (inside a node_modules folder below the root, or outside the root in one)?
   * A repository that itself sits in a node_modules folder (a scanned package) is not a package to itself.
   * @param {string} file
   */
  isPackagePath(file) {
    const rel = this.rel(path.resolve(file));
    return rel.startsWith("node_modules/") || rel.includes("/node_modules/") || (rel.startsWith("../") && /[\\/]node_modules[\\/]/.test(file));
  }

  /**
   * @param {string} from
   * @param {string} specifier
   */
  isRelativeOrAliased(from, specifier) {
    return isRelativeOrAliased(specifier, this.tsconfigs.forDir(this.folderOf(from)).pathPatterns);
  }

  /** @param {string} file absolute */
  folderOf(file) {
    let dir = this.fileFolders.get(file);
    if (dir === undefined) this.fileFolders.set(file, (dir = this.folderName(path.dirname(file))));
    return dir;
  }

  /**
   * One string per folder: a map keyed on it hashes it once, not once per file of the folder.
   * @param {string} dir
   */
  folderName(dir) {
    const known = this.folderNames.get(dir);
    if (known !== undefined) return known;
    this.folderNames.set(dir, dir);
    return dir;
  }

  /**
   * The module that really provides `name` when imported from `file`, looking through re-exports, and the
   * name it has there (`export { QUERY as INTEGRATIONS_QUERY } from "./ops"` leads to `QUERY` in ops).
   * @param {string} file
   * @param {string} name
   * @param {string[]} via
   * @returns {Provider & { name: string }}
   */
  providerOf(file, name, via = []) {
    // Memoized until some file's names change: a barrel with hundreds of `export *` lines is searched once per
    // name, not once per importer (that made big repositories quadratic), nor again after an edit that only moved lines.
    if (via.length === 0) {
      const memo = /** @type {Map<string, Provider & { name: string }>} */ (this.nameAnswers());
      const key = `p\u0000${file}\u0000${name}`;
      const hit = memo.get(key);
      if (hit) return hit;
      const found = this.findProvider(file, name, []);
      memo.set(key, found);
      return found;
    }
    return this.findProvider(file, name, via);
  }

  /**
   * @param {string} file
   * @param {string} name
   * @param {string[]} via
   * @returns {Provider & { name: string }}
   */
  findProvider(file, name, via) {
    const here = { file, via, name };
    if (via.includes(file) || via.length > 32) return here;
    if (this.screenOf(file)?.mayReExport === false) return here;
    const facts = this.facts(file);
    if (!facts || facts.localExports.includes(name)) return here;
    const re = facts.reExports.find((r) => r.exported === name);
    if (re) {
      const target = this.resolve(file, re.specifier);
      if (target.kind !== "file") return here;
      if (re.imported !== "*") return this.providerOf(target.file, re.imported, [...via, file]);
      const whole = this.wholeModuleProviders(target.file, [...via, file])[0];
      return whole ? { ...whole, name: "*" } : here;
    }
    for (const spec of facts.starExports) {
      const target = this.resolve(file, spec);
      if (target.kind !== "file") continue;
      const found = this.providerOf(target.file, name, [...via, file]);
      if (found.file !== target.file || this.facts(target.file)?.localExports.includes(name)) return found;
    }
    return here;
  }

  /**
   * What a whole-module import of `file` reaches: the file itself, or, for a barrel outside every layer,
   * each module it re-exports.
   * @param {string} file
   * @param {string[]} via
   * @returns {Provider[]}
   */
  wholeModuleProviders(file, via = []) {
    if (via.includes(file) || via.length > 32) return [];
    if (!isIndexFile(file) || this.layerOf(file)) return [{ file, via }];
    const facts = this.facts(file);
    if (!facts || facts.localExports.length > 0) return [{ file, via }];
    /** @type {Provider[]} */
    const out = [];
    const specs = [...new Set([...facts.starExports, ...facts.reExports.map((r) => r.specifier)])];
    for (const spec of specs) {
      const target = this.resolve(file, spec);
      if (target.kind === "file") out.push(...this.wholeModuleProviders(target.file, [...via, file]));
    }
    return out.length > 0 ? out : [{ file, via }];
  }

  /**
   * Every module an import reaches, after looking through barrels, with the names that lead there.
   * @param {string} from
   * @param {ImportFact} imp
   * @returns {ImportTarget[]}
   */
  providersOfImport(from, imp) {
    const target = this.resolve(from, imp.specifier);
    if (target.kind !== "file") return [];
    if (!this.config.lookThroughBarrels) {
      // The barrel is what the import reaches: its own layer decides (a layer's index.ts as its public face).
      const typeOnly = imp.typeOnly || (imp.names != null && imp.names.length > 0 && imp.names.every((n) => n.typeOnly));
      return [{ file: target.file, via: [], typeOnly }];
    }
    if (!imp.names || imp.names.length === 0) {
      return this.wholeModuleProviders(target.file).map((p) => ({ ...p, typeOnly: imp.typeOnly }));
    }
    /** @type {Map<string, ImportTarget>} */
    const byFile = new Map();
    for (const n of imp.names) {
      const p = this.providerOf(target.file, n.imported);
      const seen = byFile.get(p.file);
      if (seen) seen.typeOnly &&= n.typeOnly;
      else byFile.set(p.file, { ...p, typeOnly: n.typeOnly });
    }
    return [...byFile.values()];
  }
}

/**
 * What of a file's facts names depend on, without positions: two facts with the same signature give the same
 * providers, constant values and dispatch wrappers (see Project.nameGeneration).
 * @param {FileFacts | null} facts
 */
export function nameSignature(facts) {
  if (!facts) return "";
  return JSON.stringify([
    facts.header && [facts.header.text, facts.header.token],
    facts.imports.map((i) => [i.specifier, i.kind, i.typeOnly, i.namespace ?? null, i.names]),
    facts.localExports,
    facts.reExports,
    facts.starExports,
    facts.constants,
    facts.exportNames,
    facts.operations.wrappers,
  ]);
}

/**
 * Is some data what keptResolutions gives? (It comes from the cache, which only holds what this tool wrote; a shape
 * from another version of it is not taken.)
 * @param {any} kept
 * @returns {kept is import("./resolution-host.js").KeptResolutions}
 */
function wellFormedKept(kept) {
  const pairs = (/** @type {unknown} */ list) => Array.isArray(list) && list.every((e) => Array.isArray(e) && typeof e[0] === "string");
  return (
    typeof kept?.options === "string" &&
    pairs(kept.resolutions) &&
    kept.resolutions.every((/** @type {[string, unknown]} */ [, answers]) => pairs(answers)) &&
    Array.isArray(kept.folders) &&
    kept.folders.every(
      (/** @type {any} */ f) =>
        typeof f?.dir === "string" &&
        (f.stamp === null || (typeof f.stamp?.mtimeMs === "number" && typeof f.stamp.ino === "number" && typeof f.stamp.seenAt === "number")) &&
        pairs(f.files) &&
        pairs(f.dirs) &&
        pairs(f.real) &&
        pairs(f.reads),
    )
  );
}
