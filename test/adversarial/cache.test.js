// A fact cache is a file anyone can write: a commit, a restored CI cache, an attacker. Whatever it holds, it can
// cost time but never hide a finding, crash a run, or make a run that checked nothing pass — in hoc-audit and in
// the ESLint rules that read it.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../eslint-plugin.js";
import { REPO, tempRepo } from "../helpers/fixtures.js";
import { hocAuditJson } from "../helpers/cli.js";

/** @type {string[]} */
const temps = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** A repository with one layer violation: an API route that imports an engine. */
function violating() {
  return tempRepo(
    {
      "hoc.config.json": JSON.stringify({ cache: ".hoc-cache/facts.bin" }),
      "src/hoc/api/cus/billing/routes.ts": `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const r = total;\n`,
      "src/hoc/cus/billing/L5_engines/invoice_engine.ts": "export const total = 1;\n",
    },
    temps,
  );
}

const ROUTE = "src/hoc/api/cus/billing/routes.ts";

/** A cache file's header and MAC: what an attacker without the key can copy, but not make for other data. */
const HEADER_AND_MAC = 8 + 32;

/**
 * Rewrite every entry of the cache file, keeping the header and the MAC it had.
 * @param {string} file
 * @param {(entry: any, rel: string) => any} change
 */
function tamper(file, change) {
  const buf = fs.readFileSync(file);
  const data = v8.deserialize(buf.subarray(HEADER_AND_MAC));
  for (const [rel, entry] of data.entries) data.entries.set(rel, change(entry, rel));
  fs.writeFileSync(file, Buffer.concat([buf.subarray(0, HEADER_AND_MAC), v8.serialize(data)]));
}

/** @param {string} dir */
const findingsOf = (dir) => hocAuditJson([dir, "--cache", "--no-types"], REPO);

/** @param {string} dir */
async function eslintFindings(dir) {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
  const results = await eslint.lintFiles(["**/*.ts"]);
  return results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${path.relative(dir, r.filePath).split(path.sep).join("/")}:${m.line}`));
}

describe("a poisoned fact cache", () => {
  it("whose entries lost their imports (the MAC kept) hides nothing, in hoc-audit and in ESLint", async () => {
    const dir = violating();
    const cacheFile = path.join(dir, ".hoc-cache/facts.bin");
    expect(findingsOf(dir).report.findings.map((f) => f.file)).toEqual([ROUTE]);
    tamper(cacheFile, (entry) => {
      const data = v8.deserialize(entry.bin);
      data.facts.imports = [];
      return { ...entry, bin: v8.serialize(data) };
    });
    const again = findingsOf(dir);
    expect(again.code).toBe(1);
    expect(again.report.findings.map((f) => f.file)).toEqual([ROUTE]);
    expect(again.stderr).toMatch(/2 entries not made here \(another key, or not well formed\) were dropped/);
    // ESLint reads the cache named in hoc.config.json: the tampered file must not change what it reports.
    tamper(cacheFile, (entry) => {
      const data = v8.deserialize(entry.bin);
      data.facts.imports = [];
      return { ...entry, bin: v8.serialize(data) };
    });
    expect(await eslintFindings(dir)).toEqual([`hoc/layer-boundaries ${ROUTE}:1`]);
  });

  it("whose payloads are all null does not make a run of 0 files that passes", () => {
    const dir = violating();
    findingsOf(dir);
    tamper(path.join(dir, ".hoc-cache/facts.bin"), (entry) => ({ ...entry, bin: v8.serialize(null) }));
    const { code, report } = findingsOf(dir);
    expect(code).toBe(1);
    expect(report.summary.files).toBe(2);
    expect(report.findings.map((f) => f.file)).toEqual([ROUTE]);
  });

  it("made with another key (committed, or restored from another machine) is not trusted, and is rebuilt", () => {
    const dir = violating();
    process.env.HOC_CACHE_KEY = "the-committer's-secret";
    try {
      findingsOf(dir);
      // The committer's cache, re-signed by no one: its facts claim the route imports nothing.
      tamper(path.join(dir, ".hoc-cache/facts.bin"), (entry) => {
        const data = v8.deserialize(entry.bin);
        data.facts.imports = [];
        return { ...entry, bin: v8.serialize(data) };
      });
    } finally {
      delete process.env.HOC_CACHE_KEY;
    }
    const first = findingsOf(dir);
    expect(first.report.findings.map((f) => f.file)).toEqual([ROUTE]);
    expect(first.stderr).toMatch(/2 entries not made here/);
    // Rebuilt with this user's key: the next run is quiet.
    const second = findingsOf(dir);
    expect(second.stderr).toBe("");
    expect(second.report.findings.map((f) => f.file)).toEqual([ROUTE]);
  });

  it("with random bytes flipped is rebuilt, with the same findings, and never crashes a later run", () => {
    const dir = violating();
    const reference = findingsOf(dir).report.findings;
    const cacheFile = path.join(dir, ".hoc-cache/facts.bin");
    const buf = fs.readFileSync(cacheFile);
    for (let i = 0; i < 20; i++) {
      const copy = Buffer.from(buf);
      for (let k = 0; k < 4; k++) copy[(i * 977 + k * 131) % copy.length] ^= 0xff;
      fs.writeFileSync(cacheFile, copy);
      const r = findingsOf(dir);
      expect(r.report.findings).toEqual(reference);
      // Never silently: a damaged cache is said to be one, whichever bytes were hit (header, MAC or data).
      expect(r.stderr).toMatch(/entries not made here|could not be read/);
      expect(findingsOf(dir).report.findings).toEqual(reference);
    }
  });

  it("with our header but no data that deserializes, is said to be damaged, not counted as foreign entries", () => {
    const dir = violating();
    const reference = findingsOf(dir).report.findings;
    const cacheFile = path.join(dir, ".hoc-cache/facts.bin");
    const header = fs.readFileSync(cacheFile).subarray(0, HEADER_AND_MAC);
    fs.writeFileSync(cacheFile, Buffer.concat([header, Buffer.from("not the data of any cache")]));
    const r = findingsOf(dir);
    expect(r.report.findings).toEqual(reference);
    expect(r.stderr).toMatch(/could not be read \(corrupt or from another Node version\); it is rebuilt/);
    expect(r.stderr).not.toMatch(/entries not made here/);
  });

  it("leaves no temporary file of a killed run behind for long", () => {
    const dir = violating();
    const cacheFile = path.join(dir, ".hoc-cache/facts.bin");
    findingsOf(dir);
    const orphan = `${cacheFile}.12345.1700000000000.tmp`;
    const fresh = `${cacheFile}.12346.1700000000001.tmp`;
    fs.writeFileSync(orphan, "half a cache");
    fs.writeFileSync(fresh, "another run, writing now");
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(orphan, hourAgo, hourAgo);
    fs.appendFileSync(path.join(dir, "src/hoc/cus/billing/L5_engines/invoice_engine.ts"), "export const more = 2;\n");
    findingsOf(dir);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it("whose key file would be inside the scanned repository is not used", () => {
    const dir = violating();
    const before = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = path.join(dir, ".cache");
    try {
      const r = findingsOf(dir);
      expect(r.stderr).toMatch(/cache not used: its key would live inside the repository/);
      expect(r.report.findings.map((f) => f.file)).toEqual([ROUTE]);
      expect(fs.existsSync(path.join(dir, ".cache"))).toBe(false);
      expect(fs.existsSync(path.join(dir, ".hoc-cache/facts.bin"))).toBe(false);
    } finally {
      process.env.XDG_CACHE_HOME = before;
    }
  });
});
