// One engine, two front ends: ESLint with configs.recommended (or strict) and hoc-audit must report the same
// findings (rule id, file, line, column, severity, message) on the same repository, without and with type
// information. Known findings (exceptions with a reason, the baseline) are ESLint's suppressions: left out there,
// listed as known by hoc-audit. Findings located in Markdown or YAML documents (operation specs, guardrail
// tables) are hoc-audit's alone: ESLint lints TypeScript.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../eslint-plugin.js";
import { audit } from "../src/api.js";
import { fixture, sourceFiles } from "./helpers/fixtures.js";
import { startTsserver } from "./helpers/tsserver.js";

/**
 * @param {string} root
 * @param {boolean} typed give ESLint type information (parserOptions.projectService)
 * @param {"recommended" | "strict"} preset the fixture's hoc.config.json preset
 */
async function eslintFindings(root, typed, preset = "recommended") {
  const overrideConfig = [plugin.configs[preset]];
  if (typed) overrideConfig.push({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } });
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig });
  const results = await eslint.lintFiles(["**/*.ts"]);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId)
      .map(
        (m) =>
          `${m.ruleId} ${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"} ${m.message}`,
      ),
  );
}

/**
 * @param {string} root
 * @param {boolean} types
 */
function auditFindings(root, types) {
  // Stale exceptions live in hoc.config.json and the baseline, which ESLint does not lint.
  return audit({ paths: [root], types })
    .findings.filter((f) => f.ruleId !== "hoc/stale-exception" && !f.known && /\.(ts|tsx|mts|cts)$/.test(f.file))
    .map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`);
}

describe("ESLint and hoc-audit report the same findings", () => {
  it.each([
    ["layer-violations", 19],
    ["operations", 13],
    ["transactions", 37],
    ["private-keys", 12],
    ["hygiene", 20],
    ["data-access", 39],
    ["contracts", 10],
    ["models", 29],
    ["hoc-sample", 0],
    ["bad-input", 1],
  ])("syntactic: on fixtures/%s", async (name, atLeast) => {
    const root = fixture(name);
    const fromAudit = auditFindings(root, false);
    expect((await eslintFindings(root, false, ["hygiene", "contracts", "models"].includes(name) ? "strict" : "recommended")).sort()).toEqual(fromAudit.sort());
    expect(fromAudit.length).toBeGreaterThanOrEqual(atLeast);
  });

  it.each([
    ["transactions", 46],
    ["private-keys", 12],
    ["hygiene", 20],
    ["data-access", 39],
    ["contracts", 10],
    ["models", 29],
  ])("type-aware: on fixtures/%s (ESLint with projectService, hoc-audit with its own program)", async (name, count) => {
    const root = fixture(name);
    const fromAudit = auditFindings(root, true);
    expect((await eslintFindings(root, true, ["hygiene", "contracts", "models"].includes(name) ? "strict" : "recommended")).sort()).toEqual(fromAudit.sort());
    expect(fromAudit.length).toBe(count);
  });

  it("configs.strict turns every rule on as an error", () => {
    expect(Object.keys(plugin.configs.strict.rules ?? {}).sort()).toEqual(
      Object.keys(plugin.rules)
        .map((r) => `hoc/${r}`)
        .sort(),
    );
    expect(Object.values(plugin.configs.strict.rules ?? {})).toEqual(Object.values(plugin.configs.strict.rules ?? {}).map(() => "error"));
  });
});

/**
 * The shallowest folder below `dir` holding a tsconfig.json, or null.
 * @param {string} dir
 * @returns {string | null}
 */
function tsconfigFolder(dir) {
  if (fs.existsSync(path.join(dir, "tsconfig.json"))) return dir;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === "node_modules") continue;
    const found = tsconfigFolder(path.join(dir, e.name));
    if (found) return found;
  }
  return null;
}

/**
 * The plugin's diagnostics in a real tsserver (type information from tsserver's program), every file opened.
 * @param {string} root
 */
async function tsserverFindings(root) {
  const s = startTsserver({ global: true });
  try {
    const out = [];
    for (const rel of sourceFiles(root).filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))) {
      const file = path.join(root, rel);
      await s.request("open", { file, projectRootPath: root });
      const r = await s.request("semanticDiagnosticsSync", { file, includeLinePosition: true });
      for (const d of r.body ?? []) {
        if (!String(d.source ?? "").startsWith("hoc/")) continue;
        out.push(`${d.source} ${rel}:${d.startLocation.line}:${d.startLocation.offset} ${d.category} ${d.message}`);
      }
      await s.request("close", { file });
    }
    return out;
  } finally {
    s.close();
  }
}

describe("tsserver: the third front end reports what hoc-audit reports", () => {
  it.each(["layer-violations", "operations", "private-keys", "transactions", "data-access", "hygiene", "contracts", "models"])(
    "on fixtures/%s (types from tsserver's program)",
    async (name) => {
      // Without a hoc.config.json, the editor's root is the tsconfig's folder (as `hoc-audit <that folder>` takes it).
      const root = fixture(name);
      const projectRoot = tsconfigFolder(root) ?? root;
      expect((await tsserverFindings(projectRoot)).sort()).toEqual(auditFindings(projectRoot, true).sort());
    },
    120000,
  );
});
