// Monorepos: per-package audits merged into one report (operation indexes joined across packages), the documented
// Turborepo/Nx task's inputs and outputs checked against what the audit really reads and writes, and a fact cache
// that still hits after the repository moved to another folder (as a remote cache restores it).
import fs from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { REPO, tempCopies, writeFiles } from "./helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "./helpers/cli.js";
import { mergeReports } from "../src/report/merge.js";
import { scan } from "../src/audit.js";
import { FactCache } from "../src/project/fact-cache.js";

const copies = tempCopies();
const temp = () => copies(null);

const REGISTRY =
  "export const registry = {\n  register(name: string, handler: unknown) {\n    return [name, handler];\n  },\n  execute(name: string, ctx: unknown) {\n    return [name, ctx];\n  },\n};\n";
const spine = "src/hoc/cus/hoc_spine/orchestrator";
/** Two packages: billing dispatches an operation only orders registers; both register `billing.refund`. */
const MONOREPO = {
  [`packages/billing/${spine}/registry.ts`]: REGISTRY,
  [`packages/billing/${spine}/handlers/billing_handler.ts`]:
    'import { registry } from "../registry";\n\nregistry.register("billing.refund", { execute: async () => 1 });\n',
  "packages/billing/src/hoc/api/cus/billing/routes.ts":
    'import { registry } from "../../../cus/hoc_spine/orchestrator/registry";\n\nexport const pay = (tenantId: string) => registry.execute("billing.refund", { tenantId, params: {} });\nexport const order = (tenantId: string) => registry.execute("orders.create", { tenantId, params: {} });\n',
  [`packages/orders/${spine}/registry.ts`]: REGISTRY,
  [`packages/orders/${spine}/handlers/orders_handler.ts`]:
    'import { registry } from "../registry";\n\nregistry.register("orders.create", { execute: async () => 1 });\n',
  [`packages/orders/${spine}/handlers/billing_handler.ts`]:
    'import { registry } from "../registry";\n\nregistry.register("billing.refund", { execute: async () => 2 });\n',
};

/** Each package audited in its own folder, as its task runs. @param {string} root */
function auditPackages(root) {
  for (const pkg of ["billing", "orders"]) {
    const r = hocAudit(
      ["--format", "json", "--with-operations", "--exit-zero", "--output", "hoc-report.json", "--no-progress"],
      path.join(root, "packages", pkg),
    );
    expect(r.code, r.stderr).toBe(0);
  }
}

describe("hoc-audit merge", () => {
  it("one gate table; a cross-package duplicate is a conflict at both sites; a dispatch another package serves is known", () => {
    const root = temp();
    writeFiles(root, MONOREPO);
    auditPackages(root);
    const billing = JSON.parse(fs.readFileSync(path.join(root, "packages/billing/hoc-report.json"), "utf8"));
    // Alone, billing cannot know that orders registers orders.create.
    expect(billing.findings.map((/** @type {any} */ f) => f.ruleId)).toContain("hoc/no-unknown-operation");

    const { code, report } = hocAuditJson(["merge", "packages/billing/hoc-report.json", "packages/orders/hoc-report.json"], root);
    expect(code).toBe(1);
    const rows = report.findings
      .filter((/** @type {any} */ f) => f.ruleId !== "hoc/cross-domain-dispatch")
      .map((/** @type {any} */ f) => `${f.ruleId} ${f.file}:${f.line}`);
    expect(rows).toEqual([
      `hoc/operation-ownership packages/billing/${spine}/handlers/billing_handler.ts:3`,
      `hoc/operation-ownership packages/orders/${spine}/handlers/billing_handler.ts:3`,
    ]);
    const gate = (/** @type {string} */ id) => report.summary.gates.find((/** @type {any} */ g) => g.id === id);
    expect(gate("operation-ownership")).toMatchObject({ checked: 2, violations: 2, status: "fail" });
    expect(gate("no-unknown-operation")).toMatchObject({ violations: 0, status: "pass" });
    expect(gate("scan")).toMatchObject({ checked: 6, violations: 0 });
    expect(report.summary).toMatchObject({ files: 6, operations: 2 });
    // The other formats of the same merged report.
    expect(hocAudit(["merge", "packages/billing/hoc-report.json", "packages/orders/hoc-report.json"], root).stdout).toMatch(
      /operation ownership:\s+2 operations, 2 conflicts — FAIL/,
    );
  });

  it("says which report lacks the operation index, and refuses a file that is not a report (exit 2, one line)", () => {
    const root = temp();
    writeFiles(root, MONOREPO);
    hocAudit(["--format", "json", "--exit-zero", "--output", "hoc-report.json"], path.join(root, "packages/billing"));
    hocAudit(["--format", "json", "--with-operations", "--exit-zero", "--output", "hoc-report.json"], path.join(root, "packages/orders"));
    const r = hocAudit(["merge", "packages/billing/hoc-report.json", "packages/orders/hoc-report.json"], root);
    expect(r.stderr).toMatch(/^hoc-audit merge: note: packages\/billing\/hoc-report\.json: has no operation index \(audit it with --with-operations\)/);
    writeFiles(root, { "other.json": '{ "eslint": true }' });
    const bad = hocAudit(["merge", "other.json"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "hoc-audit merge: other.json: not a hoc-audit JSON report; write one with hoc-audit --format json --with-operations --output other.json\n",
    );
  });

  it("recomputes a rule's gate from the merged findings (plain data)", () => {
    const gates = [{ id: "layer-boundaries", checked: 3, violations: 1, status: /** @type {const} */ ("fail") }];
    const part = (/** @type {string} */ prefix, /** @type {any[]} */ findings) => ({
      prefix,
      where: prefix,
      report: { tool: { name: "eslint-plugin-hoc", version: "0" }, root: ".", summary: { files: 1, operations: 0, gates }, findings, errors: [] },
    });
    const warn = { ruleId: "hoc/layer-boundaries", severity: "warning", file: "a.ts", line: 1, column: 1, message: "m", fingerprint: "f" };
    const { report } = mergeReports([part("x", [warn]), part("y", [])], { name: "eslint-plugin-hoc", version: "0" });
    expect(report.findings.map((f) => f.file)).toEqual(["x/a.ts"]);
    expect(report.summary.gates).toEqual([{ id: "layer-boundaries", checked: 6, violations: 1, status: "warn" }]);
  });
});

describe("the documented Turborepo and Nx tasks", () => {
  const turbo = JSON.parse(fs.readFileSync(path.join(REPO, "docs/monorepo/turbo.json"), "utf8")).tasks["hoc-audit"];
  const nx = JSON.parse(fs.readFileSync(path.join(REPO, "docs/monorepo/project.json"), "utf8")).targets["hoc-audit"];
  const script = JSON.parse(fs.readFileSync(path.join(REPO, "docs/monorepo/package.json"), "utf8")).scripts["hoc-audit"];

  it("list as inputs every file the package's audit reads, and as outputs what it writes", () => {
    const root = temp();
    writeFiles(root, { ...MONOREPO, "packages/billing/hoc.config.json": "{}\n", "packages/billing/tsconfig.json": '{ "include": ["src"] }\n' });
    const pkg = path.join(root, "packages/billing");
    const { files, config } = scan({ cwd: pkg });
    const read = [...files, config.tsconfig, /** @type {string} */ (config.configFile)].map((f) => path.relative(pkg, f).split(path.sep).join("/"));
    const turboIn = picomatch(turbo.inputs.filter((/** @type {string} */ i) => !i.startsWith("$TURBO_ROOT$")));
    const nxIn = picomatch(
      nx.inputs
        .filter((/** @type {any} */ i) => typeof i === "string" && i.startsWith("{projectRoot}/"))
        .map((/** @type {string} */ i) => i.slice("{projectRoot}/".length)),
    );
    for (const f of read) {
      expect(turboIn(f), `turbo.json inputs cover ${f}`).toBe(true);
      expect(nxIn(f), `project.json inputs cover ${f}`).toBe(true);
    }
    // The task as documented: what it writes is what the outputs name.
    const args = script.replace(/^hoc-audit /, "").split(" ");
    expect(nx.command).toBe(script);
    const r = hocAudit(args, pkg);
    expect(r.code).toBe(0);
    const written = ["hoc-report.json", ".hoc-cache/facts.bin"].filter((f) => fs.existsSync(path.join(pkg, f)));
    expect(written).toEqual(["hoc-report.json", ".hoc-cache/facts.bin"]);
    const turboOut = picomatch(turbo.outputs);
    const nxOut = picomatch(nx.outputs.map((/** @type {string} */ o) => o.slice("{projectRoot}/".length)).flatMap((/** @type {string} */ o) => [o, `${o}/**`]));
    for (const f of written) {
      expect(turboOut(f), `turbo.json outputs cover ${f}`).toBe(true);
      expect(nxOut(f), `project.json outputs cover ${f}`).toBe(true);
    }
    expect(turbo.env).toContain("HOC_CACHE_KEY");
  });
});

describe("a relocatable fact cache", () => {
  it("a cache restored into another checkout folder, with the same HOC_CACHE_KEY, serves every file", () => {
    const before = process.env.HOC_CACHE_KEY;
    process.env.HOC_CACHE_KEY = "a-ci-secret";
    try {
      const a = temp();
      writeFiles(a, MONOREPO);
      const pkgA = path.join(a, "packages/orders");
      expect(hocAudit(["--cache", "--no-progress"], pkgA).code).toBe(0);
      // Another machine: another folder, new inodes and times; the cache file comes from the remote cache.
      const b = temp();
      writeFiles(b, MONOREPO);
      const pkgB = path.join(b, "packages/orders");
      fs.mkdirSync(path.join(pkgB, ".hoc-cache"));
      fs.copyFileSync(path.join(pkgA, ".hoc-cache/facts.bin"), path.join(pkgB, ".hoc-cache/facts.bin"));
      const { project, files, config } = scan({ cwd: pkgB });
      const cache = new FactCache(path.join(pkgB, ".hoc-cache/facts.bin"), config);
      expect(files.map((f) => cache.get(project.rel(f), f) !== null)).toEqual(files.map(() => true));
      expect(cache.rejected).toBe(0);
      // With another key, nothing is trusted: every entry is dropped and the files are read again.
      process.env.HOC_CACHE_KEY = "another-secret";
      const foreign = new FactCache(path.join(pkgB, ".hoc-cache/facts.bin"), config);
      expect(files.every((f) => foreign.get(project.rel(f), f) === null)).toBe(true);
      expect(foreign.rejected).toBe(files.length);
    } finally {
      if (before === undefined) delete process.env.HOC_CACHE_KEY;
      else process.env.HOC_CACHE_KEY = before;
    }
  });
});
