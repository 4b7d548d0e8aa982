// ESLint asks, for each file it lints, whether hoc-audit would scan it (isScanned), so that both front ends leave the
// same files alone. The answer must be the walk's, whether it is worked out for the one file or for its whole folder
// at once (as `eslint .` does, see ScannedFolders), and a file created after its folder was worked out is still seen.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CATALOG } from "../src/checks/index.js";
import { loadConfig } from "../src/config/load-config.js";
import { discoverFiles, isScanned } from "../src/project/discover.js";
import { tempRepo } from "./helpers/fixtures.js";

/** @type {string[]} */
const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const FILES = {
  "hoc.config.json": JSON.stringify({ exclude: ["src/hoc/**/*.generated.ts"] }),
  "tsconfig.json": JSON.stringify({ include: ["src"], exclude: ["src/**/*.spec.ts", "src/legacy"] }),
  ".gitignore": "build/\nsrc/hoc/cus/orders/L6_drivers/secret_*.ts\n",
  "src/hoc/cus/orders/L5_engines/order_engine.ts": "export const e = 1;\n",
  "src/hoc/cus/orders/L5_engines/order_engine.spec.ts": "export const s = 1;\n",
  "src/hoc/cus/orders/L5_engines/order_types.d.ts": "export type T = 1;\n",
  "src/hoc/cus/orders/L5_engines/orders.generated.ts": "export const g = 1;\n",
  "src/hoc/cus/orders/L6_drivers/order_driver.ts": "export const d = 1;\n",
  "src/hoc/cus/orders/L6_drivers/secret_keys.ts": "export const k = 1;\n",
  "src/hoc/cus/orders/L6_drivers/.gitignore": "local_*.ts\n",
  "src/hoc/cus/orders/L6_drivers/local_override.ts": "export const o = 1;\n",
  "src/legacy/old.ts": "export const o = 1;\n",
  "build/out.ts": "export const b = 1;\n",
  "scripts/seed.ts": "export const s = 1;\n",
  "src/hoc/cus/orders/L6_drivers/notes.md": "# notes\n",
};

/** @param {string} root */
const configOf = (root) => loadConfig({ searchFrom: root, defaultRoot: root, catalog: CATALOG });

/** Every file of the repository, the ones the walk skips included. @param {string} root */
function everyFile(root) {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

describe("which files ESLint checks: those hoc-audit scans", () => {
  it("answers as the walk does, file by file and folder by folder", () => {
    const root = tempRepo(FILES, temps);
    const config = configOf(root);
    const walked = new Set(discoverFiles(config, [root], () => {}));
    const rel = (/** @type {string[]} */ list) => list.map((f) => path.relative(root, f).split(path.sep).join("/"));
    // Left out: a spec and a folder the tsconfig excludes, a file outside its include, a declaration file, a file
    // hoc.config.json excludes, files a .gitignore ignores (the root's and a folder's own), and a non-source file.
    expect(rel([...walked])).toEqual(["src/hoc/cus/orders/L5_engines/order_engine.ts", "src/hoc/cus/orders/L6_drivers/order_driver.ts"]);
    const files = everyFile(root);
    const alone = files.filter((f) => isScanned(config, f));
    const folders = new Map();
    const together = files.filter((f) => isScanned(config, f, folders));
    expect(rel(together)).toEqual(rel(alone));
    expect(rel(together)).toEqual(rel(files.filter((f) => walked.has(f))));
    expect(folders.size).toBeGreaterThan(0);
  });

  it("sees a file created after its folder was worked out", () => {
    const root = tempRepo(FILES, temps);
    const config = configOf(root);
    const folders = new Map();
    const engine = path.join(root, "src/hoc/cus/orders/L5_engines/order_engine.ts");
    expect(isScanned(config, engine, folders)).toBe(true);
    const created = path.join(root, "src/hoc/cus/orders/L5_engines/order_rules.ts");
    const createdSpec = path.join(root, "src/hoc/cus/orders/L5_engines/order_rules.spec.ts");
    fs.writeFileSync(created, "export const r = 1;\n");
    fs.writeFileSync(createdSpec, "export const r = 1;\n");
    expect(isScanned(config, created, folders)).toBe(true);
    expect(isScanned(config, createdSpec, folders)).toBe(false);
  });
});
