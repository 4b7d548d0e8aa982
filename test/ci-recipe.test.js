// The CI recipe (docs/ci/github-actions.yml) works as written: its shell steps run the way GitHub runs them
// (bash -eo pipefail, $GITHUB_STEP_SUMMARY a file, `npx hoc-audit` from node_modules/.bin) on a copy of a fixture
// with a committed baseline: green while nothing new appears, red on a new finding, and the reports are written.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, tempCopy, writeFiles } from "./helpers/fixtures.js";
import { installHocBin, runShell } from "./helpers/shell.js";

/** @type {string[]} */
const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const workflow = YAML.parse(fs.readFileSync(path.join(REPO, "docs/ci/github-actions.yml"), "utf8"));
/** @type {{ name?: string, run?: string, uses?: string, if?: string }[]} */
const steps = workflow.jobs["hoc-audit"].steps;
const step = (/** @type {string} */ name) => {
  const s = steps.find((x) => x.name === name);
  if (!s?.run) throw new Error(`docs/ci/github-actions.yml: no step "${name}" with a run script`);
  return s.run;
};

/** A repository as CI checks it out: the fixture, the plugin's bin where npm ci would put it. @param {string} fixtureName */
function checkout(fixtureName) {
  const dir = tempCopy(fixtureName);
  temps.push(dir);
  installHocBin(dir);
  return dir;
}

/** Run a step's script as GitHub's bash shell does. @param {string} dir @param {string} script @param {string} summary */
const run = (dir, script, summary) => runShell(dir, script, { GITHUB_STEP_SUMMARY: summary });

describe("the GitHub Actions recipe", () => {
  it("uploads SARIF and writes the summary even when the audit fails, with code-scanning permission", () => {
    expect(workflow.permissions).toMatchObject({ "security-events": "write" });
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
    expect(upload?.if).toContain("always()");
    expect(steps.find((s) => s.name === "Job summary")?.if).toContain("always()");
  });

  it("passes on the baseline's findings, fails on a new one, and writes SARIF and the job summary each time", () => {
    const dir = checkout("layer-violations");
    // The adoption step its header gives, run once and committed.
    expect(run(dir, "npx hoc-audit --write-baseline hoc-baseline.json", "/dev/null").code).toBe(0);
    const summary = path.join(dir, "summary.md");

    const green = run(dir, step("hoc-audit"), summary);
    expect(green.code).toBe(0);
    expect(run(dir, step("Job summary"), summary).code).toBe(0);
    expect(fs.readFileSync(summary, "utf8")).toMatch(/^# hoc-audit report[\s\S]*## Layers[\s\S]*```mermaid/);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, "hoc.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((/** @type {any} */ r) => r.suppressions?.length > 0)).toBe(true);

    // A pull request adds a violation: the job goes red, and the new finding is the one not suppressed.
    writeFiles(dir, {
      "backend/src/app/hoc/api/cus/billing/new_routes.ts":
        'import { InvoiceEngine } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const e = InvoiceEngine;\n',
    });
    const red = run(dir, step("hoc-audit"), summary);
    expect(red.code).toBe(1);
    const fresh = JSON.parse(fs.readFileSync(path.join(dir, "hoc.sarif"), "utf8")).runs[0].results.filter((/** @type {any} */ r) => !r.suppressions?.length);
    expect(fresh.map((/** @type {any} */ r) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual([expect.stringMatching(/new_routes\.ts$/)]);
  });
});
