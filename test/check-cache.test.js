// Check results kept in the cache: a warm audit after an edit says exactly what a cold audit of the edited tree
// says, whatever the edit touched (a comment, what only the file's own checks read, what other files read, a
// document, the file list), and it reuses results only where the edit cannot reach them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../src/api.js";
import { scan } from "../src/audit.js";
import { publicFacts } from "../src/project/check-cache.js";
import { FactCache, LAZY_FACTS, OWN_FACTS } from "../src/project/fact-cache.js";
import { loadFileFacts } from "../src/project/project.js";
import { fixture, sourceFiles, tempCopies } from "./helpers/fixtures.js";

const temp = tempCopies();

/**
 * @param {string} dir
 * @param {boolean} types
 * @param {string | null} cacheLocation
 */
function run(dir, types, cacheLocation) {
  /** @type {{ reused: number, checked: number } | null} */
  let stats = null;
  const report = audit({
    cwd: dir,
    types,
    ...(cacheLocation ? { cache: true, cacheLocation, onCheckCache: (/** @type {{ reused: number, checked: number }} */ s) => (stats = s) } : {}),
  });
  return { json: JSON.stringify({ ...report, root: "." }), stats: /** @type {{ reused: number, checked: number } | null} */ (stats) };
}

/** An expression statement that queries and commits: only the file's own facts (queries, transactions) change. */
const OWN_EDIT = "\nvoid (async (db: any) => { await db.query(`SELECT 1`); await db.commit(); });\n";

describe("a warm audit equals a cold one after any edit", () => {
  for (const name of ["hoc-sample", "operations", "data-access", "models", "contracts"]) {
    // With type information (data-access) each audit builds a program: fewer files, so that it stays quick.
    const types = name === "data-access";
    const files = sourceFiles(fixture(name));
    const read = (/** @type {string} */ rel) => fs.readFileSync(path.join(fixture(name), rel), "utf8");
    // A few files spread over the tree, and those that others read most (barrels, models, default exports).
    const picked = [
      ...[0, Math.floor(files.length / 3), Math.floor((2 * files.length) / 3), files.length - 1].map((i) => files[i]),
      ...(types ? [] : files.filter((f) => /(^|\/)index\.ts$/.test(f) || /extends Model\b|@Entity\(|^export default /m.test(read(f))).slice(0, 6)),
    ];
    for (const rel of [...new Set(picked)]) {
      it(`on fixtures/${name}, edits of ${rel}`, { timeout: 120_000 }, () => {
        const dir = temp(name);
        const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
        run(dir, types, cacheLocation);
        const file = path.join(dir, rel);
        const original = fs.readFileSync(file, "utf8");
        for (const [what, text] of [
          ["a comment at the end", `${original}\n// edited\n`],
          ["a line at the top", `// edited\n${original}`],
          ["a query and a commit", `${original}${OWN_EDIT}`],
          ["a new export", `${original}\nexport const EDITED_${rel.length} = 1;\n`],
          // What other files read: the layer its header names, an operation name, an export they import.
          ["a layer header", `// Layer: L7 — Model\n${original}`],
          ["an operation renamed", original.replace(/(["'])([a-z_]+)\.([a-z_]+)\1/, "$1$2.edited_$3$1")],
          ["an export removed", original.replace(/^export (?!\*|\{|type)/m, "")],
          ["a re-export removed", original.replace(/^export (\*|\{[^}]*\}) from .*$/m, "")],
          ["a default export removed", original.replace(/^export default /m, "")],
          ["a tombstone", `// TOMBSTONE: 2099-01-01 replaced by nothing\n${original}`],
          [
            "a model renamed",
            original.replace(/\bclass (\w+) extends Model\b/, "class $1Edited extends Model").replace(/@Entity\((["'])(\w+)/, "@Entity($1$2_edited"),
          ],
        ]) {
          if (text === original) continue;
          fs.writeFileSync(file, text);
          const warm = run(dir, types, cacheLocation);
          expect(warm.json, what).toBe(run(dir, types, null).json);
          // Facts unchanged: nothing is checked again, but the files type information judged.
          if (what === "a comment at the end" && !types) expect(warm.stats?.checked, what).toBe(0);
          fs.writeFileSync(file, original);
          run(dir, types, cacheLocation);
        }
      });
    }
  }

  it("a document, a new file and a deleted one", () => {
    const dir = temp("contracts");
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    run(dir, false, cacheLocation);
    const docs = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".md") && !f.includes("node_modules"));
    expect(docs.length).toBeGreaterThan(0);
    const doc = path.join(dir, docs[0]);
    fs.writeFileSync(doc, `${fs.readFileSync(doc, "utf8")}\n| INV-999 | CRITICAL | test/missing.test.ts |\n`);
    expect(run(dir, false, cacheLocation).json).toBe(run(dir, false, null).json);
    const first = path.join(dir, sourceFiles(dir)[0]);
    fs.writeFileSync(path.join(path.dirname(first), "added_module.ts"), "export const added = 1;\n");
    expect(run(dir, false, cacheLocation).json).toBe(run(dir, false, null).json);
    fs.rmSync(first);
    expect(run(dir, false, cacheLocation).json).toBe(run(dir, false, null).json);
  });

  it("an edit of what only the file's own checks read reuses every other file's results", () => {
    const dir = temp("hoc-sample");
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    const first = run(dir, false, cacheLocation);
    expect(first.stats?.reused).toBe(0);
    const engine = path.join(dir, "src/hoc/cus/accounts/L5_engines/accounts_facade.ts");
    fs.writeFileSync(engine, `${fs.readFileSync(engine, "utf8")}${OWN_EDIT}`);
    const warm = run(dir, false, cacheLocation);
    expect(warm.json).toBe(run(dir, false, null).json);
    expect(warm.stats?.checked).toBe(1);
    expect(warm.json).toContain("accounts_facade.ts");
  });
});

describe("what other files read of a file's facts", () => {
  it("leaves out exactly the facts only the file's own checks read", () => {
    const facts = Object.fromEntries([...OWN_FACTS, "imports", "decls"].map((k) => [k, [k]]));
    const pub = JSON.parse(publicFacts(/** @type {any} */ (facts)));
    expect(Object.keys(pub).sort()).toEqual(["decls", "imports"]);
  });
});

describe("a file's facts read back from the cache", () => {
  it("equal the facts extracted, keys in the same order; the facts stored apart are deserialized only when first read", () => {
    const dir = temp("data-access");
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    run(dir, false, cacheLocation);
    const { project, files, config } = scan({ cwd: dir });
    const cache = new FactCache(cacheLocation, config);
    let withQueries = 0;
    for (const file of files) {
      const hit = cache.get(project.rel(file), file);
      const fresh = loadFileFacts(file, config).facts;
      if (!hit?.facts || !fresh) throw new Error(`${file}: no facts`);
      const facts = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (hit.facts));
      // Not read yet: each of the facts stored apart is still an accessor over the stored bytes.
      for (const k of LAZY_FACTS) expect(typeof Object.getOwnPropertyDescriptor(facts, k)?.get, k).toBe("function");
      expect(Object.keys(facts)).toEqual(Object.keys(fresh));
      expect(JSON.stringify(facts)).toBe(JSON.stringify(fresh));
      // Read once, they are plain values (and stay what they were).
      for (const k of LAZY_FACTS) expect(Object.getOwnPropertyDescriptor(facts, k)?.value, k).toEqual(/** @type {any} */ (fresh)[k]);
      if (fresh.queries.length > 0) withQueries++;
    }
    expect(withQueries).toBeGreaterThan(3);
  });
});

describe("the walk kept between runs", () => {
  /** Every folder of the tree, its mtime set a minute back: a walk that reads them now can be kept (not racy). */
  const age = (/** @type {string} */ dir) => {
    const past = new Date(Date.now() - 60_000);
    for (const d of [dir, ...fs.readdirSync(dir, { recursive: true }).map((r) => path.join(dir, String(r)))]) {
      if (fs.statSync(d).isDirectory()) fs.utimesSync(d, past, past);
    }
    return past;
  };
  const engines = "src/hoc/cus/accounts/L5_engines";

  it("stands while no folder, .gitignore or tsconfig it read changed, and is walked again when one did", () => {
    const dir = temp("hoc-sample");
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    // The root tsconfig now takes its include from a base it extends: editing the base must count.
    fs.writeFileSync(path.join(dir, "tsconfig.base.json"), JSON.stringify({ include: ["src"] }));
    const own = JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    delete own.include;
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json", ...own }));
    run(dir, false, cacheLocation); // makes the cache's folder
    const past = age(dir);
    run(dir, false, cacheLocation);
    expect(run(dir, false, cacheLocation).json).toBe(run(dir, false, null).json);
    const edits = [
      ["a file added", () => fs.writeFileSync(path.join(dir, engines, "added_engine.ts"), "export const added = 1;\n")],
      ["a .gitignore that leaves a file out", () => fs.writeFileSync(path.join(dir, ".gitignore"), `${engines}/added_engine.ts\n`)],
      [
        "a base tsconfig that excludes a folder",
        () => fs.writeFileSync(path.join(dir, "tsconfig.base.json"), JSON.stringify({ include: ["src"], exclude: [engines] })),
      ],
      ["a file deleted", () => fs.rmSync(path.join(dir, "tsconfig.base.json"))],
    ];
    for (const [what, edit] of /** @type {[string, () => void][]} */ (edits)) {
      edit();
      const warm = run(dir, false, cacheLocation).json;
      expect(warm, what).toBe(run(dir, false, null).json);
      // Folders aged again: the next edit is judged against a walk that is kept, not a racy one walked anyway.
      age(dir);
      run(dir, false, cacheLocation);
    }
    expect(past.getTime()).toBeLessThan(Date.now());
  });

  it("notices a named file deleted and a .gitignore above a named folder", () => {
    const dir = temp("hoc-sample");
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    const engine = path.join(dir, engines, "accounts_facade.ts");
    /** @param {string[]} paths @param {boolean} cached */
    const named = (paths, cached) =>
      JSON.stringify({ ...audit({ cwd: dir, paths, types: false, ...(cached ? { cache: true, cacheLocation } : {}) }), root: "." });
    // A config at the top: the root stays there while two paths below it are named.
    fs.writeFileSync(path.join(dir, "hoc.config.json"), "{}\n");
    named([engine, path.join(dir, "src/hoc/cus")], true); // makes the cache's folder
    age(dir);
    named([engine, path.join(dir, "src/hoc/cus")], true);
    fs.writeFileSync(path.join(dir, "src/hoc/.gitignore"), "cus/accounts/L6_drivers/\n");
    expect(named([engine, path.join(dir, "src/hoc/cus")], true)).toBe(named([engine, path.join(dir, "src/hoc/cus")], false));
    age(dir);
    named([engine, path.join(dir, "src/hoc/cus")], true);
    fs.rmSync(engine);
    fs.utimesSync(path.join(dir, engines), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(named([engine, path.join(dir, "src/hoc/cus")], true)).toBe(named([engine, path.join(dir, "src/hoc/cus")], false));
    // A folder right below the root: the root's .gitignore applies to it, and the walk of it does not list the root.
    const src = [path.join(dir, "src")];
    named(src, true);
    age(dir);
    named(src, true);
    fs.writeFileSync(path.join(dir, ".gitignore"), "src/hoc/cus/accounts/L5_engines/\n");
    expect(named(src, true)).toBe(named(src, false));
  });

  it("is taken from the cache without listing a folder whose mtime did not change", () => {
    const dir = temp("hoc-sample");
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    run(dir, false, cacheLocation); // makes the cache's folder
    const past = age(dir);
    const before = run(dir, false, cacheLocation).json;
    // A file slipped in with its folder's mtime put back: only a walk kept from the last run misses it. (Real edits
    // change the folder's mtime; this shows that the kept walk is what was used.)
    const folder = path.join(dir, engines);
    fs.writeFileSync(path.join(folder, "slipped_in.ts"), "export const slipped = 1;\n");
    fs.utimesSync(folder, past, past);
    expect(run(dir, false, cacheLocation).json).toBe(before);
    // A cold run lists the folder, and counts one more file.
    expect(run(dir, false, null).json).not.toBe(before);
  });
});
