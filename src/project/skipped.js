// Which folders and files a scan leaves out, and why: the folders no project scans (node_modules, .git, our cache),
// and what the repository's own .gitignore files ignore (build output, coverage, generated code). Both front ends
// ask the same questions, so ESLint never checks a file hoc-audit skipped, or the other way round.
import fs from "node:fs";
import path from "node:path";
import ignore from "ignore";
import { toPosix } from "./tsconfig.js";
import { fileStamp } from "./file-stamp.js";

/** Folders never scanned, at any depth: installed packages, version control, the fact cache. */
export const ALWAYS_SKIPPED = ["node_modules", ".git", ".hg", ".svn", ".hoc-cache"];

export class Gitignores {
  /** @param {string} root the scan's root: .gitignore files at and below it are read */
  constructor(root) {
    this.root = root;
    /** @type {Map<string, { stamp: string, rules: import("ignore").Ignore | null }>} folder -> its .gitignore's rules */
    this.byDir = new Map();
  }

  /**
   * The rules of one folder's .gitignore, or null; read again when the file changed (an editor session outlives
   * many edits of it).
   * @param {string} dir
   */
  rulesOf(dir) {
    const file = path.join(dir, ".gitignore");
    const stamp = fileStamp(file);
    const hit = this.byDir.get(dir);
    if (hit && hit.stamp === stamp) return hit.rules;
    let rules = null;
    if (stamp !== "missing") {
      try {
        rules = ignore().add(fs.readFileSync(file, "utf8"));
      } catch {
        // unreadable: nothing ignored by it
      }
    }
    this.byDir.set(dir, { stamp, rules });
    return rules;
  }

  /**
   * The folders whose .gitignore files apply below `dir`: the root and every folder down to `dir`, the shallowest
   * first; none when `dir` is above the root.
   * @param {string} dir
   * @returns {string[]}
   */
  foldersDownTo(dir) {
    const rel = path.relative(this.root, dir);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return []; // above the root: none of ours
    const out = [this.root];
    let at = this.root;
    if (rel) for (const part of rel.split(path.sep)) out.push((at = path.join(at, part)));
    return out;
  }

  /**
   * The rules that apply below `dir`: the .gitignore files of the root and of every folder down to `dir`, the
   * shallowest first.
   * @param {string} dir
   * @returns {RuleStack}
   */
  stackFor(dir) {
    /** @type {RuleStack} */
    const stack = [];
    for (const at of this.foldersDownTo(dir)) {
      const rules = this.rulesOf(at);
      if (rules) stack.push({ base: at, rules });
    }
    return stack;
  }

  /**
   * Is the file, or a folder above it, left out? (A file below an ignored folder stays out, as in git.)
   * @param {string} abs
   */
  ignoresFile(abs) {
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return false;
    const dir = path.dirname(abs);
    return this.ignoresFolder(dir) || ignoredBy(this.stackFor(dir), abs, false);
  }

  /**
   * Is a folder at or below the root left out, or one above it? (The root itself never is.)
   * @param {string} dir
   */
  ignoresFolder(dir) {
    const folders = this.foldersDownTo(dir);
    for (let i = 1; i < folders.length; i++) {
      const at = folders[i];
      if (ALWAYS_SKIPPED.includes(path.basename(at)) || ignoredBy(this.stackFor(folders[i - 1]), at, true)) return true;
    }
    return false;
  }
}

/** @typedef {{ base: string, rules: import("ignore").Ignore }[]} RuleStack */

/**
 * Is this path ignored by these .gitignore rules (each relative to its folder)? The deepest file that says anything
 * decides, as in git; a folder is asked as a folder (`build/` rules match it).
 * @param {RuleStack} stack
 * @param {string} full
 * @param {boolean} isDir
 */
export function ignoredBy(stack, full, isDir) {
  let verdict = false;
  for (const { base, rules } of stack) {
    const r = rules.test(toPosix(full.slice(base.length + 1)) + (isDir ? "/" : ""));
    if (r.ignored) verdict = true;
    else if (r.unignored) verdict = false;
  }
  return verdict;
}
