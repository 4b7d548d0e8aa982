import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Project } from "../src/project/project.js";
import { tempRepo } from "./helpers/fixtures.js";
import { parseText } from "../src/facts/parse.js";
import { extractFacts, extractHeader, headerOfText } from "../src/facts/extract.js";
import { compileConfig } from "../src/config/load-config.js";
import ts from "../src/ts.js";

const config = compileConfig({}, { root: "/x", configFile: null, where: "test" });
const { matchers } = config.operations;
const txMatchers = config.transactions.matchers;
const keyMatchers = config.privateKeys.matchers;
const dbMatchers = config.database.matchers;
/** @param {string} code */
const facts = (code, isIndexFile = false) => extractFacts(parseText("/x/file.ts", code), { isIndexFile, matchers, txMatchers, dbMatchers, keyMatchers });
/** @param {string} code */
const edges = (code) => facts(code).imports.map((i) => `${i.kind}${i.typeOnly ? "(type)" : ""} ${i.specifier} @${i.line}:${i.column}`);

describe("import edges", () => {
  it("extracts every import-like form with its kind and the specifier's position", () => {
    const code = [
      `import a from "./a";`,
      `import type { B } from "./b";`,
      `import "./c";`,
      `export { d } from "./d";`,
      `export * from "./e";`,
      `export * as f from "./f";`,
      `import g = require("./g");`,
      `const h = require("./h");`,
      `const i = () => import("./i");`,
      "const j = import(`./j`);",
      `const k = import(name);`,
      `export const use = [a, g, h, i, j, k];`,
    ].join("\n");
    expect(edges(code)).toEqual([
      "static ./a @1:15",
      "type(type) ./b @2:24",
      "side-effect ./c @3:8",
      "reexport ./d @4:19",
      "reexport-all ./e @5:15",
      "reexport-all ./f @6:20",
      "import-equals ./g @7:20",
      "require ./h @8:19",
      "dynamic ./i @9:24",
      "dynamic ./j @10:18",
    ]);
  });

  it("marks imports used only in type positions as type-only, and value uses as values", () => {
    const code = `import { A, B, C, D, E } from "./m";
interface I extends A { x: B }
class K implements C { y = new D(); }
export type T = typeof E;`;
    const [imp] = facts(code).imports;
    expect(imp.names?.map((n) => `${n.local}:${n.typeOnly}`)).toEqual(["A:true", "B:true", "C:true", "D:false", "E:true"]);
    expect(imp.typeOnly).toBe(false);
    expect(facts(`import { A } from "./m";\nexport function f(a: A): A { return a; }`).imports[0].typeOnly).toBe(true);
    expect(facts(`import { A } from "./m";\nexport { A };`).imports[0].typeOnly).toBe(false);
    expect(facts(`import { A } from "./m";\nconst o = { A: 1 }; o.A;`).imports[0].typeOnly).toBe(true);
  });

  it("counts the class a class extends as a value, its type arguments and what it implements as types", () => {
    // `import type { Base }` + `extends Base` does not compile: extending runs the base class's module.
    const code = `import { Base, Arg, Contract } from "./m";
export class Store extends Base<Arg> implements Contract {}`;
    expect(facts(code).imports[0].names?.map((n) => `${n.local}:${n.typeOnly}`)).toEqual(["Base:false", "Arg:true", "Contract:true"]);
    expect(facts(`import * as m from "./m";\nexport const S = class extends m.Base {};`).imports[0].typeOnly).toBe(false);
  });

  it("records what a module exports and re-exports, for looking through barrels", () => {
    const f = facts(`import { a as localA } from "./a";
export { localA as aa };
export { b } from "./b";
export * from "./c";
export * as ns from "./d";
export const x = 1, y = 2;
export function fn() {}
export default class {}
const z = 3;
export { z };`);
    expect(f.reExports).toEqual([
      { exported: "aa", imported: "a", specifier: "./a" },
      { exported: "b", imported: "b", specifier: "./b" },
      { exported: "ns", imported: "*", specifier: "./d" },
    ]);
    expect(f.starExports).toEqual(["./c"]);
    expect(f.localExports).toEqual(["x", "y", "fn", "default", "z"]);
  });

  it("classifies the top-level statements of index files only", () => {
    expect(facts(`export const x = 1;`).topLevel).toBeNull();
    const top = facts(`import "./setup";\nexport * from "./a";\ntype T = 1;\nsetup();\n;`, true).topLevel;
    expect(top?.map((t) => t.kind)).toEqual(["side-effect-import", "reexport", "type-declaration", "statement"]);
  });
});

describe("JSDoc", () => {
  it("is not parsed, and changes no fact: ESLint's parser may have parsed it or not", () => {
    const code = `// Layer: L6 — Driver
import { Knex } from "knex";
import type { Row } from "./row";
/**
 * Reads the rows. @see {@link Row} @deprecated use list()
 * @param {Knex} db the handle
 * @tombstone 2027-03-31
 */
export async function rows(db: Knex): Promise<Row[]> {
  /** @type {string} */
  const table = "rows";
  return db.transaction(async (trx) => trx(table).select());
}`;
    const parsed = parseText("/x/file.ts", code);
    const withJsDoc = ts.createSourceFile("/x/file.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    expect(parsed.statements.some((st) => /** @type {{ jsDoc?: unknown[] }} */ (st).jsDoc?.length)).toBe(false);
    expect(withJsDoc.statements.some((st) => /** @type {{ jsDoc?: unknown[] }} */ (st).jsDoc?.length)).toBe(true);
    const options = { isIndexFile: true, matchers, txMatchers, dbMatchers, keyMatchers };
    const without = extractFacts(parsed, options);
    expect(without.transactions.length).toBeGreaterThan(0);
    expect(without).toEqual(extractFacts(withJsDoc, options));
  });
});

describe("layer headers", () => {
  const header = (code) => extractHeader(parseText("/x/h.ts", code));
  it.each([
    ["// Layer: L5 — Domain Engine\nexport {};", { text: "L5 — Domain Engine", token: "L5", line: 1, column: 4 }],
    ["/* Layer: L2.1 */\nexport {};", { text: "L2.1", token: "L2.1", line: 1, column: 4 }],
    ["/**\n * Owner: team\n * Layer: driver\n */\nexport {};", { text: "driver", token: null, line: 3, column: 4 }],
    ["#!/usr/bin/env node\n// layer: l6\nexport {};", { text: "l6", token: "L6", line: 2, column: 4 }],
  ])("%j", (code, expected) => {
    expect(header(code)).toMatchObject(expected);
  });
  it("ignores text after the first statement and strings", () => {
    expect(header("export const a = 'Layer: L5';\n// Layer: L6\n")).toBeNull();
  });
  it("is read the same from the text alone, without a parse (a file that does not parse keeps its header)", () => {
    const texts = [
      "// Layer: L5 — Domain Engine\nexport const a = 1;",
      "#!/usr/bin/env node\n// Layer: L4\nrun();",
      "/**\n * Layer: L6 driver\n */\nexport class D {}",
      "// only a comment\n// Layer: L2",
      "",
      "export const a = 1;\n// Layer: L5 (after the first statement: not a header)",
      "/** @file x */\n\n// Layer : L7\nimport x from 'y';",
      "// Layer: L6\nexport const a = ;",
    ];
    for (const text of texts) expect(headerOfText(text)).toEqual(header(text));
  });
  /** @type {string[]} */
  const temps = [];
  afterAll(() => {
    for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
  });
  it("gives a file that does not parse the layer its header names, in the editor as in the audit", () => {
    const root = tempRepo({ "src/hoc/cus/billing/L5_engines/broken.ts": "// Layer: L6 — Driver\nexport const a = ;\n" }, temps);
    const broken = path.join(root, "src/hoc/cus/billing/L5_engines/broken.ts");
    for (const validateOnAccess of [true, false]) {
      const project = new Project(compileConfig({}, { root, configFile: null, where: "test" }), { validateOnAccess });
      expect(project.entry(broken).error).toMatch(/^syntax error/);
      expect(project.layerOf(broken)).toMatchObject({ source: "header", layer: { level: 6 } });
    }
  });
});

describe("data models (Sequelize's own declarations)", () => {
  it("reads a model initialised in its own static method, its ForeignKey<…> properties and the names it is exported under", () => {
    const f = facts(`import { DataTypes, Model, type ForeignKey } from "sequelize";
import { Author } from "./author";
class Post extends Model {
  declare authorId: ForeignKey<Author["id"]>;
  declare editorId: ForeignKey<Author>;
  static setup(sequelize) {
    super.init({ authorId: { type: DataTypes.UUID, allowNull: true }, status: DataTypes.STRING }, { sequelize, tableName: "posts" });
  }
}
class Draft extends Model {}
export { Post as PostModel, Draft };`);
    expect(f.models).toHaveLength(1);
    const [post] = f.models;
    expect(post).toMatchObject({ name: "Post", form: "Model.init", aliases: ["PostModel"], table: { value: "posts" } });
    expect(post.columns.map((c) => [c.name, c.references, c.nullable, c.plainString])).toEqual([
      ["authorId", "Author", "`allowNull: true`", null],
      ["status", null, null, "DataTypes.STRING"],
      ["editorId", "Author", null, null],
    ]);
  });
});
