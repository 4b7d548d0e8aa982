// The audit's type program leaves the browser's libraries out where they cannot change a verdict: over plain
// options, and on a real program built on disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { compileConfig } from "../src/config/load-config.js";
import { ProgramTypes, withoutBrowserLibs } from "../src/types-aware/program-types.js";

/** @param {object} [user] */
const matchersOf = (user = {}) => compileConfig(user, { root: "/r", configFile: null, where: "test" }).database.matchers;

describe("the type program's libraries", () => {
  const m = matchersOf();
  it("takes the target's default libraries without the browser's", () => {
    expect(withoutBrowserLibs({ target: ts.ScriptTarget.ES2022 }, m).lib).toEqual(["lib.es2022.d.ts"]);
    expect(withoutBrowserLibs({ target: ts.ScriptTarget.ESNext }, m).lib).toEqual(["lib.esnext.d.ts"]);
    expect(withoutBrowserLibs({ target: ts.ScriptTarget.ES2015 }, m).lib).toEqual(["lib.es2015.d.ts"]);
    expect(withoutBrowserLibs({}, m).lib).toEqual(["lib.es5.d.ts"]);
  });

  it("keeps what the tsconfig lists but the DOM, web workers and the script host", () => {
    const lib = [
      "lib.dom.d.ts",
      "lib.es2020.d.ts",
      "lib.dom.iterable.d.ts",
      "lib.webworker.importscripts.d.ts",
      "lib.scripthost.d.ts",
      "lib.esnext.asynciterable.d.ts",
    ];
    expect(withoutBrowserLibs({ lib }, m).lib).toEqual(["lib.es2020.d.ts", "lib.esnext.asynciterable.d.ts"]);
  });

  it("changes nothing where the libraries' package could decide a verdict, or where there are none", () => {
    const options = { target: ts.ScriptTarget.ES2022, lib: ["lib.dom.d.ts", "lib.es2022.d.ts"] };
    expect(withoutBrowserLibs(options, matchersOf({ database: { nonDbPackages: ["typescript"] } }))).toBe(options);
    expect(withoutBrowserLibs({ noLib: true }, m).lib).toBeUndefined();
  });
});

describe("a type program on disk", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-type-program-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", strict: true } }));
  fs.writeFileSync(path.join(dir, "server.ts"), "export const list = async (): Promise<string[]> => [];\n");
  fs.writeFileSync(path.join(dir, "widget.ts"), '/// <reference lib="dom" />\nexport const el = (): HTMLElement | null => null;\n');
  const libsOf = (/** @type {string} */ file) => {
    const types = new ProgramTypes(path.join(dir, "tsconfig.json"), matchersOf(), (f, message) => {
      throw new Error(`${f}: ${message}`);
    });
    types.prepare([path.join(dir, file)]);
    return (types.program?.getSourceFiles() ?? []).map((sf) => path.basename(sf.fileName)).filter((f) => f.startsWith("lib."));
  };

  it("parses ES2022's libraries and not the DOM", () => {
    const libs = libsOf("server.ts");
    expect(libs).toContain("lib.es2022.d.ts");
    expect(libs).toContain("lib.es5.d.ts");
    expect(libs).not.toContain("lib.dom.d.ts");
  });

  it("brings the DOM back for a file that references it", () => {
    expect(libsOf("widget.ts")).toContain("lib.dom.d.ts");
  });
});

describe("the type program's compiler host", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-type-host-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", strict: true, allowJs: true } }));
  fs.writeFileSync(path.join(dir, "count.js"), "/** @returns {Promise<number>} */\nexport function count() { return Promise.resolve(1); }\n");
  fs.writeFileSync(path.join(dir, "store.ts"), '/** Stores. @see count */\nexport const store = { name: "s" };\n');
  fs.writeFileSync(
    path.join(dir, "use.ts"),
    'import { count } from "./count.js";\nimport { store } from "./store";\nexport const n = count();\nexport const s = store;\n',
  );
  /** @param {import("../src/types-aware/program-types.js").KnownAnswers | null} known */
  const build = (known) => {
    const types = new ProgramTypes(
      path.join(dir, "tsconfig.json"),
      matchersOf(),
      (f, message) => {
        throw new Error(`${f}: ${message}`);
      },
      known,
    );
    types.prepare([path.join(dir, "use.ts")]);
    return /** @type {ts.Program} */ (types.program);
  };
  /** @param {ts.SourceFile | undefined} sf */
  const hasJsDoc = (sf) => (sf?.statements ?? []).some((st) => /** @type {{ jsDoc?: unknown[] }} */ (st).jsDoc?.length);

  it("parses the JSDoc that declares types in JavaScript, and none in TypeScript", () => {
    const program = build(null);
    expect(hasJsDoc(program.getSourceFile(path.join(dir, "count.js")))).toBe(true);
    expect(hasJsDoc(program.getSourceFile(path.join(dir, "store.ts")))).toBe(false);
    const use = /** @type {ts.SourceFile} */ (program.getSourceFile(path.join(dir, "use.ts")));
    const n = /** @type {ts.VariableStatement} */ (use.statements[2]).declarationList.declarations[0];
    const checker = program.getTypeChecker();
    expect(checker.typeToString(checker.getTypeAtLocation(n.name))).toBe("Promise<number>");
  });

  it("takes what the audit's module resolution learnt of the file system before asking it", () => {
    const store = path.join(dir, "store.ts");
    expect(build(null).getSourceFile(store)).toBeDefined();
    // An answer the audit was given (here made up: the file is gone) is the one the program resolves with.
    const known = { files: new Map([[store, false]]), dirs: new Map(), real: new Map() };
    expect(build(known).getSourceFile(store)).toBeUndefined();
    expect(build(known).getSourceFile(path.join(dir, "count.js"))).toBeDefined();
  });
});
