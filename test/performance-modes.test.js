// The fast paths must not change what is reported: worker threads, the fact cache (cold, warm, corrupt,
// concurrent) all give byte-identical output. (Speed itself is measured by `npm run bench`, not asserted.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { generateRepo } from "../bench/generate.js";
import { REPO } from "./helpers/fixtures.js";
import { hocAudit } from "./helpers/cli.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-perf-"));
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-perf-cache-"));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
});
const { files } = generateRepo({ files: 700, seed: 3 });
for (const [rel, text] of files) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}
const json = (/** @type {string[]} */ extra) => hocAudit([dir, "--format", "json", "--no-types", ...extra], REPO);

describe("fast paths give the same output", () => {
  const reference = json(["--threads", "1"]);

  it("has findings to compare", () => {
    expect(JSON.parse(reference.stdout).findings.length).toBeGreaterThan(10);
  });

  it("with 1 thread and with 3 worker threads", () => {
    expect(json(["--threads", "3"]).stdout).toBe(reference.stdout);
  });

  it("cold and warm with the cache, and after one file changed", () => {
    const cache = path.join(cacheDir, "a.bin");
    expect(json(["--cache-location", cache]).stdout).toBe(reference.stdout);
    expect(fs.existsSync(cache)).toBe(true);
    expect(json(["--cache-location", cache]).stdout).toBe(reference.stdout);
    const route = path.join(dir, [...files.keys()].find((f) => f.includes("/api/")) ?? "");
    const original = fs.readFileSync(route, "utf8");
    try {
      fs.writeFileSync(route, `${original}\nexport const added = 1;\n`);
      const changed = json(["--threads", "1"]).stdout;
      expect(json(["--cache-location", cache]).stdout).toBe(changed);
    } finally {
      fs.writeFileSync(route, original);
    }
    expect(json(["--cache-location", cache]).stdout).toBe(reference.stdout);
  });

  it("with a corrupt cache file: a note on stderr, the cache rebuilt, the same output", () => {
    const cache = path.join(cacheDir, "corrupt.bin");
    fs.writeFileSync(cache, "this is not a cache");
    const r = json(["--cache-location", cache]);
    expect(r.stdout).toBe(reference.stdout);
    expect(r.stderr).toMatch(/^hoc-audit: note: cache .*corrupt\.bin could not be read \(corrupt or from another Node version\); it is rebuilt\n$/);
    expect(json(["--cache-location", cache]).stderr).toBe("");
  });

  it("with two runs writing the same cache at once", async () => {
    const cache = path.join(cacheDir, "shared.bin");
    const run = () =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(REPO, "bin/hoc-audit.js"), dir, "--format", "json", "--no-types", "--cache-location", cache], {
          cwd: REPO,
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("close", () => resolve(out));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toBe(reference.stdout);
    expect(b).toBe(reference.stdout);
    const after = json(["--cache-location", cache]);
    expect(after.stderr).toBe("");
    expect(after.stdout).toBe(reference.stdout);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the fact cache key", () => {
  it("survives edits of config keys facts do not depend on, and not edits of keys the extractors read", async () => {
    const { FactCache } = await import("../src/project/fact-cache.js");
    const { compileConfig } = await import("../src/config/load-config.js");
    const { loadFileFacts } = await import("../src/project/project.js");
    const root = fs.mkdtempSync(path.join(cacheDir, "key-"));
    const file = path.join(root, "handler.ts");
    fs.writeFileSync(file, `declare const registry: { add(n: string, h: unknown): void };\nregistry.add("orders.get", {});\n`);
    const config = (/** @type {object} */ user) => compileConfig(/** @type {any} */ (user), { root, configFile: null, where: "test" }, null);
    const location = path.join(cacheDir, "key.bin");
    const written = new FactCache(location, config({}));
    written.set("handler.ts", file, loadFileFacts(file, config({})));
    written.save();
    const hit = (/** @type {object} */ user) => new FactCache(location, config(user)).get("handler.ts", file) !== null;
    expect(hit({})).toBe(true);
    // Findings filters, severities and file locations: the facts are the same, the cache is kept.
    expect(hit({ exceptions: [{ path: "legacy/**", reason: "TICKET-1" }], rules: { "hoc/layer-header": "off" }, baseline: "b.json" })).toBe(true);
    // What the extractors read: `add` now registers, so the cached facts (no registration) would be wrong.
    expect(hit({ operations: { registerMethods: ["add"] } })).toBe(false);
    const registering = loadFileFacts(file, config({ operations: { registerMethods: ["add"] } }));
    expect(registering.facts?.operations.registrations).toHaveLength(1);
    // Whether a file is read at all.
    expect(hit({ maxFileBytes: 10 })).toBe(false);
  });
});

describe("the fact cache holds the files imports reach outside the scanned folder", () => {
  it("a warm audit of a subfolder takes the facts of what it imports from elsewhere from the cache", async () => {
    const { FactCache } = await import("../src/project/fact-cache.js");
    const { scan } = await import("../src/audit.js");
    const sub = path.join(dir, "src/hoc/api");
    const outside = [...files.keys()].filter((f) => !f.startsWith("src/hoc/api/")).length;
    expect(outside).toBeGreaterThan(0);
    const cache = path.join(cacheDir, "sub.bin");
    // A hoc.config.json at the top makes it the root while only the subfolder is scanned.
    const configFile = path.join(dir, "hoc.config.json");
    fs.writeFileSync(configFile, "{}\n");
    try {
      const cold = hocAudit([sub, "--format", "json", "--no-types", "--cache-location", cache], REPO);
      expect(cold.code, cold.stderr).toBe(1);
      // Read back: entries for files below the folder and for the ones its imports reached elsewhere.
      const { config } = scan({ paths: [sub], cwd: REPO });
      const stored = new FactCache(cache, config);
      const keys = [...stored.entries.keys()];
      expect(keys.some((k) => k.startsWith("src/hoc/api/"))).toBe(true);
      expect(keys.filter((k) => !k.startsWith("src/hoc/api/")).length).toBeGreaterThan(0);
      expect(hocAudit([sub, "--format", "json", "--no-types", "--cache-location", cache], REPO).stdout).toBe(cold.stdout);
    } finally {
      fs.rmSync(configFile, { force: true });
    }
  });
});
