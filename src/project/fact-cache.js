// Per-file facts cached on disk (`hoc-audit --cache`): a file whose size and mtime, or else whose content
// hash, is unchanged is not parsed again. One file, written atomically (temp file + rename), so concurrent
// runs cannot corrupt it; a cache that cannot be read is rebuilt, never trusted.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath } from "node:url";
import ts from "../ts.js";
import { TOOL_VERSION } from "../version.js";

/** @typedef {import("./project.js").FileData} FileData */
/**
 * Each file's facts are kept serialized: a run that changed one file rewrites the cache by copying buffers, not
 * by serializing every file's facts again (that was most of a warm run on 20,000 files).
 * @typedef {{ mtimeMs: number, size: number, hash: string, bin: Buffer }} CacheEntry
 */

const FORMAT = 2;

/**
 * Facts are whatever the extractors make of a file: the key holds a hash of their code and of the TypeScript
 * that parses, so a changed extractor can never be served facts cached by the old one (no version to bump).
 */
const EXTRACTOR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const facts = path.join(here, "../facts");
  const h = crypto.createHash("sha256");
  for (const f of fs
    .readdirSync(facts)
    .filter((n) => n.endsWith(".js"))
    .sort())
    h.update(f).update(fs.readFileSync(path.join(facts, f)));
  h.update(ts.version);
  return h.digest("hex");
})();

export class FactCache {
  /**
   * @param {string} file the cache file
   * @param {import("../types.js").HocConfig} config facts depend on the config (matchers), so it is part of the key
   */
  constructor(file, config) {
    this.file = file;
    this.key = crypto
      .createHash("sha256")
      .update(JSON.stringify([FORMAT, TOOL_VERSION, EXTRACTOR, config.source.user, config.root]))
      .digest("hex");
    /** @type {Map<string, CacheEntry>} */
    this.entries = new Map();
    /** @type {Map<string, CacheEntry>} */
    this.next = new Map();
    /** @type {string | null} a one-line note when the cache could not be used */
    this.problem = null;
    this.hits = 0;
    this.load();
  }

  load() {
    let buf;
    try {
      buf = fs.readFileSync(this.file);
    } catch {
      return; // no cache yet
    }
    try {
      const data = v8.deserialize(buf);
      if (data?.key !== this.key || !(data.entries instanceof Map)) return; // another config or version: start over
      this.entries = data.entries;
    } catch {
      this.problem = `cache ${this.file} could not be read (corrupt or from another Node version); it is rebuilt`;
    }
  }

  /**
   * The cached facts of a file if it is unchanged, else null. Cheap path: same size and mtime; otherwise the
   * content hash decides (a checkout that touched every mtime still hits).
   * @param {string} rel
   * @param {string} abs
   * @returns {FileData | null}
   */
  get(rel, abs) {
    const hit = this.entries.get(rel);
    if (!hit) return null;
    let st;
    try {
      st = fs.statSync(abs);
    } catch {
      return null;
    }
    if (st.mtimeMs === hit.mtimeMs && st.size === hit.size) return this.keep(rel, hit, hit.mtimeMs);
    if (st.size !== hit.size) return null;
    let text;
    try {
      text = fs.readFileSync(abs);
    } catch {
      return null;
    }
    if (hash(text) !== hit.hash) return null;
    return this.keep(rel, { ...hit, mtimeMs: st.mtimeMs }, st.mtimeMs);
  }

  /**
   * @param {string} rel
   * @param {CacheEntry} entry
   * @param {number} mtimeMs the file's mtime now
   * @returns {FileData | null}
   */
  keep(rel, entry, mtimeMs) {
    let data;
    try {
      data = v8.deserialize(entry.bin);
    } catch {
      return null;
    }
    this.hits++;
    this.next.set(rel, entry);
    return { ...data, mtimeMs };
  }

  /**
   * Record freshly extracted facts (files with read errors are not cached: they are retried next time).
   * @param {string} rel
   * @param {FileData} data
   */
  set(rel, data) {
    if (data.error !== null || !data.hash) return;
    this.next.set(rel, { mtimeMs: data.mtimeMs, size: data.size, hash: data.hash, bin: v8.serialize(data) });
  }

  /** Write the entries of this run (files that disappeared drop out); nothing to do when nothing changed. */
  save() {
    const unchanged =
      this.next.size === this.entries.size && this.hits === this.next.size && [...this.next.keys()].every((k) => this.entries.get(k) === this.next.get(k));
    if (unchanged) return;
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, v8.serialize({ key: this.key, entries: this.next }));
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

/** @param {Buffer} buf */
function hash(buf) {
  return crypto.createHash("sha1").update(buf).digest("hex");
}
