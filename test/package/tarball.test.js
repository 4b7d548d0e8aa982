// The package as a user gets it: `npm pack`, installed into a fresh app (an `npm init -y` package, no "type":
// "module") next to the peers at both ends of their ranges, then used the README's way: ESLint with the README's
// eslint.config.mjs, `npx hoc-audit`, and a TypeScript consumer of the shipped declarations. Installs come from
// npm's cache when they can (`--prefer-offline`).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/fixtures.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
let tarball = "";
const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-pack-"));

beforeAll(() => {
  // `npm pack` runs `prepack`, which generates the type declarations the tarball ships.
  const out = execFileSync(NPM, ["pack", "--json", "--pack-destination", packDir], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  tarball = path.join(packDir, JSON.parse(out.slice(out.indexOf("[")))[0].filename);
}, 120_000);
afterAll(() => fs.rmSync(packDir, { recursive: true, force: true }));

/** The README's eslint.config.mjs block. */
function readmeConfig() {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const block = readme.split("```js\n").find((b) => b.startsWith("// eslint.config.mjs"));
  if (!block) throw new Error("README: no eslint.config.mjs block");
  return block.slice(0, block.indexOf("```"));
}

const APP = {
  "src/hoc/api/cus/billing/routes.ts": `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const r = total;\n`,
  "src/hoc/cus/billing/L5_engines/invoice_engine.ts": "export const total = 1;\n",
  "tsconfig.json": JSON.stringify({
    compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true },
    include: ["src", "consumer.mts"],
  }),
  // A TypeScript consumer: the declarations are real types (a wrong option is an error), not `any`.
  "consumer.mts": [
    `import hoc from "eslint-plugin-hoc";`,
    `import { audit, type Report } from "eslint-plugin-hoc/api";`,
    `const name: string | undefined = hoc.configs.recommended.name;`,
    `const report = audit({ paths: ["src"], types: false });`,
    `const status: "pass" | "fail" | "warn" = report.summary.gates[0].status;`,
    `const first: Report["findings"][number] | undefined = report.findings[0];`,
    `export { first };`,
    `// @ts-expect-error: \`threads\` is a number`,
    `audit({ threads: "many" });`,
    `export { name, status };`,
    ``,
  ].join("\n"),
};

/** @param {string} dir @param {string} cmd @param {string[]} args */
function run(dir, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.each([
  {
    label: "ESLint 9.0, TypeScript 5.5, @typescript-eslint/parser 8.0 (lowest of the ranges)",
    peers: ["eslint@9.0.0", "typescript@5.5.4", "@typescript-eslint/parser@8.0.0"],
  },
  { label: "ESLint 10, TypeScript 6.0, @typescript-eslint/parser 8 (newest)", peers: ["eslint@10", "typescript@6.0", "@typescript-eslint/parser@8"] },
])("the packed tarball in a fresh app: $label", ({ peers }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-app-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", license: "ISC" }, null, 2));
    for (const [rel, text] of Object.entries({ ...APP, "eslint.config.mjs": readmeConfig() })) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const r = run(dir, NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel", "error", tarball, ...peers]);
    if (r.status !== 0) throw new Error(`npm install failed:\n${r.out}`);
  }, 300_000);

  it("installs no second TypeScript and no ts-morph", () => {
    const r = run(dir, NPM, ["ls", "typescript", "--all", "--parseable"]);
    expect(
      r.out
        .trim()
        .split("\n")
        .filter((l) => l.endsWith(`${path.sep}typescript`)),
    ).toEqual([path.join(dir, "node_modules", "typescript")]);
    expect(fs.existsSync(path.join(dir, "node_modules/ts-morph"))).toBe(false);
  });

  it("ESLint with the README's config reports the layer violation", () => {
    const r = run(dir, process.execPath, [path.join(dir, "node_modules/eslint/bin/eslint.js"), "src", "--format", "json"]);
    const results = JSON.parse(r.out.slice(r.out.indexOf("[")));
    expect(
      results.flatMap((/** @type {any} */ f) => f.messages.map((/** @type {any} */ m) => `${m.ruleId} ${path.relative(dir, f.filePath)}:${m.line}`)),
    ).toEqual([`hoc/layer-boundaries ${path.join("src/hoc/api/cus/billing/routes.ts")}:1`]);
  }, 60_000);

  it("npx hoc-audit reports it too and exits 1", () => {
    const r = run(dir, NPM, ["exec", "--offline", "--", "hoc-audit", "--no-progress"]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/layer boundaries:\s+\d+ imports?, 1 violation — FAIL/);
    expect(r.out).toContain("src/hoc/api/cus/billing/routes.ts");
  }, 60_000);

  it("a TypeScript consumer compiles against the shipped declarations", () => {
    const r = run(dir, process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", "."]);
    expect(r.out).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
