// The hygiene laws on their fixture, and known exceptions that only shrink: baseline, path exceptions and
// handler-domain exceptions, in hoc-audit and in ESLint.
import fs from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { afterEach, describe, expect, it } from "vitest";
import plugin from "../eslint-plugin.js";
import { REPO, fixture, key, plantedFindings, tempCopy } from "./helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "./helpers/cli.js";

const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const copy = () => {
  const d = tempCopy("hygiene");
  temps.push(d);
  return d;
};
const ENGINE = "src/hoc/cus/billing/L5_engines/invoice_engine.ts";

describe("fixtures/hygiene", () => {
  const root = fixture("hygiene");

  it.each([true, false])("finds every planted finding and the stale exception, nothing else (types: %s)", (typed) => {
    const { report, code } = hocAuditJson([root, ...(typed ? [] : ["--no-types"])], REPO);
    expect(code).toBe(1);
    const planted = plantedFindings(root, { typed }).map(key);
    expect(planted.length).toBe(23);
    expect(report.findings.map(key).sort()).toEqual([...planted, "hoc/stale-exception hoc.config.json:16"].sort());
  });

  it("lists exceptions as known, with their reason, at their rule's severity, and fails nothing on them", () => {
    const { report, stdout } = { ...hocAuditJson([root], REPO), stdout: hocAudit([root], REPO).stdout };
    const excepted = report.findings.filter((f) => f.known === "exception");
    expect(excepted.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      "error hoc/handler-domain-scope src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts:2",
      "error hoc/data-access-boundary src/hoc/cus/reports/L5_engines/report_engine.ts:2",
      "error hoc/data-access-boundary src/hoc/cus/reports/L5_engines/report_engine.ts:7",
    ]);
    expect(excepted[1].reason).toBe("the reports engine is being split into drivers (TICKET-101)");
    expect(excepted[0].reason).toBe("billing reads account plans until accounts.get_plan exists (TICKET-88)");
    expect(excepted[0].messageId).toBe("outOfScope");
    expect(stdout).toContain("known  L5 engine imports `Pool` from the database package `pg`");
    expect(stdout).toContain("(known exception: the reports engine is being split into drivers (TICKET-101))");
    const gates = Object.fromEntries(report.summary.gates.map((g) => [g.id, g]));
    expect(gates["data-access-boundary"]).toMatchObject({ violations: 6, known: 2, status: "fail" });
    expect(gates["known-exceptions"]).toMatchObject({ checked: 3, violations: 1, status: "fail" });
    const stale = report.findings.find((f) => f.ruleId === "hoc/stale-exception");
    expect(stale.message).toMatch(/^Exception for src\/hoc\/cus\/old_reports\/\*\* \(old reports were removed in Q3\) matches no finding any more/);
  });

  it("runs hoc/handler-domain-scope only in the strict preset", () => {
    const dir = copy();
    const configPath = path.join(dir, "hoc.config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    delete config.preset;
    delete config.handlerDomainScope;
    fs.writeFileSync(configPath, JSON.stringify(config));
    const { report } = hocAuditJson([dir], REPO);
    expect(report.findings.some((f) => f.ruleId === "hoc/handler-domain-scope")).toBe(false);
    expect(report.summary.gates.some((g) => g.id === "handler-domain-scope")).toBe(false);
  });
});

describe("a baseline", () => {
  it("keeps recorded findings out of the exit code, fails on new ones, and reports entries that stop matching", () => {
    const dir = copy();
    const baseline = path.join(dir, "hoc-baseline.json");
    // Without the stale exception the repository is only known findings.
    const configPath = path.join(dir, "hoc.config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.exceptions = config.exceptions.slice(0, 1);
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));

    const written = hocAudit([dir, "--write-baseline", baseline], REPO);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^\d+ findings recorded as known in /);
    const recorded = JSON.parse(fs.readFileSync(baseline, "utf8")).findings;
    expect(recorded.length).toBeGreaterThan(15);

    const known = hocAuditJson([dir, "--baseline", baseline], REPO);
    expect(known.code).toBe(0);
    expect(known.report.summary.gates.find((g) => g.id === "spine-purity")).toMatchObject({ violations: 0, known: 7, status: "pass" });
    expect(hocAudit([dir, "--baseline", baseline], REPO).stdout).toMatch(/spine purity:\s+3 files, 0 violations, 7 known — PASS/);

    // A new violation fails the run, alone.
    const engine = path.join(dir, ENGINE);
    fs.writeFileSync(engine, `${fs.readFileSync(engine, "utf8")}\nexport const again = () => pool.query("SELECT 2");\n`);
    const fresh = hocAuditJson([dir, "--baseline", baseline], REPO);
    expect(fresh.code).toBe(1);
    expect(fresh.report.findings.filter((f) => !f.known).map(key)).toEqual([`hoc/data-access-boundary ${ENGINE}:35`]);

    // Deleting violating code leaves its entry stale: reported at its line in the baseline file.
    fs.writeFileSync(
      engine,
      fs
        .readFileSync(engine, "utf8")
        .replace(`import moment from "moment"; // expect: hoc/banned-imports:banned\n`, "")
        .replace(`stamp: moment().format("YYYY"), `, "")
        .replace(/\nexport const again.*\n/, "\n"),
    );
    const shrunk = hocAuditJson([dir, "--baseline", baseline], REPO);
    expect(shrunk.code).toBe(1);
    const stale = shrunk.report.findings.filter((f) => f.ruleId === "hoc/stale-exception");
    expect(stale).toHaveLength(1);
    expect(stale[0].file).toBe("hoc-baseline.json");
    const entryLine = fs.readFileSync(baseline, "utf8").split("\n")[stale[0].line - 1];
    expect(entryLine).toContain(recorded.find((e) => e.message.startsWith("`moment` is banned")).fingerprint);
    expect(stale[0].message).toMatch(
      /^Baseline entry for hoc\/banned-imports in src\/hoc\/cus\/billing\/L5_engines\/invoice_engine\.ts no longer matches any finding/,
    );
    // Fingerprints survived the edits above the other findings: nothing else went stale or new.
    expect(shrunk.report.findings.filter((f) => !f.known && f.ruleId !== "hoc/stale-exception")).toEqual([]);
  });

  it("is named in hoc.config.json for both front ends; ESLint leaves recorded findings out", () => {
    const dir = copy();
    const configPath = path.join(dir, "hoc.config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    const lint = () =>
      new Linter({ cwd: dir })
        .verify(fs.readFileSync(path.join(dir, ENGINE), "utf8"), [plugin.configs.strict], path.join(dir, ENGINE))
        .map((m) => `${m.ruleId}:${m.line}`);
    const before = lint();
    expect(before).toContain("hoc/banned-imports:4");
    expect(hocAudit([dir, "--write-baseline", path.join(dir, "known.json")], REPO).code).toBe(0);
    fs.writeFileSync(configPath, JSON.stringify({ ...config, baseline: "known.json" }, null, 2));
    expect(lint()).toEqual([]);
    const fromAudit = hocAuditJson([dir], REPO).report.findings.filter((f) => f.file === ENGINE);
    expect(fromAudit.every((f) => f.known === "baseline")).toBe(true);
  });

  it("a broken baseline file is a one-line usage error", () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, "bad.json"), "{ nope");
    const r = hocAudit([dir, "--baseline", path.join(dir, "bad.json")], REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: the baseline is not valid JSON .*; write it again with --write-baseline\n$/);
  });
});

describe("known exceptions in ESLint", () => {
  it("are left out, as ESLint leaves out its own suppressions; hoc-audit lists the same ones as known", () => {
    const root = fixture("hygiene");
    const file = path.join(root, "src/hoc/cus/reports/L5_engines/report_engine.ts");
    const messages = new Linter({ cwd: root }).verify(fs.readFileSync(file, "utf8"), [plugin.configs.strict], file);
    const fromAudit = hocAuditJson([root, "--no-types"], REPO).report.findings.filter((f) => f.file.endsWith("report_engine.ts"));
    expect(fromAudit.filter((f) => f.known).map((f) => `${f.line}:${f.column}`)).toEqual(["2:22", "7:23"]);
    expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(
      fromAudit.filter((f) => !f.known).map((f) => `${f.line}:${f.column} ${f.message}`),
    );
  });
});
