// Which folders and files a scan leaves out, and why: the folders no project scans (node_modules, .git, our cache),
// and what the repository's own .gitignore files ignore (build output, coverage, generated code). Both front ends
// ask the same questions, so ESLint never checks a file hoc-audit skipped, or the other way round.
import fs from "node:fs";
import path from "node:path";
import ignore from "ignore";
import { toPosix } from "./tsconfig.js";

/** Folders never scanned, at any depth: installed packages, version control, the fact cache. */
export const ALWAYS_SKIPPED = ["node_modules", ".git", ".hg", ".svn", ".hoc-cache"];

export class Gitignores {
  /** @param {string} root the scan's root: .gitignore files at and below it are read */
  constructor(root) {
    this.root = root;
    /** @type {Map<string, import("ignore").Ignore | null>} folder -> its .gitignore's rules */
    this.byDir = new Map();
  }

  /**
   * The rules of one folder's .gitignore, or null.
   * @param {string} dir
   */
  rulesOf(dir) {
    if (this.byDir.has(dir)) return this.byDir.get(dir) ?? null;
    let rules = null;
    try {
      const text = fs.readFileSync(path.join(dir, ".gitignore"), "utf8");
      rules = ignore().add(text);
    } catch {
      // none, or unreadable: nothing ignored by it
    }
    this.byDir.set(dir, rules);
    return rules;
  }

  /**
   * Does a .gitignore at or below the root, above this path, ignore it? The deepest file that says anything
   * decides, as in git. A folder is asked as a folder (`build/` rules match it).
   * @param {string} abs
   * @param {boolean} isDir
   */
  ignores(abs, isDir) {
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return false;
    let verdict = false;
    let dir = this.root;
    const parts = toPosix(rel).split("/");
    for (let i = 0; i < parts.length; i++) {
      const rules = this.rulesOf(dir);
      if (rules) {
        const sub = parts.slice(i).join("/") + (isDir ? "/" : "");
        const r = rules.test(sub);
        if (r.ignored) verdict = true;
        else if (r.unignored) verdict = false;
      }
      dir = path.join(dir, parts[i]);
    }
    return verdict;
  }

  /**
   * Is the file, or a folder above it, left out? (A file below an ignored folder stays out, as in git.)
   * @param {string} abs
   */
  ignoresFile(abs) {
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return false;
    const parts = toPosix(rel).split("/");
    let dir = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      dir = path.join(dir, parts[i]);
      if (ALWAYS_SKIPPED.includes(parts[i]) || this.ignores(dir, true)) return true;
    }
    return this.ignores(abs, false);
  }
}
