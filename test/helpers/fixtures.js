// Helpers for fixture repos: where they are, what they expect, copies that tests may change.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO, "fixtures");

/** @param {string} name */
export function fixture(name) {
  return path.join(FIXTURES, name);
}

/**
 * All files below `dir` with a source extension, relative and posix.
 * @param {string} dir
 * @returns {string[]}
 */
export function sourceFiles(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== "node_modules") walk(full);
      else if (e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(path.relative(dir, full).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The findings a fixture plants: every `expect: <rule>:<messageId>` comment, at its own line; with type
 * information also `expect-typed:`, without it `expect-syntactic:`.
 * @param {string} dir fixture root
 * @param {{ typed?: boolean }} [mode] default: typed, as hoc-audit runs by default
 * @returns {{ ruleId: string, messageId: string, file: string, line: number }[]}
 */
export function plantedFindings(dir, { typed = true } = {}) {
  /** @type {{ ruleId: string, messageId: string, file: string, line: number }[]} */
  const out = [];
  for (const file of [...sourceFiles(dir), ...documentFiles(dir)]) {
    const lines = fs.readFileSync(path.join(dir, file), "utf8").split(/\r?\n/);
    lines.forEach((text, i) => {
      for (const m of text.matchAll(/expect(-typed|-syntactic)?: (hoc\/[a-z-]+):([A-Za-z]+)/g)) {
        if (m[1] === "-typed" && !typed) continue;
        if (m[1] === "-syntactic" && typed) continue;
        out.push({ ruleId: m[2], messageId: m[3], file, line: i + 1 });
      }
    });
  }
  return out;
}

/**
 * A throwaway copy of a fixture (or an empty folder), removed by the caller's cleanup.
 * @param {string | null} name
 */
export function tempCopy(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-test-"));
  if (name) fs.cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/**
 * Throwaway copies for the tests of one file, removed after each test: `const temp = tempCopies(); temp("models")`.
 * @returns {(name: string | null) => string}
 */
export function tempCopies() {
  /** @type {string[]} */
  const made = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return (name) => {
    const d = tempCopy(name);
    made.push(d);
    return d;
  };
}

/**
 * Write files (relative path -> text) below `dir`.
 * @param {string} dir
 * @param {Record<string, string>} files
 */
export function writeFiles(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
}

/** @param {{ ruleId: string, file: string, line: number }} f */
export const key = (f) => `${f.ruleId} ${f.file}:${f.line}`;

/**
 * A throwaway repository made of `files`, registered in `temps` for the caller's cleanup.
 * @param {Record<string, string>} files
 * @param {string[]} temps
 */
export function tempRepo(files, temps) {
  const dir = tempCopy(null);
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

/**
 * Markdown, YAML and JSON files below `dir` (operation specs, guardrail tables), relative and posix; configs left out.
 * @param {string} dir
 * @returns {string[]}
 */
export function documentFiles(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== "node_modules") walk(full);
      else if (e.isFile() && /\.(md|ya?ml|json|prisma)$/.test(e.name) && !["hoc.config.json", "tsconfig.json", "package.json"].includes(e.name)) {
        out.push(path.relative(dir, full).split(path.sep).join("/"));
      }
    }
  };
  walk(dir);
  return out.sort();
}
