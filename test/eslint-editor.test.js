// The ESLint front end keeps cross-file state per process; it must follow the files as they change, the way
// an editor's ESLint server sees them (Nx's stale project graph is the failure to avoid).
import fs from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import plugin from "../eslint-plugin.js";
import { configureFreshness } from "../src/eslint/project-cache.js";
import { spawnSync } from "node:child_process";
import { REPO, tempRepo, writeFiles } from "./helpers/fixtures.js";

const temps = [];
// Every lint here stands for an editor lint (seconds apart in real life); the batch pacing has its own test.
beforeEach(() => configureFreshness({ burstGapMs: 0 }));
afterEach(() => {
  configureFreshness({ burstGapMs: 150 });
  vi.useRealTimers();
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const repo = (/** @type {Record<string, string>} */ files) => tempRepo(files, temps);

/**
 * Lint one file as the editor would: its text may differ from the disk.
 * @param {string} root
 * @param {string} rel
 * @param {string} [text]
 * @param {object} [extra] extra flat-config entries
 */
function lint(root, rel, text, extra) {
  return lintMessages(root, rel, text, extra).map((m) => `${m.ruleId ?? "fatal"}:${m.line} ${m.message.slice(0, 60)}`);
}

/**
 * @param {string} root
 * @param {string} rel
 * @param {string} [text]
 * @param {object} [extra]
 */
function lintMessages(root, rel, text, extra) {
  const file = path.join(root, rel);
  const linter = new Linter({ cwd: root });
  const config = [plugin.configs.recommended, ...(extra ? [extra] : [])];
  return linter.verify(text ?? fs.readFileSync(file, "utf8"), config, file);
}

const ROUTE = "src/hoc/api/cus/orders/routes.ts";
const BARREL = "src/hoc/cus/orders/index.ts";
const base = {
  [ROUTE]: `import { OrderView } from "../../../cus/orders";\nexport const v: OrderView | null = null;\nexport const w = OrderView;\n`,
  "src/hoc/cus/orders/L5_schemas/order_view.ts": "export class OrderView {}\n",
  "src/hoc/cus/orders/L6_drivers/order_driver.ts": "export class OrderView { table = 'orders'; }\n",
  [BARREL]: `export { OrderView } from "./L5_schemas/order_view";\n`,
};

describe("cross-file state in one ESLint process", () => {
  it("follows a barrel edited on disk between two lints", () => {
    const root = repo(base);
    expect(lint(root, ROUTE)).toEqual([]);
    fs.writeFileSync(path.join(root, BARREL), `export { OrderView } from "./L6_drivers/order_driver";\n`);
    expect(lint(root, ROUTE)).toEqual(["hoc/layer-boundaries:1 L2 API (cus/orders) imports L6 driver (cus/orders) (`../../."]);
    fs.writeFileSync(path.join(root, BARREL), `export { OrderView } from "./L5_schemas/order_view"; // back\n`);
    expect(lint(root, ROUTE)).toEqual([]);
  });

  it("uses the editor's text for the file being linted, and the disk for every other file", () => {
    const root = repo(base);
    // The unsaved buffer of the route imports the driver directly: linting it reports that at once.
    const buffer = `import { OrderView } from "../../../cus/orders/L6_drivers/order_driver";\nexport const w = OrderView;\n`;
    expect(lint(root, ROUTE, buffer)).toEqual(["hoc/layer-boundaries:1 L2 API (cus/orders) imports L6 driver (cus/orders) (`../../."]);
    // An unsaved buffer of the barrel is not what the route sees once the barrel's lint is over: the disk is.
    expect(lint(root, BARREL, `export { OrderView } from "./L6_drivers/order_driver";\n`)).toEqual([]);
    expect(lint(root, ROUTE)).toEqual([]);
    // Linting the same file again from disk forgets its earlier unsaved text.
    expect(lint(root, ROUTE)).toEqual([]);
  });

  it("looks through a barrel to a module created after a first lint, though the barrel did not change", () => {
    const root = repo({ ...base, [BARREL]: `export * from "./L6_drivers/late_view";\n` });
    expect(lint(root, ROUTE)).toEqual([]);
    writeFiles(root, { "src/hoc/cus/orders/L6_drivers/late_view.ts": "export class OrderView { table = 'orders'; }\n" });
    expect(lint(root, ROUTE)).toEqual(["hoc/layer-boundaries:1 L2 API (cus/orders) imports L6 driver (cus/orders) (`../../."]);
  });

  it("finds a module created after a first lint failed to resolve it", () => {
    const root = repo({ ...base, [ROUTE]: `import { helper } from "../../../cus/orders/L6_drivers/helper";\nexport const h = helper;\n` });
    expect(lint(root, ROUTE)).toEqual([]);
    writeFiles(root, { "src/hoc/cus/orders/L6_drivers/helper.ts": "export const helper = 1;\n" });
    expect(lint(root, ROUTE)).toEqual(["hoc/layer-boundaries:1 L2 API (cus/orders) imports L6 driver (cus/orders) (`../../."]);
  });
});

describe("the operation index in one ESLint process", () => {
  const HANDLERS = "src/hoc/cus/hoc_spine/orchestrator/handlers";
  const files = {
    [`${HANDLERS}/orders_handler.ts`]: `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("orders.get", {});\n`,
    [`${HANDLERS}/invoices_handler.ts`]: `export const nothingYet = 1;\n`,
    "src/hoc/api/cus/orders/routes.ts": `declare const registry: { execute(n: string, c: unknown): unknown };\nexport const get = () => registry.execute("orders.get", {});\n`,
  };
  const ROUTES = "src/hoc/api/cus/orders/routes.ts";
  const rules = (list) => list.map((m) => m.split(" ")[0]);

  it("follows a registration that moves from one file to another", () => {
    const root = repo(files);
    expect(lint(root, ROUTES)).toEqual([]);
    // Being typed into invoices_handler.ts (unsaved): the disk still has it in orders_handler.ts.
    const moved = `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("orders.get", {});\n`;
    expect(rules(lint(root, `${HANDLERS}/invoices_handler.ts`, moved))).toEqual(["hoc/operation-ownership:2", "hoc/operation-ownership:2"]);
    expect(lintMessages(root, `${HANDLERS}/invoices_handler.ts`, moved)[0].message).toContain(
      "is registered here and also at src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts:2",
    );
    // Both files saved: the move is complete, only the domain mismatch is left.
    fs.writeFileSync(path.join(root, `${HANDLERS}/invoices_handler.ts`), moved);
    fs.writeFileSync(path.join(root, `${HANDLERS}/orders_handler.ts`), "export const movedAway = true;\n");
    const after = lint(root, `${HANDLERS}/invoices_handler.ts`);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/^hoc\/operation-ownership:2 Operation `orders.get` belongs to domain `orders`/);
    expect(lint(root, ROUTES)).toEqual([]);
    // And when it is deleted everywhere, the dispatch is unknown.
    fs.writeFileSync(path.join(root, `${HANDLERS}/invoices_handler.ts`), "export const gone = true;\n");
    expect(rules(lint(root, ROUTES))).toEqual(["hoc/no-unknown-operation:2"]);
  });

  it("reads a file linted with its disk text once (eslint .), yet follows it when the editor's text differs", () => {
    const root = repo(files);
    const handler = path.join(root, `${HANDLERS}/orders_handler.ts`);
    const reads = vi.spyOn(fs, "readFileSync");
    const readsOf = (/** @type {string} */ f) => reads.mock.calls.filter(([p]) => p === f).length;
    try {
      expect(lint(root, ROUTES)).toEqual([]); // the index reads the handler from disk
      expect(lint(root, `${HANDLERS}/orders_handler.ts`)).toEqual([]); // linted with the disk's text
      expect(lint(root, ROUTES)).toEqual([]); // the handler's disk facts stand again: not read a second time
      expect(readsOf(handler)).toBe(2); // once by the index, once by the test's own lint() (its editor text)
      // Unsaved text that drops the registration is seen while the handler is linted, and given up after.
      const unsaved = "export const notYet = 1;\n";
      expect(lint(root, `${HANDLERS}/orders_handler.ts`, unsaved)).toEqual([]);
      expect(lint(root, `${HANDLERS}/orders_handler.ts`, unsaved)).toEqual([]);
      expect(lint(root, ROUTES)).toEqual([]);
    } finally {
      reads.mockRestore();
    }
  });

  it("keeps resolved names across edits that only move lines, and drops them when a name changes", () => {
    // Answers that depend on names only are kept while no file's names change (the editor rebuilds the index on
    // every keystroke); lines still move, and a changed constant is seen at once.
    const OPS = "src/hoc/cus/hoc_spine/orchestrator/ops.ts";
    const register = (/** @type {string} */ top) =>
      `${top}import { OPS } from "../ops";\ndeclare const registry: { register(n: string, h: unknown): void };\nregistry.register(OPS.GET, {});\n`;
    const root = repo({
      ...files,
      [OPS]: `export const OPS = { GET: "orders.get" } as const;\n`,
      [`${HANDLERS}/orders_handler.ts`]: register(""),
      [`${HANDLERS}/invoices_handler.ts`]: register(""),
    });
    const conflict = (/** @type {string} */ rel, /** @type {string} */ text) =>
      lintMessages(root, rel, text).find((m) => m.ruleId === "hoc/operation-ownership")?.message ?? "";
    expect(conflict(`${HANDLERS}/invoices_handler.ts`, register(""))).toContain("orders_handler.ts:3");
    // Two lines added at the top of the other handler, on disk: the conflict points at its new line.
    fs.writeFileSync(path.join(root, `${HANDLERS}/orders_handler.ts`), register("// one\n// two\n"));
    expect(conflict(`${HANDLERS}/invoices_handler.ts`, register(""))).toContain("orders_handler.ts:5");
    // The editor's buffer of this handler moves lines too: still the same operation, on its new line.
    const moved = lintMessages(root, `${HANDLERS}/invoices_handler.ts`, register("// three\n")).filter((m) => m.ruleId === "hoc/operation-ownership");
    // Both findings (the second registration, and `orders.get` outside its domain) on the registration's new line.
    expect(moved.map((m) => m.line)).toEqual([4, 4]);
    expect(moved[0].message).toContain("orders_handler.ts:5");
    expect(lint(root, ROUTES)).toEqual([]);
    // The constant's value changes in another file: the dispatch of the old name is unknown at once.
    fs.writeFileSync(path.join(root, OPS), `// moved down\nexport const OPS = { GET: "orders.fetch" } as const;\n`);
    expect(rules(lint(root, ROUTES))).toEqual(["hoc/no-unknown-operation:2"]);
    fs.writeFileSync(path.join(root, OPS), `export const OPS = { GET: "orders.get" } as const;\n`);
    expect(lint(root, ROUTES)).toEqual([]);
  });

  it("sees a handler module created after the index was built", () => {
    const root = repo({ ...files, [`${HANDLERS}/orders_handler.ts`]: "export {};\n" });
    expect(rules(lint(root, ROUTES))).toEqual(["hoc/no-unknown-operation:2"]);
    writeFiles(root, {
      [`${HANDLERS}/orders_v2_handler.ts`]: `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("orders.get", {});\n`,
    });
    expect(lint(root, ROUTES)).toEqual([]);
  });
});

describe("configuration in ESLint", () => {
  const layers = {
    layers: [
      { id: "controller", level: 2, patterns: ["src/controllers/**"] },
      { id: "service", level: 4, patterns: ["src/services/**"] },
      { id: "repository", level: 6, patterns: ["src/repositories/**"] },
    ],
    allow: { controller: ["controller", "service"], service: ["service", "repository"], repository: ["repository"] },
  };
  const files = {
    "src/controllers/user_controller.ts": `import { findUser } from "../repositories/user_repository";\nexport const c = findUser;\n`,
    "src/repositories/user_repository.ts": "export const findUser = () => null;\n",
    "src/services/user_service.ts": "export const userService = 1;\n",
  };

  it("reads hoc.config.json found by walking up from the linted file", () => {
    const root = repo({ ...files, "hoc.config.json": JSON.stringify(layers) });
    expect(lint(root, "src/controllers/user_controller.ts")).toEqual(["hoc/layer-boundaries:1 controller imports repository (`../repositories/user_reposit"]);
  });

  it("takes an inline config from settings.hoc", () => {
    const root = repo(files);
    expect(lint(root, "src/controllers/user_controller.ts", undefined, { settings: { hoc: layers } })).toEqual([
      "hoc/layer-boundaries:1 controller imports repository (`../repositories/user_reposit",
    ]);
  });

  it("turns a bad config into one clear error that names the file and the key", () => {
    const root = repo({ ...files, "hoc.config.json": JSON.stringify({ ...layers, layerz: [] }) });
    expect(() => lint(root, "src/controllers/user_controller.ts")).toThrow(
      /^eslint-plugin-hoc: .*hoc\.config\.json: unknown key "layerz" at \(top level\) \(see schema\/hoc\.config\.schema\.json\)/,
    );
  });

  it("notices a config file edited while ESLint runs", () => {
    const root = repo({ ...files, "hoc.config.json": JSON.stringify(layers) });
    expect(lint(root, "src/controllers/user_controller.ts")).toHaveLength(1);
    const relaxed = { ...layers, allow: { ...layers.allow, controller: ["controller", "service", "repository"] } };
    fs.writeFileSync(path.join(root, "hoc.config.json"), JSON.stringify(relaxed, null, 2));
    expect(lint(root, "src/controllers/user_controller.ts")).toEqual([]);
  });
});

describe("the hoc-audit fact cache in ESLint", () => {
  it("is read (never written) when hoc.config.json names it, and gives the same findings", async () => {
    const { hocAudit } = await import("./helpers/cli.js");
    const { REPO } = await import("./helpers/fixtures.js");
    const root = repo({
      "hoc.config.json": JSON.stringify({ cache: ".hoc-cache/facts.bin" }),
      "src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts": `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("orders.get", {});\n`,
      "src/hoc/api/cus/orders/routes.ts": `declare const registry: { execute(n: string, c: unknown): unknown };\nexport const a = () => registry.execute("orders.get", {});\nexport const b = () => registry.execute("orders.list", {});\n`,
    });
    const cacheFile = path.join(root, ".hoc-cache/facts.bin");
    expect(hocAudit([root, "--cache"], REPO).code).toBe(1);
    expect(fs.existsSync(cacheFile)).toBe(true);
    const before = fs.statSync(cacheFile).mtimeMs;
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      expect(lint(root, "src/hoc/api/cus/orders/routes.ts")).toEqual([
        "hoc/no-unknown-operation:3 Dispatch of `orders.list`, which no handler registers: at ru",
      ]);
      expect(warn.mock.calls.filter((c) => String(c[0]).includes("fact cache"))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    expect(fs.statSync(cacheFile).mtimeMs).toBe(before);
  });

  /** Lint the route once in a fresh process state and return what eslint-plugin-hoc warned about the fact cache. */
  const cacheWarnings = async (/** @type {string} */ root, /** @type {object} */ extra = undefined) => {
    const { resetProjects } = await import("../src/eslint/project-cache.js");
    resetProjects();
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      lint(root, "src/hoc/api/cus/orders/routes.ts", undefined, extra);
      lint(root, "src/hoc/api/cus/orders/routes.ts", undefined, extra);
      return warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith("eslint-plugin-hoc: the fact cache"));
    } finally {
      warn.mockRestore();
    }
  };
  const orders = {
    "src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts": `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("orders.get", {});\n`,
    "src/hoc/api/cus/orders/routes.ts": `declare const registry: { execute(n: string, c: unknown): unknown };\nexport const a = () => registry.execute("orders.get", {});\n`,
  };

  it("serves the editor's first lint only what it asks for, a burst every file, with the findings of no cache", async () => {
    const { hocAudit } = await import("./helpers/cli.js");
    const { REPO } = await import("./helpers/fixtures.js");
    const { FactCache } = await import("../src/project/fact-cache.js");
    const { Project } = await import("../src/project/project.js");
    const { resetProjects } = await import("../src/eslint/project-cache.js");
    // Twelve engines that register nothing (the screen rules them out), one handler that registers, one route.
    const engines = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`src/hoc/cus/orders/L5_engines/engine_${i}.ts`, `export const total${i} = (n: number) => n * ${i};\n`]),
    );
    const route = "src/hoc/api/cus/orders/routes.ts";
    const unknown = `${orders[route]}export const b = () => registry.execute("orders.list", {});\n`;
    const root = repo({ "hoc.config.json": JSON.stringify({ cache: "facts.bin" }), ...orders, [route]: unknown, ...engines });
    resetProjects();
    const uncached = lint(root, route);
    expect(uncached).toHaveLength(1);
    expect(hocAudit([root, "--cache"], REPO).code).toBe(1);
    const asked = vi.spyOn(FactCache.prototype, "get");
    const setOverlay = Project.prototype.setOverlay;
    let extracted = 0;
    const overlay = vi.spyOn(Project.prototype, "setOverlay").mockImplementation(function (abs, sourceFile, text) {
      const counted = typeof sourceFile === "function" ? () => (extracted++, sourceFile()) : sourceFile;
      return setOverlay.call(this, abs, counted, text);
    });
    try {
      resetProjects();
      expect(lint(root, route)).toEqual(uncached);
      // The first lint: the handler the screen marks (and no engine); the route's own facts come from its AST.
      const first = asked.mock.calls.map((c) => c[0]);
      expect(first).toContain("src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts");
      expect(first.filter((r) => r.includes("L5_engines"))).toEqual([]);
      // A burst: the next lint follows at once, so every file's facts are taken from the cache, the linted file's too.
      configureFreshness({ burstGapMs: 60_000 });
      extracted = 0;
      expect(lint(root, "src/hoc/cus/orders/L5_engines/engine_3.ts")).toEqual([]);
      expect(asked.mock.calls.filter((c) => c[0].includes("L5_engines"))).toHaveLength(12);
      expect(extracted).toBe(0);
      expect(lint(root, route)).toEqual(uncached);
    } finally {
      asked.mockRestore();
      overlay.mockRestore();
    }
  });

  it("says once, with the fix, when the cache was made by an audit with another root", async () => {
    const { hocAudit } = await import("./helpers/cli.js");
    const { REPO } = await import("./helpers/fixtures.js");
    // No hoc.config.json: the audit of src/ takes src/ as its root, ESLint (settings.hoc) the repository's folder.
    const root = repo(orders);
    const cacheFile = path.join(root, "facts.bin");
    hocAudit([path.join(root, "src"), "--cache", "--cache-location", cacheFile], REPO);
    expect(fs.existsSync(cacheFile)).toBe(true);
    const notes = await cacheWarnings(root, { settings: { hoc: { root, cache: cacheFile } } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("holds no entry for the files under");
    expect(notes[0]).toContain("run it with the root ESLint uses");
  });

  it("says once when the cache was made for another configuration", async () => {
    const { hocAudit } = await import("./helpers/cli.js");
    const { REPO } = await import("./helpers/fixtures.js");
    const root = repo({ "hoc.config.json": JSON.stringify({ cache: "facts.bin" }), ...orders });
    expect(hocAudit([root, "--cache"], REPO).code).toBe(0);
    expect(await cacheWarnings(root)).toEqual([]);
    fs.writeFileSync(path.join(root, "hoc.config.json"), JSON.stringify({ cache: "facts.bin", maxFileBytes: 500000 }));
    const notes = await cacheWarnings(root);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("was made for another configuration or version");
  });
});

describe("deletions, renames and new files, whatever the timing of the next lint", () => {
  const HANDLERS = "src/hoc/cus/hoc_spine/orchestrator/handlers";
  const register = (name) => `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("${name}", {});\n`;
  const files = {
    [`${HANDLERS}/orders_handler.ts`]: register("orders.get"),
    [`${HANDLERS}/orders_legacy_handler.ts`]: register("orders.get"),
    "src/hoc/api/cus/orders/routes.ts": `declare const registry: { execute(n: string, c: unknown): unknown };\nexport const get = () => registry.execute("orders.get", {});\n`,
  };
  const ORDERS = `${HANDLERS}/orders_handler.ts`;
  const rules = (list) => list.map((m) => m.split(" ")[0]);

  it("forgets a deleted file when the next lint comes 2.5 s later (real wait, default pacing)", async () => {
    configureFreshness({ burstGapMs: 150 });
    const root = repo(files);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    fs.rmSync(path.join(root, `${HANDLERS}/orders_legacy_handler.ts`));
    await new Promise((r) => setTimeout(r, 2500));
    expect(lint(root, ORDERS)).toEqual([]);
  });

  it.each([200, 2100, 60_000])("sees a deletion, a rename and a new file when the next lint comes %i ms later (mocked clock)", (gap) => {
    configureFreshness({ burstGapMs: 150 });
    vi.useFakeTimers({ toFake: ["performance", "Date"] });
    const root = repo(files);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    // Deleted: the duplicate is gone on the next lint.
    fs.rmSync(path.join(root, `${HANDLERS}/orders_legacy_handler.ts`));
    vi.advanceTimersByTime(gap);
    expect(lint(root, ORDERS)).toEqual([]);
    // Renamed: the registration moves with the file, still registered once.
    fs.renameSync(path.join(root, ORDERS), path.join(root, `${HANDLERS}/orders_v2_handler.ts`));
    vi.advanceTimersByTime(gap);
    expect(lint(root, "src/hoc/api/cus/orders/routes.ts")).toEqual([]);
    // Created: a second registration of the same name is a duplicate at once.
    writeFiles(root, { [`${HANDLERS}/orders_handler.ts`]: register("orders.get") });
    vi.advanceTimersByTime(gap);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
  });

  it("sees a .gitignore or tsconfig edit on the next lint, though no folder changed (the walk is not re-done blindly)", () => {
    const root = repo({ ...files, ".gitignore": "# nothing yet\n", "tsconfig.json": JSON.stringify({ include: ["src"] }) });
    // Folders changed long ago: their listings are trusted, and an unchanged walk is reused as a whole.
    const past = new Date(Date.now() - 60_000);
    const backdate = (/** @type {string} */ dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) backdate(path.join(dir, e.name));
      fs.utimesSync(dir, past, past);
    };
    backdate(root);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    fs.writeFileSync(path.join(root, ".gitignore"), `${HANDLERS}/orders_legacy_handler.ts\n`);
    expect(lint(root, ORDERS)).toEqual([]);
    fs.writeFileSync(path.join(root, ".gitignore"), "# nothing again\n");
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ include: ["src"], exclude: [`${HANDLERS}/orders_legacy_handler.ts`] }));
    expect(lint(root, ORDERS)).toEqual([]);
  });

  it("in a burst of lints (eslint ., less than 150 ms apart) the disk is re-checked at most once a second", () => {
    configureFreshness({ burstGapMs: 150 });
    vi.useFakeTimers({ toFake: ["performance", "Date"] });
    const root = repo(files);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    fs.rmSync(path.join(root, `${HANDLERS}/orders_legacy_handler.ts`));
    vi.advanceTimersByTime(50);
    expect(rules(lint(root, ORDERS))).toEqual(["hoc/operation-ownership:2"]);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(100);
      lint(root, "src/hoc/api/cus/orders/routes.ts");
    }
    expect(lint(root, ORDERS)).toEqual([]);
  });
});

describe("what hoc-audit refuses, ESLint refuses the same way", () => {
  it("settings.hoc.root that names no folder", () => {
    const root = repo({ "src/hoc/api/cus/orders/routes.ts": "export const a = 1;\n" });
    expect(() => lint(root, "src/hoc/api/cus/orders/routes.ts", undefined, { settings: { hoc: { root: "backend" } } })).toThrow(
      /^eslint-plugin-hoc: ESLint settings\.hoc\.root: .*backend is not a folder; give the folder that holds your code/,
    );
  });

  it("a layer pattern that matches no file, as one line naming the config and the pattern", () => {
    const root = repo({
      "src/controllers/c.ts": "export const c = 1;\n",
      "hoc.config.json": JSON.stringify({
        layers: [
          { id: "controller", level: 2, patterns: ["src/controllers/**"] },
          { id: "service", level: 4, patterns: ["src/servces/**"] },
        ],
        allow: {},
      }),
    });
    expect(() => lint(root, "src/controllers/c.ts")).toThrow(
      /hoc\.config\.json: layer "service" pattern "src\/servces\/\*\*" matches no file; fix the pattern or remove it\n/,
    );
    expect(hocAuditCode(root)).toBe(2);
  });

  it("a tree with no HOC-shaped file", () => {
    const root = repo({ "package.json": "{}", "src/app.ts": "export const app = 1;\n" });
    expect(() => lint(root, "src/app.ts")).toThrow(/no HOC-shaped file found in 1 scanned files/);
    expect(hocAuditCode(root)).toBe(2);
  });

  it("files hoc.config.json excludes are left alone, as hoc-audit leaves them", () => {
    const root = repo({
      "hoc.config.json": JSON.stringify({ exclude: ["src/generated/**"] }),
      "src/hoc/api/cus/orders/routes.ts": "export const a = 1;\n",
      "src/hoc/cus/orders/L6_drivers/d.ts": "export const d = 1;\n",
      "src/generated/hoc/api/cus/orders/client.ts": `import { d } from "../../../../../hoc/cus/orders/L6_drivers/d";\nexport const x = d;\n`,
    });
    expect(lint(root, "src/generated/hoc/api/cus/orders/client.ts")).toEqual([]);
    expect(lint(root, "src/hoc/api/cus/orders/routes.ts", `import { d } from "../../../cus/orders/L6_drivers/d";\nexport const x = d;\n`)).toHaveLength(1);
  });
});

/** @param {string} root */
function hocAuditCode(root) {
  return spawnSync(process.execPath, [path.join(REPO, "bin/hoc-audit.js"), root], { encoding: "utf8" }).status;
}

describe("eslint --cache", () => {
  it("is detected by its cache file when a project-wide rule runs, and said once", async () => {
    const { resetProjects } = await import("../src/eslint/project-cache.js");
    resetProjects();
    const root = repo({
      ".eslintcache": "[]",
      "src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts": `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("orders.get", {});\n`,
    });
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    lint(root, "src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts");
    lint(root, "src/hoc/cus/hoc_spine/orchestrator/handlers/orders_handler.ts");
    const ours = warn.mock.calls.filter((c) => String(c[0]).startsWith("eslint-plugin-hoc: .eslintcache found"));
    warn.mockRestore();
    expect(ours).toHaveLength(1);
  });
});
