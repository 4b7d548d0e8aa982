// Per-file facts cached on disk (`hoc-audit --cache`, read by the ESLint rules): a file that did not change is not
// parsed again. A cache is a file anyone can write — a commit, a restored CI cache, an attacker — and facts decide
// findings, so a cache must not be able to lie:
// - the whole file is authenticated (HMAC-SHA256) with a key that never lives in the repository: a random per-user
//   key in the user's cache folder, or HOC_CACHE_KEY (a CI secret, for a cache restored on another machine). A file
//   made with another key — committed, copied, forged — is not read at all, and every file is parsed again;
// - an entry is bound to the file's content (its hash is under the MAC) and, on the fast path, to its size, mtime,
//   ctime and inode, which no checkout or copy keeps;
// - the facts it holds are checked for shape before use; anything doubtful is dropped and rebuilt;
// - it is written only after the checks ran (a run that crashes saves nothing), atomically (temp file + rename).
// One MAC over the file, not one per entry: a warm run then hashes the file once instead of each entry's bytes apart.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath } from "node:url";
import ts from "../ts.js";
import { userCacheDir } from "../ts-code-cache.js";
import { TOOL_VERSION } from "../version.js";

/** @typedef {import("./project.js").FileData} FileData */
/**
 * Each file's facts are kept serialized: a run that changed one file rewrites the cache by copying buffers, not
 * by serializing every file's facts again (that was most of a warm run on 20,000 files). `bin` holds the facts
 * every run reads, `lazy` the LAZY_FACTS, deserialized only when something reads them.
 * @typedef {{ stamp: string, size: number, hash: string, bin: Buffer, lazy: Buffer }} CacheEntry
 */
/** @typedef {{ key: string, bin: Buffer }} StoredBin */
/** @typedef {"checks" | "walks" | "resolutions"} BlobKind */
/** A file's entry found unchanged, its facts not read yet (see FactCache.fresh). @typedef {{ rel: string, entry: CacheEntry, mtimeMs: number }} FreshEntry */
/** @type {BlobKind[]} */
const BLOB_KINDS = ["checks", "walks", "resolutions"];

const FORMAT = 4;
/** What a cache file starts with, before its MAC and its data. */
const MAGIC = Buffer.from("HOCFACT\u0004");
const MAC_BYTES = 32;

/**
 * The facts no check reads of another file: changing them can change only their own file's results (see
 * check-cache.js), and a warm run reads them only for the files it checks again. They are the larger part of most
 * files' facts (every call that may query a database), so they are stored apart and deserialized on first use.
 */
export const OWN_FACTS = /** @type {const} */ (["queries", "transactions", "handleDecls", "leaks", "facadeCalls", "importInsertAt", "surfaces"]);

/**
 * The facts stored apart: the OWN_FACTS, and those other files' checks ask about one name at a time (a declaration,
 * a constant, a top-level statement), which a warm run reads only for the few files that questions reach.
 */
export const LAZY_FACTS = /** @type {const} */ ([...OWN_FACTS, "decls", "constants", "topLevel"]);

/**
 * A hash of the code in a folder (its files matching `pattern`, in its subfolders too) and of the TypeScript that
 * runs with it: what a cache keys on instead of a version to bump.
 * @param {string} dir
 * @param {RegExp} pattern
 */
export function codeHash(dir, pattern) {
  const h = crypto.createHash("sha256");
  /** @param {string} at */
  const walk = (at) => {
    for (const e of fs.readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(at, e.name);
      if (e.isDirectory()) walk(full);
      else if (pattern.test(e.name)) h.update(path.relative(dir, full)).update("\0").update(fs.readFileSync(full));
    }
  };
  walk(dir);
  h.update(ts.version);
  return h.digest("hex");
}

/**
 * Facts are whatever the extractors make of a file: the key holds a hash of their code and of the TypeScript
 * that parses, so a changed extractor can never be served facts cached by the old one (no version to bump).
 */
const EXTRACTOR = codeHash(path.join(path.dirname(fileURLToPath(import.meta.url)), "../facts"), /\.js$/);

/** The code that walks the tree and resolves imports (what is kept of both between runs is keyed on it, as facts are on the extractors'). */
const RUN_CODE = codeHash(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "../project"),
  /^(discover|skipped|tsconfig|file-stamp|resolution-host|project)\.js$/,
);

/**
 * The secret that authenticates cache entries, and where it comes from; null (with the reason) when there is none.
 * @param {string} root the scanned repository: a key inside it could be committed, so it is never used
 * @returns {{ key: Buffer, source: string } | { key: null, why: string }}
 */
export function cacheSecret(root) {
  const fromEnv = process.env.HOC_CACHE_KEY;
  if (fromEnv) return { key: crypto.createHash("sha256").update(fromEnv).digest(), source: "HOC_CACHE_KEY" };
  const file = path.join(userCacheDir(), "cache-key");
  const rel = path.relative(path.resolve(root), file);
  if (!rel.startsWith("..") && !path.isAbsolute(rel)) {
    return { key: null, why: `its key would live inside the repository (${file}); set XDG_CACHE_HOME outside it, or HOC_CACHE_KEY` };
  }
  try {
    const key = fs.readFileSync(file);
    if (key.length === 32) return { key, source: file };
  } catch {
    // not made yet
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = crypto.randomBytes(32);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, fresh, { mode: 0o600 });
    // Two runs may race to make it: the first rename wins, and both read what won.
    fs.renameSync(tmp, file);
    const key = fs.readFileSync(file);
    return key.length === 32 ? { key, source: file } : { key: null, why: `${file} is not a cache key (32 bytes); delete it` };
  } catch (e) {
    return { key: null, why: `no place for its key (${file}: ${/** @type {NodeJS.ErrnoException} */ (e).code}); set XDG_CACHE_HOME or HOC_CACHE_KEY` };
  }
}

/**
 * What the fast path compares: a copy, a checkout or a restore changes at least one of them.
 * @param {fs.Stats} st
 */
function stampOf(st) {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/** Fact lists every FileFacts holds: an entry whose facts lack one of them is not ours. */
const FACT_LISTS = [
  "imports",
  "reExports",
  "starExports",
  "localExports",
  "transactions",
  "queries",
  "handleDecls",
  "leaks",
  "models",
  "associations",
  "surfaces",
];

/** @type {ReadonlySet<string>} */
const LAZY = new Set(LAZY_FACTS);

/**
 * Is this what loadFileFacts makes of a readable file, its LAZY_FACTS aside?
 * @param {unknown} data
 * @returns {data is FileData}
 */
function wellFormed(data) {
  if (!data || typeof data !== "object") return false;
  const d = /** @type {Record<string, unknown>} */ (data);
  if (d.error !== null || typeof d.hash !== "string" || typeof d.size !== "number") return false;
  const facts = /** @type {Record<string, unknown> | null} */ (d.facts);
  if (!facts || typeof facts !== "object") return false;
  return FACT_LISTS.every((k) => LAZY.has(k) || Array.isArray(facts[k])) && !!facts.operations && typeof facts.operations === "object";
}

/**
 * Are these the LAZY_FACTS of a file, as set() stored them?
 * @param {unknown} lazy
 * @returns {lazy is Record<string, unknown>}
 */
function wellFormedLazy(lazy) {
  if (!lazy || typeof lazy !== "object") return false;
  const o = /** @type {Record<string, unknown>} */ (lazy);
  return LAZY_FACTS.every((k) => k in o) && FACT_LISTS.every((k) => !LAZY.has(k) || Array.isArray(o[k]));
}

/**
 * A file's facts in two buffers: what every run reads, with a null in place of each of the LAZY_FACTS (so the keys
 * keep their order), and the LAZY_FACTS.
 * @param {FileData} data
 */
function split(data) {
  const facts = /** @type {Record<string, unknown>} */ ({ ...data.facts });
  /** @type {Record<string, unknown>} */
  const lazy = {};
  for (const k of LAZY_FACTS) {
    lazy[k] = facts[k];
    facts[k] = null;
  }
  return { bin: v8.serialize({ ...data, facts }), lazy: v8.serialize(lazy) };
}

/**
 * Put the LAZY_FACTS back in place of their nulls, deserialized when one of them is first read (or written).
 * @param {Record<string, unknown>} facts
 * @param {Uint8Array} bin
 * @param {string} rel for the error, which a cache that passed its MAC cannot raise unless our code is wrong
 */
function attachLazy(facts, bin, rel) {
  const load = () => {
    let lazy;
    try {
      lazy = v8.deserialize(bin);
    } catch {
      lazy = null;
    }
    if (!wellFormedLazy(lazy)) throw new Error(`the cached facts of ${rel} are not well formed (a bug of eslint-plugin-hoc); delete the cache file`);
    for (const k of LAZY_FACTS) Object.defineProperty(facts, k, { value: lazy[k], writable: true, enumerable: true, configurable: true });
  };
  for (const k of LAZY_FACTS) {
    Object.defineProperty(facts, k, {
      get() {
        load();
        return facts[k];
      },
      set(value) {
        load();
        facts[k] = value;
      },
      enumerable: true,
      configurable: true,
    });
  }
}

/**
 * The config keys facts do not depend on, left out of the cache key: editing them (a new exception, a severity, where
 * the baseline or the cache lives) keeps every cached file. What the extractors read (operations, transactions,
 * database, private keys, spine schema paths) and what decides whether a file is read at all (maxFileBytes) stay in.
 */
const NOT_READ_BY_EXTRACTION = ["$schema", "cache", "baseline", "exceptions", "rules"];

/**
 * @param {import("../types.js").UserConfig} user
 */
function factsDependOn(user) {
  return Object.fromEntries(Object.entries(user).filter(([k]) => !NOT_READ_BY_EXTRACTION.includes(k)));
}

export class FactCache {
  /**
   * @param {string} file the cache file
   * @param {import("../types.js").HocConfig} config facts depend on the config (matchers, limits), so it is part of the key
   */
  constructor(file, config) {
    this.file = file;
    this.key = crypto
      .createHash("sha256")
      .update(JSON.stringify([FORMAT, TOOL_VERSION, EXTRACTOR, factsDependOn(config.source.user)]))
      .digest("hex");
    const secret = cacheSecret(config.root);
    /** @type {Buffer | null} */
    this.secret = secret.key;
    /** @type {Map<string, CacheEntry>} */
    this.entries = new Map();
    /** @type {Map<string, CacheEntry>} */
    this.next = new Map();
    /** @type {string | null} a one-line note when the cache could not be used */
    this.problem = secret.key ? null : `cache not used: ${secret.why}`;
    /** entries dropped because they were not made here, or not well formed */
    this.rejected = 0;
    this.hits = 0;
    /** files whose facts could not be serialized (a bug of ours): not cached, read again next time */
    this.unstorable = 0;
    /** the file holds a cache made for another config or version (none of it applies) */
    this.otherKey = false;
    /**
     * What the run that wrote the file kept besides facts, as stored: its check results (check-cache.js), its walks
     * (discover.js's WalkMemo) and its resolutions (resolution-host.js); and what this run keeps.
     * @type {Record<BlobKind, StoredBin | null>}
     */
    this.blobs = { checks: null, walks: null, resolutions: null };
    /** @type {Record<BlobKind, StoredBin | null>} */
    this.nextBlobs = { checks: null, walks: null, resolutions: null };
    /** What the walks and resolutions depend on besides the disk: the code that makes them, the root and the whole config. */
    this.runKey = crypto
      .createHash("sha256")
      .update(JSON.stringify([RUN_CODE, config.root, config.tsconfig, config.source.user]))
      .digest("hex");
    if (this.secret) this.load();
  }

  load() {
    let buf;
    try {
      if (!fs.statSync(this.file).isFile()) {
        this.problem = `cache ${this.file} is not a regular file; it is not used`;
        return;
      }
      buf = fs.readFileSync(this.file);
    } catch {
      return; // no cache yet
    }
    const corrupt = `cache ${this.file} could not be read (corrupt or from another Node version); it is rebuilt`;
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) {
      // An earlier eslint-plugin-hoc wrote its caches in another form (they were keyed to it anyway): start over.
      if (entriesIn(buf) !== null) this.otherKey = true;
      else this.problem = corrupt;
      return;
    }
    const body = buf.subarray(MAGIC.length + MAC_BYTES);
    if (!authentic(buf.subarray(MAGIC.length, MAGIC.length + MAC_BYTES), this.mac(body))) {
      // Made with another key (copied, committed, forged): nothing of it is read; how much was dropped is said. Data
      // that does not even deserialize is a damaged file, and said so.
      const count = entriesIn(body);
      if (count) this.rejected = count;
      else this.problem = corrupt;
      return;
    }
    try {
      const data = v8.deserialize(body);
      if (data?.key !== this.key || !(data.entries instanceof Map)) {
        this.otherKey = true; // another config or version: start over
        return;
      }
      this.entries = data.entries;
      for (const kind of BLOB_KINDS) this.blobs[kind] = data[kind] ?? null;
    } catch {
      this.problem = corrupt;
    }
  }

  /**
   * HMAC-SHA256 of a cache file's data.
   * @param {Uint8Array} body
   */
  mac(body) {
    return crypto
      .createHmac("sha256", /** @type {Buffer} */ (this.secret))
      .update(body)
      .digest();
  }

  /**
   * The cached facts of a file if it is unchanged, else null. Fast path: the same size, mtime, ctime and inode;
   * otherwise the content hash decides (a cache restored on another machine still hits).
   * @param {string} rel
   * @param {string} abs
   * @returns {FileData | null}
   */
  get(rel, abs) {
    const found = this.fresh(rel, abs);
    return found && this.take(found);
  }

  /**
   * A file's entry, if the file is unchanged (as get() judges), kept for the next write; its facts are deserialized
   * only by take(), when first asked for.
   * @param {string} rel
   * @param {string} abs
   * @returns {FreshEntry | null}
   */
  fresh(rel, abs) {
    const hit = this.entries.get(rel);
    if (!hit || !this.secret) return null;
    if (!wellFormedEntry(hit)) return this.reject();
    let st;
    try {
      st = fs.statSync(abs);
    } catch {
      return null;
    }
    if (st.size !== hit.size) return null;
    let entry = hit;
    if (stampOf(st) !== hit.stamp) {
      let text;
      try {
        text = fs.readFileSync(abs);
      } catch {
        return null;
      }
      if (hash(text) !== hit.hash) return null;
      entry = { ...hit, stamp: stampOf(st) };
    }
    this.hits++;
    this.next.set(rel, entry);
    return { rel, entry, mtimeMs: st.mtimeMs };
  }

  /**
   * The facts of an entry fresh() gave; null (and the entry dropped) when they are not well formed.
   * @param {FreshEntry} found
   * @returns {FileData | null}
   */
  take({ rel, entry, mtimeMs }) {
    let data;
    try {
      data = v8.deserialize(entry.bin);
    } catch {
      data = null;
    }
    if (!wellFormed(data) || data.hash !== entry.hash || data.size !== entry.size || !data.facts) {
      this.hits--;
      this.next.delete(rel);
      return this.reject();
    }
    attachLazy(/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (data.facts)), entry.lazy, rel);
    return { ...data, mtimeMs };
  }

  /** @returns {null} */
  reject() {
    this.rejected++;
    return null;
  }

  /**
   * Record freshly extracted facts (files with read errors are not cached: they are retried next time).
   * @param {string} rel
   * @param {string} abs
   * @param {FileData} data
   */
  set(rel, abs, data) {
    if (!this.secret || data.error !== null || !data.hash) return;
    let st;
    try {
      st = fs.statSync(abs);
    } catch {
      return;
    }
    if (st.size !== data.size) return; // changed while it was read: next time
    let bins;
    try {
      bins = split(data);
    } catch {
      // Facts are plain data; one that is not is our bug. It costs this file its cache entry, said, not the run.
      this.unstorable++;
      return;
    }
    this.next.set(rel, { stamp: stampOf(st), size: data.size, hash: data.hash, ...bins });
  }

  /**
   * The facts this cache held for a file before this run, whatever the file holds now (null: none, or not ours).
   * @param {string} rel
   * @returns {import("../types.js").FileFacts | null}
   */
  previousFacts(rel) {
    const hit = this.entries.get(rel);
    if (!hit || !this.secret || !wellFormedEntry(hit)) return null;
    try {
      const data = v8.deserialize(hit.bin);
      const lazy = v8.deserialize(hit.lazy);
      if (!wellFormed(data) || !data.facts || !wellFormedLazy(lazy)) return null;
      return /** @type {import("../types.js").FileFacts} */ (/** @type {unknown} */ ({ ...data.facts, ...lazy }));
    } catch {
      return null;
    }
  }

  /**
   * The content hash this cache held for a file before this run.
   * @param {string} rel
   */
  previousHash(rel) {
    return this.entries.get(rel)?.hash ?? null;
  }

  /**
   * The stored check results, when they were made for this key.
   * @param {string} key
   * @returns {unknown}
   */
  storedChecks(key) {
    return this.openBlob("checks", key);
  }

  /**
   * @param {string} key
   * @param {unknown} results plain data
   */
  storeChecks(key, results) {
    this.sealBlob("checks", key, results);
  }

  /**
   * What the last run kept of a kind other than check results (walks: discover.js's rememberWalks; resolutions:
   * resolution-host.js), when made with this code, root and config.
   * @param {"walks" | "resolutions"} kind
   * @returns {unknown}
   */
  storedRun(kind) {
    return this.openBlob(kind, this.runKey);
  }

  /**
   * @param {"walks" | "resolutions"} kind
   * @param {unknown} data plain data
   */
  storeRun(kind, data) {
    this.sealBlob(kind, this.runKey, data);
  }

  /**
   * A stored blob's data, if it was made for this key.
   * @param {BlobKind} kind
   * @param {string} key
   */
  openBlob(kind, key) {
    const blob = this.blobs[kind];
    if (!blob || !this.secret || blob.key !== key || !(blob.bin instanceof Uint8Array)) return null;
    try {
      return v8.deserialize(blob.bin);
    } catch {
      return null;
    }
  }

  /**
   * @param {BlobKind} kind
   * @param {string} key
   * @param {unknown} data plain data
   */
  sealBlob(kind, key, data) {
    if (this.secret) this.nextBlobs[kind] = { key, bin: v8.serialize(data) };
  }

  /** Write the entries of this run (files that disappeared drop out); nothing to do when nothing changed. */
  save() {
    if (!this.secret) return;
    const unchanged =
      this.rejected === 0 &&
      BLOB_KINDS.every((kind) => sameBin(this.blobs[kind], this.nextBlobs[kind])) &&
      this.next.size === this.entries.size &&
      this.hits === this.next.size &&
      [...this.next.keys()].every((k) => this.entries.get(k) === this.next.get(k));
    if (unchanged) return;
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    removeOrphans(this.file);
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const body = v8.serialize({
        key: this.key,
        entries: this.next,
        ...Object.fromEntries(BLOB_KINDS.flatMap((kind) => (this.nextBlobs[kind] ? [[kind, this.nextBlobs[kind]]] : []))),
      });
      const fd = fs.openSync(tmp, "w");
      try {
        for (const part of [MAGIC, this.mac(body), body]) for (let done = 0; done < part.length;) done += fs.writeSync(fd, part, done);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, this.file);
    } catch (e) {
      this.problem = `cache ${this.file} could not be written (${/** @type {NodeJS.ErrnoException} */ (e).code}); choose another --cache-location`;
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing to clean
      }
    }
  }
}

/** Does a stored MAC equal the expected one (compared in constant time)? @param {Uint8Array} mac @param {Buffer} expected */
function authentic(mac, expected) {
  return mac.length === expected.length && crypto.timingSafeEqual(mac, expected);
}

/**
 * Is a stored entry of the shape set() makes?
 * @param {CacheEntry} hit
 */
function wellFormedEntry(hit) {
  return hit.bin instanceof Uint8Array && hit.lazy instanceof Uint8Array && typeof hit.hash === "string" && typeof hit.size === "number";
}

/**
 * How many entries some data holds if it is a cache's (an earlier format's whole file, or data whose MAC failed),
 * read only to say what was dropped; null when it is not a cache's at all.
 * @param {Uint8Array} data
 * @returns {number | null}
 */
function entriesIn(data) {
  try {
    const d = v8.deserialize(data);
    return typeof d?.key === "string" && d.entries instanceof Map ? d.entries.size : null;
  } catch {
    return null;
  }
}

/** @param {StoredBin | null} a @param {StoredBin | null} b */
function sameBin(a, b) {
  if (!a || !b) return a === b;
  return a.key === b.key && Buffer.from(a.bin).equals(Buffer.from(b.bin));
}

/** @param {Buffer} buf */
function hash(buf) {
  return crypto.createHash("sha1").update(buf).digest("hex");
}

/**
 * Temporary files of runs that were killed while writing (an hour old: no run writes for that long).
 * @param {string} file the cache file
 */
function removeOrphans(file) {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const full = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { force: true });
    } catch {
      // gone already
    }
  }
}
