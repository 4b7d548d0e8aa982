// Module resolution answers what TypeScript answers: the shortcut for a sibling module (`./x` with `x.ts` there)
// and the answer shared by the files of a folder must not change which file an import reaches.
import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { compileConfig } from "../src/config/load-config.js";
import { CATALOG } from "../src/checks/index.js";
import { Project } from "../src/project/project.js";
import { TsconfigIndex, isRelativeOrAliased } from "../src/project/tsconfig.js";
import { tempRepo } from "./helpers/fixtures.js";

const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Resolve each import (from `src/a/one.ts` unless said) in a fresh static project over these files.
 * @param {Record<string, string>} files
 * @param {[string, string][]} imports [specifier, importing file]
 */
function resolveAll(files, imports) {
  const root = tempRepo(files, temps);
  const project = new Project(compileConfig({}, { root, configFile: null, where: "test" }, CATALOG), { staticFs: true });
  return imports.map(([spec, from]) => {
    const r = project.resolve(path.join(root, from), spec);
    return r.kind === "file" || r.kind === "asset" ? `${r.kind}:${path.relative(root, r.file)}` : r.kind;
  });
}

describe("module resolution", () => {
  it("takes the file before the folder's index, and follows TypeScript where its order is not the first probe", () => {
    const files = {
      "src/a/one.ts": "",
      "src/a/two.ts": "",
      "src/b/thing.ts": "export const t = 1;\n",
      "src/b/thing/index.ts": "export const t = 2;\n",
      "src/b/only/index.ts": "",
      "src/b/order.service.ts": "",
      "src/b/view.tsx": "",
      "src/b/logo.svg": "<svg/>",
      "src/b/x.ts": "",
      "src/b/x.js.ts": "",
    };
    expect(
      resolveAll(files, [
        ["../b/thing", "src/a/one.ts"],
        ["../b/thing", "src/a/two.ts"], // the same folder's answer
        ["../b/only", "src/a/one.ts"],
        ["../b/order.service", "src/a/one.ts"],
        ["../b/thing.js", "src/a/one.ts"],
        ["../b/view", "src/a/one.ts"],
        ["../b/logo.svg", "src/a/one.ts"],
        ["../b/missing", "src/a/one.ts"],
        ["../b/x.js", "src/a/one.ts"], // `.js` names the `.ts` module, even beside a file called x.js.ts
      ]),
    ).toEqual([
      "file:src/b/thing.ts",
      "file:src/b/thing.ts",
      "file:src/b/only/index.ts",
      "file:src/b/order.service.ts",
      "file:src/b/thing.ts",
      "file:src/b/view.tsx",
      "asset:src/b/logo.svg",
      "unresolved",
      "file:src/b/x.ts",
    ]);
  });

  it("lets moduleSuffixes and rootDirs reorder what is tried first", () => {
    const files = {
      "tsconfig.json": JSON.stringify({ compilerOptions: { moduleSuffixes: [".ios", ""], rootDirs: ["src", "generated"] } }),
      "src/a/one.ts": "",
      "src/a/screen.ts": "",
      "src/a/screen.ios.ts": "",
      "generated/a/schema.ts": "",
    };
    expect(
      resolveAll(files, [
        ["./screen", "src/a/one.ts"],
        ["./schema", "src/a/one.ts"],
      ]),
    ).toEqual(["file:src/a/screen.ios.ts", "file:generated/a/schema.ts"]);
  });
});

describe("which imports the project must resolve", () => {
  it("relative, absolute and `#` ones, and those a `paths` pattern matches, its `*` standing for any text, even none", () => {
    const patterns = ["@hoc/*", "~*", "config", "@x/*.js"];
    const answers = [
      "./a",
      "/abs",
      "#src/x",
      "@hoc/cus/a",
      "@hoc/",
      "~",
      "config",
      "config/x",
      "@x/a.js",
      "@x/.js",
      "@x/a.ts",
      "@x.js",
      "react",
      "@hocx/a",
    ].map((s) => [s, isRelativeOrAliased(s, patterns)]);
    expect(answers).toEqual([
      ["./a", true],
      ["/abs", true],
      ["#src/x", true],
      ["@hoc/cus/a", true],
      ["@hoc/", true],
      ["~", true],
      ["config", true],
      ["config/x", false],
      ["@x/a.js", true],
      ["@x/.js", true],
      ["@x/a.ts", false],
      // The text before and after the `*` may not overlap.
      ["@x.js", false],
      ["react", false],
      ["@hocx/a", false],
    ]);
  });
});

describe("the nearest tsconfig of a folder", () => {
  it("says a broken one once, when a folder under it first asks, and not when looked up quietly", () => {
    const root = tempRepo({ "tsconfig.json": "{}", "pkg/tsconfig.json": '{ "extends": "./missing-base.json" }', "pkg/src/a.ts": "" }, temps);
    /** @type {string[]} */
    const said = [];
    const index = new TsconfigIndex((file, message) => said.push(`${path.relative(root, file)}: ${message}`));
    expect(index.quietlyForDir(path.join(root, "pkg/src")).file).toBe(path.join(root, "pkg/tsconfig.json"));
    expect(said).toEqual([]);
    index.forDir(path.join(root, "pkg/src"));
    index.forDir(path.join(root, "pkg"));
    expect(index.forDir(root).file).toBe(path.join(root, "tsconfig.json"));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^pkg\/tsconfig.json: tsconfig problem: .*missing-base\.json.*; fix it \(its own options are used, without what it extends\)$/);
  });
});

describe("a path relative to the root", () => {
  it("is what path.relative says, with `/`, for paths below, at, above and beside the root, normal or not", () => {
    const root = tempRepo({ "a.ts": "" }, temps);
    const project = new Project(compileConfig({}, { root, configFile: null, where: "test" }, CATALOG), { staticFs: true });
    const paths = ["a.ts", "src/x/y.ts", "src/./x.ts", "src/../x.ts", "src//x.ts", "src/x/", ".hidden/.x.ts", "..x/y.ts", "", "..", "../sibling/z.ts"].map(
      (p) => `${root}/${p}`,
    );
    paths.push(root, `${root}-other/x.ts`, "/elsewhere/x.ts");
    expect(paths.map((p) => project.rel(p))).toEqual(paths.map((p) => path.relative(root, p).split(path.sep).join("/")));
  });
});
