// One engine, two front ends: ESLint with configs.recommended and hoc-audit must report the same findings
// (rule id, file, line, column, message) on the same repository.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../eslint-plugin.js";
import { audit } from "../src/api.js";
import { fixture } from "./helpers/fixtures.js";

/** @param {string} root */
async function eslintFindings(root) {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
  const results = await eslint.lintFiles(["**/*.ts"]);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId)
      .map((m) => `${m.ruleId} ${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line}:${m.column} ${m.message}`),
  );
}

/** @param {string} root */
function auditFindings(root) {
  return audit({ paths: [root] }).findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);
}

describe("ESLint and hoc-audit report the same findings", () => {
  for (const name of ["layer-violations", "operations", "hoc-sample", "bad-input"]) {
    it(`on fixtures/${name}`, async () => {
      const root = fixture(name);
      const fromEslint = await eslintFindings(root);
      const fromAudit = auditFindings(root);
      expect(fromEslint.sort()).toEqual(fromAudit.sort());
      if (name === "layer-violations") expect(fromAudit.length).toBeGreaterThanOrEqual(19);
      if (name === "operations") expect(fromAudit.length).toBeGreaterThanOrEqual(13);
      if (name === "hoc-sample") expect(fromAudit).toEqual([]);
    });
  }

  it("configs.strict turns every rule on as an error", () => {
    expect(Object.keys(plugin.configs.strict.rules ?? {}).sort()).toEqual(Object.keys(plugin.rules).map((r) => `hoc/${r}`).sort());
    expect(Object.values(plugin.configs.strict.rules ?? {})).toEqual(Object.values(plugin.configs.strict.rules ?? {}).map(() => "error"));
  });
});
