// hoc-audit loads TypeScript from V8's code cache: the first parsing run writes it to the user's cache folder, later
// runs compile from it, a damaged cache is rejected and rewritten, and the module is the one every import sees.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRELOAD = path.join(REPO, "src/ts-code-cache.js");

/** Run preloadTypescript in a fresh process and report what happened, as JSON. */
const probe = (/** @type {string} */ cacheHome, write = true) => {
  const script = `
    import { preloadTypescript } from ${JSON.stringify(PRELOAD)};
    import { createRequire } from "node:module";
    preloadTypescript({ write: ${write} });
    const ts = (await import(${JSON.stringify(path.join(REPO, "src/ts.js"))})).default;
    const fromRequire = createRequire(${JSON.stringify(PRELOAD)})("typescript");
    const sf = ts.createSourceFile("a.ts", "export const a = 1;", ts.ScriptTarget.Latest);
    console.log(JSON.stringify({ same: ts.createSourceFile === fromRequire.createSourceFile && ts.SyntaxKind === fromRequire.SyntaxKind, statements: sf.statements.length }));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout);
};
const cacheFiles = (/** @type {string} */ home) => {
  const dir = path.join(home, "eslint-plugin-hoc", "code");
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
};

describe("TypeScript from V8's code cache", () => {
  it("writes the cache after a run, reads it in the next, and rewrites a damaged one", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-code-cache-"));
    expect(probe(home, false)).toEqual({ same: true, statements: 1 });
    expect(cacheFiles(home)).toEqual([]); // a worker (write: false) never writes

    expect(probe(home)).toEqual({ same: true, statements: 1 });
    const [file] = cacheFiles(home);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    const written = fs.statSync(file).mtimeMs;

    // A valid cache is read, not written again.
    expect(probe(home)).toEqual({ same: true, statements: 1 });
    expect(fs.statSync(file).mtimeMs).toBe(written);

    // Damaged data: V8 rejects it, the module still loads, and a good cache replaces it.
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    expect(probe(home)).toEqual({ same: true, statements: 1 });
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
  });

  it("loads TypeScript normally when the cache folder cannot be written", () => {
    const home = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hoc-code-cache-")), "a-file");
    fs.writeFileSync(home, "not a folder");
    expect(probe(home)).toEqual({ same: true, statements: 1 });
  });
});
