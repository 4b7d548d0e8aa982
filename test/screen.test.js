// ESLint screens files by their text before parsing them for the project-wide indexes (src/project/screen.js).
// Screening must never change an answer: every file whose facts add to the operation or model index is marked by
// its text, a header read without a parse is the parsed one, and the indexes built from the screened files equal
// the indexes built from every file, on every fixture, on a generated repository and on the wrapper shapes that
// only a second screening finds.
import fs from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { afterAll, describe, expect, it } from "vitest";
import { generateRepo } from "../bench/generate.js";
import { CATALOG } from "../src/checks/index.js";
import { loadConfig } from "../src/config/load-config.js";
import { parseText } from "../src/facts/parse.js";
import { layerEdges } from "../src/checks/layer-matrix.js";
import { discoverFiles } from "../src/project/discover.js";
import { Project, loadFileFacts } from "../src/project/project.js";
import { dataQuality } from "../src/checks/data-quality.js";
import { MAY_RE_EXPORT, MAY_TOMBSTONE, aliasScreen, dispatches, globText, reExports, registers, staticScreen, wrapperNamesOf } from "../src/project/screen.js";
import { FIXTURES, sourceFiles, tempRepo } from "./helpers/fixtures.js";

/** @type {string[]} */
const temps = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** @param {string} root */
const configOf = (root) => loadConfig({ searchFrom: root, defaultRoot: root, catalog: CATALOG });

/**
 * @param {string} root
 * @param {boolean} screen
 */
function projectOf(root, screen) {
  const config = configOf(root);
  const project = new Project(config, { validateOnAccess: true, screen });
  project.setFiles(discoverFiles(config, [root], () => {}));
  project.newPass();
  return project;
}

/**
 * What the indexes say, as plain data (files relative to the root).
 * @param {Project} project
 */
function indexes(project) {
  const rel = (/** @type {string} */ f) => project.rel(f);
  /** @param {{ file: string, fact: { line: number, column: number }, name: string | null }[]} list */
  const sited = (list) => list.map((s) => `${rel(s.file)}:${s.fact.line}:${s.fact.column} ${s.name}`);
  /** @param {import("../src/project/operation-index.js").OperationIndex} ops */
  const plain = (ops) => ({
    registrations: sited(ops.registrations),
    registered: [...ops.registered.values()].map((o) => [o.name, o.domain, sited(o.registrations), sited(o.dispatches), sited(o.invariants)]),
    dispatches: sited(ops.dispatches),
    invariants: sited(ops.invariants),
    subOperationMaps: ops.subOperationMaps.map((m) => [rel(m.file), m.map.name, m.targets, m.handlerRegisters, m.handledMethods]),
    aliasTargets: [...ops.aliasTargets].map(([k, v]) => [k, rel(v.file), v.line, v.from]),
    subOperationTargets: [...ops.subOperationTargets].map(([k, v]) => [k, rel(v.file), v.line, v.method, v.map]),
    sortedNames: ops.sortedNames,
    byFile: project.files.map((f) => {
      const own = ops.byFile.get(f);
      return own ? [rel(f), sited(own.registrations), sited(own.dispatches), sited(own.invariants)] : [rel(f)];
    }),
  });
  // The index without other files' dispatches first: in the editor it is built from the files that can register.
  const registrations = plain(project.registrationIndex());
  const models = JSON.stringify(project.modelIndex().entries, (k, v) => (k === "file" && typeof v === "string" ? rel(v) : v));
  const domains = [...new Set(project.files.map((f) => project.layerOf(f)?.captures.domain ?? null))].sort();
  return {
    registrations,
    all: plain(project.operationIndex()),
    models,
    domains,
    tombstones: project.files.map((f) => project.tombstoneOf(f)),
    // What every import reaches through barrels, asked after the indexes (most files still screened, unparsed).
    edges: project.files.flatMap((f) =>
      (layerEdges(project, f)?.edges ?? []).map(
        (e) => `${rel(f)} -> ${rel(e.target.file)} via ${e.target.via.map(rel).join(",")} ${e.target.typeOnly} ${e.to.layer.id}`,
      ),
    ),
  };
}

const fixtureRoots = fs
  .readdirSync(FIXTURES)
  .flatMap((name) => {
    const dir = path.join(FIXTURES, name);
    if (fs.existsSync(path.join(dir, "hoc.config.json")) || fs.existsSync(path.join(dir, "src/hoc"))) return [dir];
    // fixtures/layouts holds one repository per layout
    return fs.statSync(dir).isDirectory()
      ? fs
          .readdirSync(dir)
          .map((d) => path.join(dir, d))
          .filter((d) => fs.statSync(d).isDirectory())
      : [];
  })
  .filter((dir) => sourceFiles(dir).length > 0);

describe("screening files by their text", () => {
  it.each(fixtureRoots.map((d) => [path.relative(FIXTURES, d), d]))("marks every file whose facts add to an index: %s", (_name, root) => {
    const config = configOf(root);
    const tests = staticScreen(config);
    const files = sourceFiles(root).map((f) => path.join(root, f));
    const facts = new Map(files.map((f) => [f, loadFileFacts(f, config).facts]));
    const names = wrapperNamesOf(files, (f) => facts.get(f));
    const wrapperTest = aliasScreen(names);
    const text = (/** @type {string} */ f) => fs.readFileSync(f, "utf8");
    expect(files.filter((f) => registers(facts.get(f) ?? null) && !tests.registrations.some((t) => t.test(text(f))))).toEqual([]);
    expect(files.filter((f) => dispatches(facts.get(f) ?? null, names) && !tests.dispatches?.test(text(f)) && !wrapperTest?.test(text(f)))).toEqual([]);
    // A file screened as untouched by a tombstone has none.
    expect(files.filter((f) => facts.get(f)?.tombstone && !MAY_TOMBSTONE.test(text(f)))).toEqual([]);
    // A file screened as providing every name itself re-exports nothing.
    expect(files.filter((f) => reExports(facts.get(f) ?? null) && !MAY_RE_EXPORT.test(fs.readFileSync(f, "utf8")))).toEqual([]);
  });

  it("tells a file that may re-export from one whose exports are all declarations", () => {
    const may = [
      "export * from './a';",
      "export * as ns from './a';",
      "export { a } from './a';",
      "export type { A } from './a';",
      "import { a } from './a';\nexport { a };",
      "import a from './a';\nexport default a;",
      "export /* x */ { a } from './a';",
    ];
    const not = [
      "export const a = 1;",
      "export function f() {}",
      "export default class A {}",
      "export type A = string;",
      "export interface I {}",
      "export abstract class B {}",
      "export default async function g() {}",
      "const exported = 1;",
    ];
    for (const text of may) expect(MAY_RE_EXPORT.test(text), text).toBe(true);
    for (const text of not) expect(MAY_RE_EXPORT.test(text), text).toBe(false);
  });

  it.each(fixtureRoots.map((d) => [path.relative(FIXTURES, d), d]))("builds the same indexes as reading every file: %s", (_name, root) => {
    const screened = projectOf(root, true);
    expect(indexes(screened)).toEqual(indexes(projectOf(root, false)));
  });

  it("builds the same indexes on a generated repository, and leaves most of its files unparsed", () => {
    const { files } = generateRepo({ files: 400, seed: 3 });
    const root = tempRepo(Object.fromEntries(files), temps);
    const screened = projectOf(root, true);
    screened.registrationIndex();
    screened.modelIndex();
    expect(screened.screens.size).toBeGreaterThan(screened.files.length * 0.8);
    expect(indexes(screened)).toEqual(indexes(projectOf(root, false)));
  });

  it("reads no other file for a rule about models when the linted file declares none", () => {
    const root = path.join(FIXTURES, "models");
    const modelFile = path.join(root, "src/hoc/models/jobs/job.ts");
    const plainFile = path.join(root, "src/hoc/cus/hoc_spine/schemas/money.ts");
    const project = projectOf(root, true);
    for (const f of [plainFile, modelFile]) {
      const text = fs.readFileSync(f, "utf8");
      project.setOverlay(f, () => parseText(f, text), text);
      const known = project.entries.size + project.screens.size;
      dataQuality.checkFile(f, project);
      // The model-less file is checked from its own facts; the model file needs the project's models.
      if (f === plainFile) expect(project.entries.size + project.screens.size).toBe(known);
      else expect(project.entries.size + project.screens.size).toBeGreaterThan(project.files.length * 0.9);
    }
    expect(project.facts(plainFile)?.models).toEqual([]);
    expect(project.facts(modelFile)?.models.length).toBeGreaterThan(0);
  });

  it("gives a screened file that does not parse the layer its header names, as the audit does", () => {
    const root = tempRepo({ "src/hoc/cus/billing/L5_engines/broken.ts": "// Layer: L6 — Driver\nexport const a = ;\n" }, temps);
    const broken = path.join(root, "src/hoc/cus/billing/L5_engines/broken.ts");
    const project = projectOf(root, true);
    expect(project.layerOf(broken)).toMatchObject({ source: "header", layer: { level: 6 } });
    expect(project.screens.has(broken)).toBe(true);
    expect(project.entry(broken).error).toMatch(/^syntax error/);
    expect(project.layerOf(broken)).toMatchObject({ source: "header", layer: { level: 6 } });
  });

  it("turns a name glob into a text test that every matching name passes", () => {
    const globs = ["*OPERATION_HANDLERS*", "HANDLERS", "*METHOD*MAP*", "inv*", "*_list", "a**b"];
    const names = [
      "OPERATION_HANDLERS",
      "billingOperation_handlersV2",
      "HANDLERS",
      "handlers",
      "MY_HANDLERS",
      "METHODMAP",
      "methodToMap",
      "inventory",
      "my_list",
      "ab",
      "axxb",
      "b",
    ];
    for (const glob of globs) {
      const test = new RegExp(/** @type {string} */ (globText(glob)), "i");
      const match = picomatch(glob, { nocase: true });
      for (const name of names) if (match(name)) expect(test.test(`const ${name} = 1;`), `${glob} ${name}`).toBe(true);
    }
    expect(new RegExp(/** @type {string} */ (globText("HANDLERS")), "i").test("const MY_HANDLERS = {}")).toBe(false);
    expect(globText("{a,b}*")).toBeNull();
    expect(globText("*")).toBeNull();
  });
});

describe("dispatch wrappers found only by a second screening", () => {
  const registry = `export const registry = { register(name: string, h: unknown) {}, execute(name: string, ctx: unknown) { return ctx; } };\n`;
  const files = {
    "src/hoc/cus/hoc_spine/orchestrator/registry.ts": registry,
    "src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts": `import { registry } from "../registry";\nregistry.register("billing.refund", {});\nregistry.register("billing.close", {});\nregistry.register("billing.open", {});\n`,
    "src/hoc/cus/hoc_spine/orchestrator/run.ts": `import { registry } from "./registry";\nexport function run(op: string, ctx: unknown) { return registry.execute(op, ctx); }\n`,
    // A listed barrel renames the wrapper: its caller shows only the new name.
    "src/hoc/cus/hoc_spine/orchestrator/index.ts": `export { run as go } from "./run";\n`,
    "src/hoc/api/cus/billing/refund_routes.ts": `import { go } from "../../../cus/hoc_spine/orchestrator";\nexport const refund = (ctx: unknown) => go("billing.refund", ctx);\n`,
    // A wrapper in a file the scan leaves out does not count, screened or not.
    "scripts/open.ts": `import { registry } from "../src/hoc/cus/hoc_spine/orchestrator/registry";\nexport function open(op: string) { return registry.execute(op, {}); }\n`,
    "src/hoc/api/cus/billing/open_routes.ts": `import { open } from "../../../../../scripts/open";\nexport const o = () => open("billing.open");\n`,
    "hoc.config.json": JSON.stringify({ exclude: ["scripts/**"] }),
  };

  /** @param {string} found @param {string} file @param {string} name */
  const dispatched = (found, file, name) => new RegExp(`^${file.replaceAll(".", "\\.")}:\\d+:\\d+ ${name.replace(".", "\\.")}$`).test(found);

  it("finds a wrapper a listed barrel renames, and leaves out one in an excluded file", () => {
    const root = tempRepo(files, temps);
    const screened = projectOf(root, true);
    // Rules about one file's registrations or dispatches read files that can register only.
    screened.registrationIndex();
    expect(screened.screens.get(path.join(root, "src/hoc/cus/hoc_spine/orchestrator/run.ts"))?.dispatch).toBe(true);
    expect(screened.registrationIndex().byFile.get(path.join(root, "src/hoc/cus/hoc_spine/orchestrator/run.ts"))?.dispatches).toHaveLength(1);
    screened.operationIndex();
    // The caller shows only `go`: it was parsed because the second screening looked for the names the wrapper has.
    expect(screened.wrapperNames).toEqual(new Set(["run", "go"]));
    expect(screened.entries.has(path.join(root, "src/hoc/api/cus/billing/refund_routes.ts"))).toBe(true);
    expect(screened.screens.has(path.join(root, "src/hoc/api/cus/billing/open_routes.ts"))).toBe(true);
    const found = indexes(screened);
    expect(found).toEqual(indexes(projectOf(root, false)));
    expect(found.all.dispatches.some((d) => dispatched(d, "src/hoc/api/cus/billing/refund_routes.ts", "billing.refund"))).toBe(true);
    expect(found.all.dispatches.some((d) => d.includes("open_routes"))).toBe(false);
  });

  it("finds a wrapper exported as default, whatever its callers call it", () => {
    const root = tempRepo(
      {
        ...files,
        "src/hoc/cus/hoc_spine/orchestrator/send.ts": `import { registry } from "./registry";\nexport default function send(op: string, ctx: unknown) { return registry.execute(op, ctx); }\n`,
        "src/hoc/api/cus/billing/close_routes.ts": `import post from "../../../cus/hoc_spine/orchestrator/send";\nexport const close = (ctx: unknown) => post("billing.close", ctx);\n`,
      },
      temps,
    );
    const found = indexes(projectOf(root, true));
    expect(found).toEqual(indexes(projectOf(root, false)));
    expect(found.all.dispatches.some((d) => dispatched(d, "src/hoc/api/cus/billing/close_routes.ts", "billing.close"))).toBe(true);
  });

  it("rebuilds the index when a screened file comes to dispatch, and not when it is linted unchanged", () => {
    const root = tempRepo({ ...files, "src/hoc/api/cus/billing/quiet_routes.ts": `export const q = 1;\n` }, temps);
    const project = projectOf(root, true);
    const quiet = path.join(root, "src/hoc/api/cus/billing/quiet_routes.ts");
    const before = project.operationIndex();
    expect(project.screens.has(quiet)).toBe(true);
    const text = fs.readFileSync(quiet, "utf8");
    project.setOverlay(quiet, () => parseText(quiet, text), text);
    expect(project.operationIndex()).toBe(before);
    const edited = `import { registry } from "../../../cus/hoc_spine/orchestrator/registry";\nexport const q = (ctx: unknown) => registry.execute("billing.nope", ctx);\n`;
    project.setOverlay(quiet, () => parseText(quiet, edited), edited);
    const after = project.operationIndex();
    expect(after).not.toBe(before);
    expect(after.dispatches.map((d) => d.name)).toContain("billing.nope");
  });
});
