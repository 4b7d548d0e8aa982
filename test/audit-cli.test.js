import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import AjvDraft04 from "ajv-draft-04";
import { FIXTURES, REPO, fixture, key, plantedFindings, tempCopies, writeFiles } from "./helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "./helpers/cli.js";
import { runCli } from "../src/cli/main.js";
import { audit, RULES } from "../src/api.js";

const require = createRequire(import.meta.url);
const temp = tempCopies();

describe("hoc-audit on the clean sample", () => {
  it("prints the gate table, passes every gate and exits 0", () => {
    const { code, stdout } = hocAudit(["fixtures/hoc-sample"], REPO);
    expect(code).toBe(0);
    expect(stdout).toMatch(/layer boundaries:\s+\d+ imports, 0 violations — PASS/);
    expect(stdout).toMatch(/layer headers:\s+\d+ headers, 0 violations — PASS/);
    expect(stdout).toMatch(/barrel hygiene:\s+\d+ barrels, 0 violations — PASS/);
    expect(stdout).toContain("0 problems (0 errors, 0 warnings), 0 scan errors");
  });

  it("checks real edges: aliases, .js specifiers for .ts files and barrels all resolve", () => {
    const { report } = hocAuditJson(["fixtures/hoc-sample"], REPO);
    const gate = (id) => report.summary.gates.find((g) => g.id === id);
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(gate("module-resolution")).toMatchObject({ violations: 0, status: "pass" });
    expect(gate("module-resolution").checked).toBeGreaterThan(40);
    expect(gate("layer-boundaries").checked).toBeGreaterThan(30);
  });
});

describe.each([
  ["layer-violations", 19],
  ["operations", 13],
  ["transactions", 46],
  ["private-keys", 12],
  ["data-access", 39],
  ["contracts", 23],
  ["models", 34],
])("every planted finding of fixtures/%s", (name, count) => {
  it("is found, at its line, and nothing else is (type-aware, the default)", () => {
    const root = fixture(name);
    const planted = plantedFindings(root);
    const { code, report } = hocAuditJson([root], REPO);
    expect(code).toBe(1);
    expect(planted).toHaveLength(count);
    expect(report.findings.map(key).sort()).toEqual(planted.map(key).sort());
  });

  it("is found with --no-types too (syntactic mode)", () => {
    const root = fixture(name);
    const { report } = hocAuditJson([root, "--no-types"], REPO);
    expect(report.findings.map(key).sort()).toEqual(plantedFindings(root, { typed: false }).map(key).sort());
  });
});

describe("hoc-audit on the violating fixture", () => {
  const root = fixture("layer-violations");
  const planted = plantedFindings(root);

  it("names both layers, the domains and the fix in the message", () => {
    const { report } = hocAuditJson([root], REPO);
    const cross = report.findings.find((f) => f.file.endsWith("invoice_engine.ts") && f.line === 1);
    expect(cross.message).toContain("L5 engine (cus/billing) imports L5 engine (cus/customers)");
    expect(cross.message).toContain("registry.execute");
    const viaBarrel = report.findings.find((f) => f.file.endsWith("billing_routes.ts") && f.line === 7);
    expect(viaBarrel.message).toContain("L6 driver");
    expect(viaBarrel.message).toContain("reached via backend/src/app/hoc/cus/billing/index.ts");
  });

  it("reports columns at the module specifier and sorts findings by file, line, column", () => {
    const { report } = hocAuditJson([root], REPO);
    const first = report.findings[0];
    const text = fs.readFileSync(path.join(root, first.file), "utf8").split("\n")[first.line - 1];
    expect(text.slice(first.column - 1)).toMatch(/^["']~\/hoc\/cus\/billing\/L5_engines\/invoice_engine["']/);
    const order = report.findings.map((f) => [f.file, f.line, f.column]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2])));
  });

  it("--rule limits the run to one rule; an unknown rule id is a usage error (exit 2)", () => {
    const only = hocAuditJson([root, "--rule", "hoc/layer-header"], REPO);
    expect(only.report.findings.map((f) => f.ruleId)).toEqual(["hoc/layer-header", "hoc/layer-header"]);
    expect(only.report.summary.gates.map((g) => g.id)).toEqual(["layer-header", "scan", "module-resolution"]);
    const bad = hocAudit([root, "--rule", "hoc/no-such-rule"], REPO);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hoc-audit: --rule hoc\/no-such-rule: unknown rule id; known rules: hoc\/layer-boundaries/);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("--quiet prints only the blocking findings", () => {
    const { stdout } = hocAudit([root, "--quiet"], REPO);
    expect(stdout).not.toContain("layer boundaries:");
    expect(stdout.match(/ error {2}/g)).toHaveLength(planted.length);
  });

  it("gives every finding a fingerprint that survives unrelated edits", () => {
    const copy = temp("layer-violations");
    const before = hocAuditJson([copy], REPO).report.findings;
    const file = path.join(copy, "backend/src/app/hoc/cus/billing/L5_engines/invoice_engine.ts");
    fs.writeFileSync(file, `// a new comment line\n\n${fs.readFileSync(file, "utf8")}`);
    const after = hocAuditJson([copy], REPO).report.findings;
    expect(after.map((f) => f.fingerprint).sort()).toEqual(before.map((f) => f.fingerprint).sort());
    const moved = after.find((f) => f.file.endsWith("invoice_engine.ts") && f.line === 3);
    expect(moved?.message).toContain("(cus/customers)");
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });

  it("is deterministic: the same input gives byte-identical JSON", () => {
    const a = hocAudit([root, "--format", "json"], REPO).stdout;
    const b = hocAudit([root, "--format", "json"], REPO).stdout;
    expect(a).toBe(b);
  });

  it("never writes into the scanned repository", () => {
    const copy = temp("layer-violations");
    const listing = () => fs.readdirSync(copy, { recursive: true }).map(String).sort();
    const before = listing();
    hocAudit([copy, "--format", "sarif"], REPO);
    expect(listing()).toEqual(before);
  });
});

describe("report formats", () => {
  const root = fixture("layer-violations");

  it("JSON is the brief's report object", () => {
    const { report } = hocAuditJson([root], REPO);
    expect(Object.keys(report)).toEqual(["tool", "root", "summary", "findings", "errors"]);
    expect(report.tool).toEqual({ name: "eslint-plugin-hoc", version: require("../package.json").version });
    expect(report.root).toBe("fixtures/layer-violations");
    expect(report.summary.gates[0]).toEqual({ id: "layer-boundaries", checked: expect.any(Number), violations: 13, status: "fail" });
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["ruleId", "severity", "file", "line", "column", "message", "fingerprint"]));
      expect(f.file).not.toMatch(/\\|^\//);
    }
  });

  it("SARIF is valid against the SARIF 2.1.0 schema, with rule help, docs URLs and fingerprints", () => {
    const { stdout } = hocAudit([root, "--format", "sarif"], REPO);
    const log = JSON.parse(stdout);
    const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    const ajv = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...RULES.keys(), "hoc/stale-exception"]);
    expect(run.tool.driver.rules.length).toBeGreaterThanOrEqual(8);
    for (const r of run.tool.driver.rules) {
      expect(r.helpUri).toMatch(/docs\/rules\/[a-z-]+\.md$/);
      expect(fs.existsSync(path.join(REPO, "docs/rules", path.basename(r.helpUri)))).toBe(true);
    }
    expect(run.results).toHaveLength(plantedFindings(root).length);
    expect(run.results[0].partialFingerprints["hocFingerprint/v1"]).toMatch(/^[0-9a-f]{32}$/);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^backend\/src\/app\/hoc\//);
  });

  it("Markdown has the gate table and findings grouped by file; --output writes the file and still prints the gates", () => {
    const out = temp(null);
    const target = path.join(out, "reports/hoc.md");
    const { stdout, code } = hocAudit([root, "--format", "markdown", "--output", target], REPO);
    expect(code).toBe(1);
    expect(stdout).toMatch(/layer boundaries:.*FAIL/);
    const md = fs.readFileSync(target, "utf8");
    expect(md).toContain("| gate | checked | violations | status |");
    expect(md).toMatch(/\| layer boundaries \| \d+ imports \| 13 \| ❌ FAIL \|/);
    expect(md).toContain("### `backend/src/app/hoc/cus/billing/L5_engines/index.ts`");
  });
});

describe("bad input never stops the scan", () => {
  it("turns each bad file into one error entry and still reports the real violation", () => {
    const copy = temp("bad-input");
    const engines = path.join(copy, "src/hoc/cus/orders/L5_engines");
    fs.symlinkSync("..", path.join(engines, "loop"));
    fs.symlinkSync("nowhere.ts", path.join(engines, "dangling.ts"));
    fs.writeFileSync(path.join(engines, "generated_table.ts"), `export const TABLE = [${"1,".repeat(700_000)}];\n`);
    spawnSync("mkfifo", [path.join(engines, "pipe.ts")]);
    const { code, report, stderr } = hocAuditJson([copy], REPO);
    expect(code).toBe(1);
    const errors = Object.fromEntries(report.errors.map((e) => [e.file, e.message]));
    const base = "src/hoc/cus/orders/L5_engines";
    expect(errors[`${base}/broken_syntax.ts`]).toMatch(/^syntax error at 1:32 ',' expected; fix it/);
    expect(errors[`${base}/binary_blob.ts`]).toMatch(/binary content/);
    expect(errors[`${base}/generated_table.ts`]).toMatch(/over maxFileBytes \(1048576\)/);
    expect(errors[`${base}/dangling.ts`]).toMatch(/broken symlink/);
    expect(errors[`${base}/loop`]).toMatch(/symlink loop/);
    expect(errors[`${base}/pipe.ts`]).toMatch(/not a regular file/);
    expect(errors["tsconfig.json"]).toMatch(/^tsconfig problem: Cannot read file 'tsconfig.base-that-was-deleted.json'/);
    expect(errors["prisma/schema.prisma"]).toBe(
      "12:1 not a valid Prisma schema: model Order (line 7) is not closed before `model Refund {`; fix it (the models in it were not read)",
    );
    expect(report.errors.find((e) => e.file === `${base}/order_engine.ts`)?.message).toMatch(/cannot resolve import "\.\/order_format_that_was_renamed"/);
    // One line on stderr per error, each naming its file.
    expect(stderr.trim().split("\n")).toHaveLength(report.errors.length);
    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual([`${base}/order_engine.ts:2`]);
    expect(report.summary.gates.find((g) => g.id === "scan")).toMatchObject({ status: "fail" });
  });

  it("an import of an asset that exists (a stylesheet, an image) resolves; one that does not is reported", () => {
    const dir = temp(null);
    writeFiles(dir, {
      "src/hoc/api/cus/web/layout.ts": `import "./globals.css";\nimport logo from "./logo.svg";\nimport "./gone.css";\nexport const l = logo;\n`,
      "src/hoc/api/cus/web/globals.css": "body {}\n",
      "src/hoc/api/cus/web/logo.svg": "<svg/>\n",
    });
    const { report } = hocAuditJson([dir], REPO);
    expect(report.errors.map((e) => e.message)).toEqual(['3:8 cannot resolve import "./gone.css"; fix the path, or the tsconfig paths/baseUrl it relies on']);
  });

  it("declares the scan unreliable (exit 2) when many relative imports do not resolve", () => {
    const dir = temp(null);
    const files = { "src/hoc/cus/a/L5_engines/a.ts": Array.from({ length: 5 }, (_, i) => `import "./gone_${i}";`).join("\n") + "\nexport {};\n" };
    writeFiles(dir, files);
    const { code, report } = hocAuditJson([dir], REPO);
    expect(code).toBe(2);
    expect(report.summary.gates.find((g) => g.id === "module-resolution")).toMatchObject({ checked: 5, violations: 5, status: "fail" });
    expect(report.errors.find((e) => e.file === ".")?.message).toMatch(/^5 of 5 relative\/aliased imports \(100\.0%\) did not resolve/);
  });

  it("says so when no file is HOC-shaped (exit 2), instead of passing", () => {
    const dir = temp(null);
    writeFiles(dir, { "src/index.ts": "export const x = 1;\n" });
    const { code, stderr } = hocAudit([dir], REPO);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no HOC-shaped file found in 1 scanned files/);
  });

  it("reports a path that does not exist", () => {
    const { code, stderr } = hocAudit(["fixtures/hoc-sample", "fixtures/hoc-sample/src/nope"], REPO);
    expect(stderr).toMatch(/src\/nope: path not found/);
    expect(code).toBe(1);
  });
});

describe("choosing the tsconfig", () => {
  const files = {
    "tsconfig.app.json": JSON.stringify({
      compilerOptions: { baseUrl: ".", paths: { "@engines/*": ["src/hoc/cus/billing/L5_engines/*"] } },
      include: ["src/hoc"],
    }),
    "src/hoc/api/cus/billing/routes.ts": `import { total } from "@engines/invoice_engine";\nexport const r = total;\n`,
    "src/hoc/cus/billing/L5_engines/invoice_engine.ts": "export const total = 1;\n",
    "src/lib/outside.ts": "export const x = 1;\n",
  };
  const layerGate = (/** @type {any} */ report) => report.summary.gates.find((/** @type {any} */ g) => g.id === "layer-boundaries");

  it("--tsconfig: its include decides the files, its paths resolve the alias", () => {
    const dir = temp(null);
    writeFiles(dir, files);
    // Without it, tsconfig.json (absent here) applies: every file is scanned and `@engines/…` is a package name.
    const before = hocAuditJson([], dir).report;
    expect(before.summary.files).toBe(3);
    expect(layerGate(before)).toMatchObject({ checked: 0, violations: 0 });
    const after = hocAuditJson(["--tsconfig", "tsconfig.app.json"], dir).report;
    expect(after.summary.files).toBe(2);
    expect(layerGate(after)).toMatchObject({ checked: 1, violations: 1 });
  });

  it("`tsconfig` in hoc.config.json does the same; one that is not a file is one line, exit 2", () => {
    const dir = temp(null);
    writeFiles(dir, { ...files, "hoc.config.json": JSON.stringify({ tsconfig: "tsconfig.app.json" }) });
    expect(layerGate(hocAuditJson([], dir).report)).toMatchObject({ checked: 1, violations: 1 });
    writeFiles(dir, { "hoc.config.json": JSON.stringify({ tsconfig: "tsconfig.nope.json" }) });
    const { code, stderr } = hocAudit([], dir);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/hoc\.config\.json: tsconfig names tsconfig\.nope\.json, which is not a file .*; fix the path/),
    ]);
  });
});

describe("lookThroughBarrels", () => {
  const layers = {
    layers: [
      { id: "api", level: 2, patterns: ["./src/controllers/**"] },
      { id: "service", level: 4, patterns: ["./src/services/**"] },
      { id: "repository", level: 6, patterns: ["./src/repositories/**"] },
    ],
    allow: { api: ["service"], service: ["repository"], repository: [] },
  };
  const files = {
    "src/repositories/users.ts": "export const findUser = (id: string) => ({ id });\n",
    "src/services/index.ts": 'export { findUser } from "../repositories/users";\nexport const ping = () => 1;\n',
    "src/controllers/users.ts": 'import { findUser } from "../services";\nexport const get = findUser;\n',
  };

  it("by default, an import through a barrel is judged by where the name is defined; false: by the barrel", () => {
    const dir = temp(null);
    writeFiles(dir, { ...files, "hoc.config.json": JSON.stringify(layers) });
    const through = hocAuditJson([], dir).report.findings;
    expect(through.map((/** @type {any} */ f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(["hoc/layer-boundaries src/controllers/users.ts:1"]);
    expect(through[0].message).toContain("reached via src/services/index.ts");
    writeFiles(dir, { "hoc.config.json": JSON.stringify({ ...layers, lookThroughBarrels: false }) });
    expect(hocAuditJson([], dir).report.findings).toEqual([]);
  });
});

describe("the Node API", () => {
  it("returns the same object that --format json prints", () => {
    const fromApi = audit({ paths: ["fixtures/layer-violations"], cwd: REPO });
    expect(JSON.parse(JSON.stringify(fromApi))).toEqual(hocAuditJson(["fixtures/layer-violations"], REPO).report);
  });

  it("is exported from the package entry as well", async () => {
    const entry = await import("../eslint-plugin.js");
    expect(entry.audit).toBe(audit);
  });
});

describe("the bin", () => {
  it("runs as a process and exits with the audit's code", () => {
    const r = spawnSync(process.execPath, [path.join(REPO, "bin/hoc-audit.js"), path.join(FIXTURES, "layer-violations"), "--quiet"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("hoc/layer-boundaries");
    const help = spawnSync(process.execPath, [path.join(REPO, "bin/hoc-audit.js"), "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--format <format>");
    // Every exit code is explained, and every option of the README's table is listed.
    for (const code of ["  0  ", "  1  ", "  2  "]) expect(help.stdout).toContain(code);
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    for (const [, option] of readme.matchAll(/^\| `(--[a-z-]+)/gm)) expect(help.stdout, option).toContain(option);
    const bad = spawnSync(process.execPath, [path.join(REPO, "bin/hoc-audit.js"), "--format", "xml"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/argument 'xml' is invalid/);
  });
});

describe("operations", () => {
  const root = fixture("operations");

  it("prints the ownership gate like the original gatepack, and counts operations in the summary", () => {
    const { stdout } = hocAudit([root], REPO);
    expect(stdout).toMatch(/operation ownership:\s+9 operations, 5 conflicts — FAIL/);
    expect(stdout).toMatch(/operation names:\s+\d+ names, 2 unverifiable — WARN/);
    expect(hocAuditJson([root], REPO).report.summary.operations).toBe(9);
  });

  it("explains the seed bug and points at the real path", () => {
    const { report } = hocAuditJson([root], REPO);
    const seed = report.findings.find((f) => f.message.startsWith("Invariant BI-INTEG-002"));
    expect(seed.message).toContain(
      "The real path dispatches `integrations.query` with method `disable_integration` (src/hoc/api/cus/integrations/integrations_routes.ts:5)",
    );
    expect(seed.message).toContain('add `disable_integration: "integration.disable"`');
  });

  it("reports unverifiable names as warnings of their own rule; every other rule keeps its one severity", () => {
    const { report } = hocAuditJson([root], REPO);
    const warnings = report.findings.filter((f) => f.severity === "warning").map((f) => `${f.ruleId}:${f.messageId} ${f.file}:${f.line}`);
    expect(warnings).toEqual([
      "hoc/unverifiable-operation:dispatch src/hoc/api/cus/accounts/accounts_routes.ts:10",
      "hoc/unverifiable-operation:registration src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts:37",
    ]);
    for (const f of report.findings) expect(f.severity).toBe(RULES.get(f.ruleId)?.severity);
  });

  it("names the other site of a duplicate registration, also in SARIF", () => {
    const sarif = JSON.parse(hocAudit([root, "--format", "sarif"], REPO).stdout);
    const dup = sarif.runs[0].results.find((r) => r.message.text.includes("is registered here and also at"));
    expect(dup.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe("src/hoc/cus/hoc_spine/orchestrator/handlers/accounts_handler.ts");
  });

  it("--list operations prints the index, as text and as JSON", () => {
    const text = hocAudit([root, "--list", "operations"], REPO);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^9 registered operations\n/);
    expect(text.stdout).toContain(
      "integrations.query  (owner: integrations)\n  registered  src/hoc/cus/hoc_spine/orchestrator/handlers/integrations_handler.ts:21  map INTEGRATIONS_OPERATION_HANDLERS entry",
    );
    expect(text.stdout).toContain("invariants bound to names that never dispatch:\n  BI-INTEG-002 -> integration.disable");
    const { report } = hocAuditJson([root, "--list", "operations"], REPO);
    const query = report.operations.find((o) => o.name === "integrations.query");
    expect(query.dispatches.map((d) => d.method)).toEqual(["disable_integration", "list"]);
    expect(query.invariants.map((i) => i.id)).toEqual(["BI-INTEG-001"]);
    expect(report.unregisteredDispatches.map((d) => d.name)).toEqual(["integrations.querry", "accounts.delete"].sort());
  });

  it("the clean sample stays clean only while its method map is right", () => {
    expect(hocAuditJson(["fixtures/hoc-sample"], REPO).report.findings).toEqual([]);
    const copy = temp("hoc-sample");
    const handler = path.join(copy, "src/hoc/cus/hoc_spine/orchestrator/handlers/integrations_handler.ts");
    fs.writeFileSync(handler, fs.readFileSync(handler, "utf8").replace('disable_integration: "integration.disable"', 'disable: "integration.disable"'));
    const { report } = hocAuditJson([copy], REPO);
    expect(report.findings.map((f) => `${f.ruleId}:${f.message.split(":")[0]}`)).toEqual([
      "hoc/invariant-binding:Invariant BI-INTEG-002 is bound to `integration.disable`, which nothing dispatches",
      "hoc/invariant-binding:`METHOD_INVARIANT_MAP` maps method `disable` to `integration.disable`, but this handler never handles method `disable` (it handles `disable_integration`)",
    ]);
  });
});

describe("hoc-audit --print-config", () => {
  it("prints every list in force: defaults written out, extensions added, and exits 0", () => {
    const dir = temp(null);
    writeFiles(dir, {
      "hoc.config.json": JSON.stringify({
        database: { clients: { sequelize: { modelQueryMethods: { extend: ["findAllWithDeleted"] } } }, receiverNames: { remove: ["t"] } },
      }),
    });
    const { code, stdout } = hocAudit(["--print-config"], dir);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed.database.clients.sequelize.modelQueryMethods).toEqual(expect.arrayContaining(["findAll", "findByPk", "findAllWithDeleted"]));
    expect(printed.database.receiverNames).toContain("trx");
    expect(printed.database.receiverNames).not.toContain("t");
    expect(printed.layers.map((l) => l.id)).toEqual(["L2.1", "L2", "L4", "L5", "L5.schema", "L6", "L7"]);
    expect(printed.rules["hoc/data-access-boundary"]).toBe("error");
  });

  it("refuses a bad config with one line and exit 2", () => {
    const dir = temp(null);
    writeFiles(dir, { "hoc.config.json": JSON.stringify({ transactions: { dbPackages: ["pg"] } }) });
    const { code, stderr } = hocAudit(["--print-config"], dir);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("transactions.dbPackages has moved to database.clients.<client>.packages");
  });
});

describe("operation contracts (fixtures/contracts)", () => {
  const root = fixture("contracts");

  it("lists the operation matrix: owner, spec, invariants, dispatches (cross-domain ones), guardrail tests", () => {
    const { code, stdout, stderr } = hocAudit([root, "--list", "operations", "--format", "json"], REPO);
    expect(code).toBe(1); // two spec files cannot be read: said on stderr, and the exit code says so
    expect(stderr).toContain("specs/operations/reporting.yaml: 5:1 not valid YAML");
    const ops = Object.fromEntries(JSON.parse(stdout).operations.map((o) => [o.name, o]));
    expect(ops["payments.capture"]).toMatchObject({
      owner: "payments",
      handler: "src/hoc/cus/hoc_spine/orchestrator/handlers/payments_handler.ts",
      spec: [{ id: "SPEC-020", file: "specs/operations/payments.yaml", line: 2 }],
      dispatchCount: 2,
      crossDomainDispatches: 2,
    });
    expect(ops["payments.capture"].invariants.map((i) => `${i.id} ${i.severity} ${i.via}`)).toEqual(["BI-PAY-001 CRITICAL direct", "BI-PAY-002 HIGH direct"]);
    expect(ops["accounts.close"].guardrailTests).toEqual([
      { id: "BI-ACCT-001", test: "tests/invariants/accounts_close.test.ts", doc: "docs/governance/GUARDRAILS.md", line: 7 },
    ]);
    expect(ops["accounts.update"].spec).toEqual([]);
  });

  it("shows invariants bound through an alias in the matrix (fixtures/operations)", () => {
    const { stdout } = hocAudit([fixture("operations"), "--list", "operations", "--format", "json"], REPO);
    const get = JSON.parse(stdout).operations.find((o) => o.name === "accounts.get");
    expect(get.invariants.map((i) => `${i.id} ${i.via}`)).toEqual(["BI-ACCT-001 alias account.read"]);
  });

  it("embeds the matrix in the Markdown report", () => {
    const { stdout } = hocAudit([root, "--format", "markdown"], REPO);
    expect(stdout).toContain("## Operations (6)");
    expect(stdout).toContain("| `payments.capture` | payments | SPEC-020 | BI-PAY-001, BI-PAY-002 | 2 (2 cross-domain) | — |");
    expect(hocAudit([root, "--list", "operations", "--format", "markdown"], REPO).stdout).toMatch(
      /^\| operation \| owner \| spec \| invariants \| dispatches \| guardrail tests \|/,
    );
  });

  it("gate rows for each contract rule, and a cross-domain pair that matches nothing is stale", () => {
    const dir = temp("contracts");
    const configPath = path.join(dir, "hoc.config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.crossDomainDispatch.allow.push({ from: "accounts", to: "billing", reason: "accounts once showed invoices (TICKET-12)" });
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
    const { stdout } = hocAudit([dir], REPO);
    expect(stdout).toMatch(/operation specs:\s+8 specs, 9 problems — FAIL/);
    expect(stdout).toMatch(/cross-domain dispatch:\s+\d+ dispatches, 2 cross-domain, 1 known — FAIL/);
    expect(stdout).toMatch(/guardrail links:\s+3 rows, 3 broken — FAIL/);
    expect(stdout).toMatch(/fail-closed invariants:\s+7 checkers, 6 fail open — FAIL/);
    const { report } = hocAuditJson([dir], REPO);
    const stale = report.findings.filter((f) => f.ruleId === "hoc/stale-exception");
    expect(stale.map((f) => `${f.messageId} ${f.file}`)).toEqual(["dispatchException hoc.config.json"]);
    expect(stale[0].message).toContain(
      "crossDomainDispatch.allow entry `accounts` → `billing` (accounts once showed invoices (TICKET-12)) matches no dispatch any more",
    );
  });
});

describe("data model gates (fixtures/models)", () => {
  const root = fixture("models");

  it("gate rows for each model rule, read from every ORM and the Prisma schema", () => {
    const { code, stdout } = hocAudit([root], REPO);
    expect(code).toBe(1);
    expect(stdout).toMatch(/schema drift:\s+23 models, 7 problems — FAIL/);
    expect(stdout).toMatch(/data quality:\s+23 models, 19 problems, 1 known — FAIL/);
    expect(stdout).toMatch(/tombstones:\s+22 imports, 3 problems — FAIL/);
    expect(stdout).toMatch(/surface limits:\s+5 contracts, 2 over the limit — FAIL/);
    expect(stdout).toMatch(/schema consumers:\s+3 spine schemas, 2 missing — FAIL/);
    const { report } = hocAuditJson([root], REPO);
    const orms = new Set(
      report.findings.filter((f) => f.ruleId === "hoc/model-drift" || f.ruleId === "hoc/data-quality").map((f) => f.file.split("/")[3] ?? f.file),
    );
    expect([...orms].sort()).toEqual(["billing", "catalog", "content", "jobs", "orders", "prisma/schema.prisma"].sort());
  });

  it("says in the gate row what it could not compare (a computed table name)", () => {
    const dir = temp("models");
    writeFiles(dir, {
      "src/hoc/models/orders/refund.entity.ts": `import { Entity } from "typeorm";\nconst TABLE = process.env.REFUND_TABLE ?? "refunds";\n@Entity(TABLE)\nexport class Refund {}\n`,
    });
    expect(hocAudit([dir], REPO).stdout).toMatch(/schema drift:\s+24 models \(1 with a computed table name, not compared\), 7 problems — FAIL/);
    expect(hocAuditJson([dir], REPO).report.summary.gates.find((g) => g.id === "model-drift")).toMatchObject({
      checked: 24,
      note: "1 with a computed table name, not compared",
    });
  });

  it("`include` and `exclude` apply to Prisma schemas as to source files", () => {
    const dir = temp("models");
    const configPath = path.join(dir, "hoc.config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    const prismaFindings = () => hocAuditJson([dir], REPO).report.findings.filter((/** @type {any} */ f) => f.file === "prisma/schema.prisma").length;
    fs.writeFileSync(configPath, JSON.stringify({ ...config, include: ["src/hoc/models/**"] }));
    expect(prismaFindings()).toBe(0);
    fs.writeFileSync(configPath, JSON.stringify({ ...config, include: ["src/hoc/models/**", "prisma/**"] }));
    expect(prismaFindings()).toBe(4);
    fs.writeFileSync(configPath, JSON.stringify({ ...config, exclude: ["prisma/**"] }));
    expect(prismaFindings()).toBe(0);
  });

  it("an allowed nullable foreign key that matches nothing any more is stale", () => {
    const dir = temp("models");
    const configPath = path.join(dir, "hoc.config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.dataQuality.nullableForeignKeys.push({ model: "Order", column: "couponCode", reason: "coupons were optional before checkout v2" });
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
    const { report } = hocAuditJson([dir], REPO);
    const stale = report.findings.filter((f) => f.ruleId === "hoc/stale-exception");
    expect(stale.map((f) => `${f.messageId} ${f.file}:${f.line}`)).toEqual([
      `foreignKeyException hoc.config.json:${
        fs
          .readFileSync(configPath, "utf8")
          .split("\n")
          .findIndex((l) => l.includes("checkout v2")) + 1
      }`,
    ]);
    expect(stale[0].message).toContain("`Order.couponCode` (coupons were optional before checkout v2) matches no nullable foreign key any more");
  });

  it("an unparsable schema.prisma is one error; the TypeScript models are still checked", () => {
    const dir = temp("models");
    const schema = path.join(dir, "prisma/schema.prisma");
    fs.writeFileSync(schema, fs.readFileSync(schema, "utf8").replace('  @@map("members")\n}', '  @@map("members"\n}'));
    const { code, report } = hocAuditJson([dir], REPO);
    expect(code).toBe(1);
    expect(report.errors).toEqual([
      {
        file: "prisma/schema.prisma",
        message: "35:1 not a valid Prisma schema: `@@map(` is not closed on its line (column 8); fix it (the models in it were not read)",
      },
    ]);
    expect(report.findings.filter((f) => f.file === "prisma/schema.prisma")).toEqual([]);
    const planted = plantedFindings(dir).filter((f) => !f.file.endsWith(".prisma"));
    expect(report.findings.map(key).sort()).toEqual(planted.map(key).sort());
  });
});

describe("messages name the project's own layers", () => {
  it("a controllers/services/repositories layout hears about its service layer and its dispatcher, never HOC's", () => {
    const dir = temp(null);
    writeFiles(dir, {
      "hoc.config.json": JSON.stringify({
        layers: [
          { id: "controller", level: 2, patterns: ["./src/controllers/<domain>/**"] },
          { id: "service", name: "service", level: 4, patterns: ["./src/services/**"] },
          { id: "repository", name: "repository", level: 6, patterns: ["./src/repositories/<domain>/**"] },
        ],
        allow: { controller: ["service"], service: ["repository"], repository: [{ to: "repository", same: ["domain"] }] },
        operations: { registryReceivers: ["bus"], dispatchMethods: ["send"] },
        spinePurity: { schemaPaths: ["src/shared/types/**"] },
      }),
      "src/controllers/orders/orders.controller.ts": `import { findOrder } from "../../repositories/orders/orders.repository";\nexport const get = findOrder;\n`,
      "src/repositories/orders/orders.repository.ts": `import { findCustomer } from "../customers/customers.repository";\nexport const findOrder = findCustomer;\n`,
      "src/repositories/customers/customers.repository.ts": "export const findCustomer = () => 1;\n",
      "src/services/orders.service.ts": "export const x = 1;\n",
    });
    const messages = hocAuditJson([dir, "--no-types"], REPO).report.findings.map((/** @type {any} */ f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("controller must reach domain code only through service");
    expect(messages[0]).toContain('`bus.send("<domain>.<verb>", ctx)`');
    expect(messages[1]).toContain("cross-domain work goes through service");
    expect(messages[1]).toContain("move shared types into src/shared/types");
    for (const m of messages) expect(m).not.toMatch(/\bL4\b|hoc_spine|registry\.execute/);
  });
});

describe("zero config on a monorepo root", () => {
  const component = [
    "export function Form() {",
    '  const handlers = { "form.submit": () => 1, "form.reset": () => 2 };',
    "  const registry = { register(_n: string, _h: unknown) {} };",
    '  registry.register("form.submit", handlers["form.submit"]);',
    '  return <form onSubmit={handlers["form.submit"]} />;',
    "}",
  ].join("\n");

  it("a frontend's app/models folder alone is not a HOC tree", () => {
    const dir = temp(null);
    writeFiles(dir, { "web/app/models/user.ts": "export class User {}\n", "web/app/components/form.tsx": component });
    const r = hocAudit([dir, "--no-types"], REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no HOC-shaped file found in 2 scanned files \(no layer file in a hoc\/ tree\)/);
  });

  it("a component's handlers object next to a HOC backend is no operation registry", () => {
    const dir = temp(null);
    writeFiles(dir, {
      "web/app/models/user.ts": "export class User {}\n",
      "web/app/components/form.tsx": component,
      "backend/src/hoc/api/cus/billing/routes.ts": `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const r = total;\n`,
      "backend/src/hoc/cus/billing/L5_engines/invoice_engine.ts": "export const total = 1;\n",
    });
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.findings.map((/** @type {any} */ f) => `${f.ruleId} ${f.file}`)).toEqual(["hoc/layer-boundaries backend/src/hoc/api/cus/billing/routes.ts"]);
    expect(report.summary.operations).toBe(0);
  });
});

describe("progress", () => {
  /** @param {string[]} args @param {Partial<import("../src/cli/main.js").Io>} extra */
  const run = (args, extra) => {
    let stdout = "";
    let stderr = "";
    const code = runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: REPO, ...extra });
    return { code, stdout, stderr };
  };

  it("is one line on a terminal's stderr, erased when done; the report itself is untouched", () => {
    const quiet = run(["fixtures/layer-violations", "--format", "json", "--no-types"], {});
    const shown = run(["fixtures/layer-violations", "--format", "json", "--no-types"], { interactive: true, progressAfterMs: 0 });
    expect(shown.stdout).toBe(quiet.stdout);
    expect(shown.stderr).toMatch(/^\rhoc-audit: reading files \d+\/\d+/);
    expect(shown.stderr).toContain("reading files 19/19");
    expect(shown.stderr.endsWith("\r\u001b[K")).toBe(true);
    expect(quiet.stderr).toBe("");
  });

  it("is never shown off a terminal, nor with --no-progress", () => {
    expect(run(["fixtures/layer-violations", "--no-types", "--no-progress"], { interactive: true, progressAfterMs: 0 }).stderr).toBe("");
    expect(run(["fixtures/layer-violations", "--no-types"], { interactive: false, progressAfterMs: 0 }).stderr).toBe("");
  });
});

describe("deny", () => {
  it("forbids an edge allow would let through, says so in the message, and rejects an unknown layer", () => {
    const dir = temp(null);
    const config = {
      layers: [
        { id: "util", level: 3, patterns: ["./src/util/**"] },
        { id: "driver", level: 6, patterns: ["./src/drivers/**"] },
      ],
      allow: {},
      deny: { util: ["driver"] },
    };
    writeFiles(dir, {
      "hoc.config.json": JSON.stringify(config),
      "src/util/format.ts": `import { q } from "../drivers/db";\nexport const f = q;\n`,
      "src/drivers/db.ts": "export const q = 1;\n",
    });
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.findings.map((/** @type {any} */ f) => `${f.messageId} ${f.file}:${f.line}`)).toEqual(["denied src/util/format.ts:1"]);
    expect(report.findings[0].message).toContain("`deny` in hoc.config.json forbids util to depend on driver");
    writeFiles(dir, { "hoc.config.json": JSON.stringify({ ...config, deny: { util: ["drivers"] } }) });
    const bad = hocAudit([dir], REPO);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/deny\.util names unknown layer "drivers"; known layers: util, driver\n$/);
  });
});
