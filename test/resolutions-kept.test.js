// Resolutions kept between audits (resolution-host.js): a warm audit takes them when every file-system answer they
// were made from is the same (asked again only in folders that changed) and the compiler options are too; after an
// edit that moves an import, it says exactly what a cold audit says.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../src/api.js";
import { scan } from "../src/audit.js";
import { ResolutionHost } from "../src/project/resolution-host.js";
import { tempCopies } from "./helpers/fixtures.js";

const temp = tempCopies();

/** Every folder below (and at) `dir` with its mtime set a minute back, so that what is seen of it now is not racy. */
function age(/** @type {string} */ dir) {
  const past = new Date(Date.now() - 60_000);
  for (const d of [dir, ...fs.readdirSync(dir, { recursive: true }).map((r) => path.join(dir, String(r)))]) {
    if (fs.statSync(d).isDirectory()) fs.utimesSync(d, past, past);
  }
  return past;
}

describe("the resolution host's answers, kept", () => {
  it("stand without a question while their folder is unchanged, are asked again when it changed, and files read are read again", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-answers-"));
    fs.mkdirSync(path.join(dir, "a"));
    fs.writeFileSync(path.join(dir, "a/b.ts"), "");
    fs.writeFileSync(path.join(dir, "package.json"), "{}");
    const past = age(dir);
    const host = new ResolutionHost({ stamp: true });
    expect(host.fileExists(path.join(dir, "a/b.ts"))).toBe(true);
    expect(host.fileExists(path.join(dir, "a/c.ts"))).toBe(false);
    expect(host.directoryExists(path.join(dir, "a/c"))).toBe(false);
    expect(host.readFile(path.join(dir, "package.json"))).toBe("{}");
    const kept = host.answers();
    expect(new ResolutionHost().adopt(kept)).toBe(true);
    // A file slipped in with its folder's mtime put back: not asked again, so not seen (real edits move the mtime).
    fs.writeFileSync(path.join(dir, "a/c.ts"), "");
    fs.utimesSync(path.join(dir, "a"), past, past);
    const taken = new ResolutionHost({ stamp: true });
    expect(taken.adopt(kept)).toBe(true);
    expect(taken.fileExists(path.join(dir, "a/c.ts"))).toBe(false);
    // The folder changed: its answers are asked again, and one differs.
    fs.utimesSync(path.join(dir, "a"), new Date(), new Date());
    expect(new ResolutionHost().adopt(kept)).toBe(false);
    fs.rmSync(path.join(dir, "a/c.ts"));
    // An unrelated file in that folder: every answer is the same, so they stand.
    fs.writeFileSync(path.join(dir, "a/other.ts"), "");
    expect(new ResolutionHost().adopt(kept)).toBe(true);
    // What a file held changes without its folder changing.
    fs.writeFileSync(path.join(dir, "package.json"), '{"imports":{}}');
    fs.utimesSync(dir, past, past);
    expect(new ResolutionHost().adopt(kept)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("a warm audit with kept resolutions equals a cold one", () => {
  const routes = "src/hoc/api/cus/accounts/lookup_routes.ts";
  const engines = "src/hoc/cus/accounts/L5_engines";

  /** hoc-sample with an import through package.json "imports" and one that does not resolve yet. */
  const setUp = () => {
    const dir = temp("hoc-sample");
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...pkg, imports: { "#engine": `./${engines}/accounts_facade.js` } }));
    fs.writeFileSync(
      path.join(dir, routes),
      'import { a } from "#engine";\nimport { b } from "../../../cus/accounts/L5_engines/thing.js";\nexport const c = [a, b];\n',
    );
    const cacheLocation = path.join(dir, ".hoc-cache/facts.bin");
    const json = (/** @type {boolean} */ cached) =>
      JSON.stringify({ ...audit({ cwd: dir, types: false, ...(cached ? { cache: true, cacheLocation } : {}) }), root: "." });
    const resumed = () => scan({ cwd: dir, types: false, cache: true, cacheLocation }).project.resumedResolutions;
    json(true); // makes the cache's folder
    const past = age(dir);
    json(true); // stamps folders that are not racy
    expect(resumed()).toBe(true);
    return { dir, json, resumed, past };
  };

  it("after a file is created where an import looked for it", () => {
    const { dir, json, resumed } = setUp();
    const before = json(true);
    expect(before).toContain("cannot resolve import");
    fs.writeFileSync(path.join(dir, engines, "thing.ts"), "export const b = 1;\n");
    expect(resumed()).toBe(false);
    const warm = json(true);
    expect(warm).toBe(json(false));
    expect(warm).not.toContain("cannot resolve import");
  });

  it("after an unrelated file is created in a folder imports looked in (the answers there are asked again)", () => {
    const { dir, json, resumed } = setUp();
    fs.writeFileSync(path.join(dir, engines, "unrelated.ts"), "export const u = 1;\n");
    expect(resumed()).toBe(true);
    expect(json(true)).toBe(json(false));
  });

  it("after package.json maps an import elsewhere, and after the tsconfig's paths change", () => {
    const { dir, json, resumed } = setUp();
    const before = json(true);
    const pkgFile = path.join(dir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
    fs.writeFileSync(pkgFile, JSON.stringify({ ...pkg, imports: { "#engine": "./src/lib/logger.js" } }));
    age(dir);
    expect(resumed()).toBe(false);
    const remapped = json(true);
    expect(remapped).toBe(json(false));
    expect(remapped).not.toBe(before);
    const tsconfigFile = path.join(dir, "tsconfig.json");
    fs.writeFileSync(tsconfigFile, fs.readFileSync(tsconfigFile, "utf8").replace('"@lib/*": ["src/lib/*"]', '"@lib/*": ["src/nowhere/*"]'));
    age(dir);
    expect(resumed()).toBe(false);
    expect(json(true)).toBe(json(false));
  });

  it("still say a broken tsconfig that only the kept lookups reached", () => {
    const { dir, json } = setUp();
    fs.writeFileSync(
      path.join(dir, engines, "tsconfig.json"),
      JSON.stringify({ extends: "./missing-base.json", compilerOptions: { baseUrl: "../../../../..", paths: { "@hoc/*": ["src/hoc/*"] } } }),
    );
    json(true);
    age(dir);
    json(true);
    // An edit elsewhere that changes no fact: nothing under that tsconfig is checked or resolved again.
    const routes = path.join(dir, "src/hoc/api/cus/accounts/accounts_routes.ts");
    fs.writeFileSync(routes, `${fs.readFileSync(routes, "utf8")}\n// edited\n`);
    const warm = json(true);
    expect(warm).toContain("missing-base.json");
    expect(warm).toBe(json(false));
  });

  it("are taken without a question in a folder whose mtime did not change", () => {
    const { dir, json, past } = setUp();
    const before = json(true);
    // A file slipped in with its folder's mtime put back: only resolutions kept from the last run miss it.
    fs.writeFileSync(path.join(dir, engines, "thing.ts"), "export const b = 1;\n");
    fs.utimesSync(path.join(dir, engines), past, past);
    expect(json(true)).toBe(before);
    expect(json(false)).not.toBe(before);
  });
});
