// What module resolution asks the file system, remembered; and, for `hoc-audit --cache`, kept for the next run.
// TypeScript's resolver is a function of the compiler options, the importing folder, the specifier and the answers
// the file system gives it: does this file exist, this folder, where does this path really lead, what does this
// package.json say. When every answer it was given is still the same, every resolution made from them is too. So
// a warm audit checks those answers (one stat per folder they were about; the few answers in folders that changed are
// asked again) instead of resolving every import again, as TypeScript's watch mode does with the locations it
// watches. One answer that changed, or other compiler options, and everything is resolved again, as without a cache.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ts from "../ts.js";
import { RACY_MS } from "./file-stamp.js";

/**
 * A folder as it was before the first question about it: its mtime changes when an entry is added, removed or
 * renamed; its inode when a link on the way now leads elsewhere. Null: it did not exist.
 * @typedef {{ mtimeMs: number, ino: number, seenAt: number } | null} FolderStamp
 */

/**
 * One folder's questions and their answers, as kept: `files` and `dirs` whether a path there exists, `real` where a
 * path there really leads, `reads` a hash of what a file there held (null: unreadable).
 * @typedef {{
 *   dir: string, stamp: FolderStamp,
 *   files: [string, boolean][], dirs: [string, boolean][], real: [string, string][], reads: [string, string | null][],
 * }} FolderAnswers
 */

/**
 * @typedef {{ options: string, folders: FolderAnswers[], resolutions: [string, [string, import("./project.js").Resolution][]][] }} KeptResolutions
 * resolutions: by importing folder, then specifier
 */

/** @param {string} dir @returns {FolderStamp} */
function stampOf(dir) {
  try {
    const st = fs.statSync(dir);
    return { mtimeMs: st.mtimeMs, ino: st.ino, seenAt: Date.now() };
  } catch {
    return null;
  }
}

/**
 * Is a folder as stamped? A folder changed less than RACY_MS before it was stamped may change again without its mtime
 * ticking: its answers are asked again.
 * @param {FolderStamp} was
 * @param {FolderStamp} now
 */
function unchanged(was, now) {
  if (was === null || now === null) return was === now;
  return was.mtimeMs === now.mtimeMs && was.ino === now.ino && was.seenAt - was.mtimeMs > RACY_MS;
}

/** @param {string} p */
function realpath(p) {
  return ts.sys.realpath ? ts.sys.realpath(p) : p;
}

/** @param {string | undefined} text */
function digest(text) {
  return text === undefined ? null : crypto.createHash("sha1").update(text).digest("base64");
}

/**
 * A module-resolution host that remembers every answer: TypeScript tries many candidate paths per import (.ts, .tsx,
 * .d.ts, /index, package.json), and thousands of importers ask about the same ones. Only for scans during which the
 * file system does not change (or for one validation pass of the editor's).
 * @implements {ts.ModuleResolutionHost}
 */
export class ResolutionHost {
  /** @param {{ stamp?: boolean }} [options] stamp: stamp each folder before its first question (to keep the answers) */
  constructor({ stamp = false } = {}) {
    this.stamping = stamp;
    /** @type {Map<string, boolean>} */
    this.files = new Map();
    /** @type {Map<string, boolean>} */
    this.dirs = new Map();
    /** @type {Map<string, string>} */
    this.real = new Map();
    /** @type {Map<string, string | undefined>} */
    this.reads = new Map();
    /** What files read by an earlier run held (a hash), checked again when their answers were taken. @type {Map<string, string | null>} */
    this.readBefore = new Map();
    /** @type {Map<string, FolderStamp>} */
    this.stamps = new Map();
    this.useCaseSensitiveFileNames = ts.sys.useCaseSensitiveFileNames;
    // Arrow functions: TypeScript may call them detached from the host.
    /** @param {string} f */
    this.fileExists = (f) => this.answer(this.files, f, (p) => ts.sys.fileExists(p));
    /** @param {string} d */
    this.directoryExists = (d) => this.answer(this.dirs, d, (p) => ts.sys.directoryExists(p));
    /** @param {string} p */
    this.realpath = (p) => this.answer(this.real, p, realpath);
    /** @param {string} f */
    this.readFile = (f) => {
      if (this.reads.has(f)) return this.reads.get(f);
      this.stampFolderOf(f);
      const text = ts.sys.readFile(f);
      this.reads.set(f, text);
      return text;
    };
    this.getCurrentDirectory = () => ts.sys.getCurrentDirectory();
  }

  /**
   * The answer given for a path, or the file system's (its folder stamped first).
   * @template T
   * @param {Map<string, T>} answers
   * @param {string} p
   * @param {(p: string) => T} ask
   */
  answer(answers, p, ask) {
    let v = answers.get(p);
    if (v === undefined) {
      this.stampFolderOf(p);
      answers.set(p, (v = ask(p)));
    }
    return v;
  }

  /** @param {string} p */
  stampFolderOf(p) {
    if (!this.stamping) return;
    const dir = path.dirname(p);
    if (!this.stamps.has(dir)) this.stamps.set(dir, stampOf(dir));
  }

  /**
   * Take the answers kept by an earlier run if every one of them still holds: folders whose stamp is the same keep
   * theirs without a question; in the others each question is asked again. False (and nothing taken) when one
   * answer changed.
   * @param {FolderAnswers[]} folders
   */
  adopt(folders) {
    /** @type {Map<string, FolderStamp>} */
    const stamps = new Map();
    for (const f of folders) {
      const now = stampOf(f.dir);
      // An unchanged folder keeps the stamp it had, so that a run in which nothing changed writes back the same.
      if (unchanged(f.stamp, now)) {
        stamps.set(f.dir, f.stamp);
        continue;
      }
      stamps.set(f.dir, now);
      if (
        !f.files.every(([p, v]) => ts.sys.fileExists(p) === v) ||
        !f.dirs.every(([p, v]) => ts.sys.directoryExists(p) === v) ||
        !f.real.every(([p, v]) => realpath(p) === v)
      )
        return false;
    }
    // What a file says changes without its folder changing: every file read is read again.
    for (const f of folders) for (const [p, hash] of f.reads) if (digest(ts.sys.readFile(p)) !== hash) return false;
    for (const f of folders) {
      for (const [p, v] of f.files) this.files.set(p, v);
      for (const [p, v] of f.dirs) this.dirs.set(p, v);
      for (const [p, v] of f.real) this.real.set(p, v);
      // Contents are not kept: a read TypeScript asks for again reads the file (it does so once per package.json).
      for (const [p, hash] of f.reads) this.readBefore.set(p, hash);
    }
    for (const [dir, stamp] of stamps) this.stamps.set(dir, stamp);
    return true;
  }

  /**
   * Every answer given, by folder, to be kept.
   * @returns {FolderAnswers[]}
   */
  answers() {
    /** @type {Map<string, FolderAnswers>} */
    const byDir = new Map();
    /** @param {string} p */
    const at = (p) => {
      const dir = path.dirname(p);
      let f = byDir.get(dir);
      if (!f) byDir.set(dir, (f = { dir, stamp: this.stamps.get(dir) ?? null, files: [], dirs: [], real: [], reads: [] }));
      return f;
    };
    for (const [p, v] of this.files) at(p).files.push([p, v]);
    for (const [p, v] of this.dirs) at(p).dirs.push([p, v]);
    for (const [p, v] of this.real) at(p).real.push([p, v]);
    for (const [p, hash] of this.readBefore) if (!this.reads.has(p)) at(p).reads.push([p, hash]);
    for (const [p, v] of this.reads) at(p).reads.push([p, digest(v)]);
    return [...byDir.values()];
  }
}
