// Generated code nests deeper than recursive walks can go. One such file is one error naming it, in both front
// ends, at the same depth whatever the thread or the front end; every other file is still checked.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../eslint-plugin.js";
import { MAX_DEPTH } from "../../src/facts/parse.js";
import { REPO, tempRepo } from "../helpers/fixtures.js";
import { hocAuditJson } from "../helpers/cli.js";

/** @type {string[]} */
const temps = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

const ENGINES = "src/hoc/cus/billing/L5_engines";
/** Shapes generated code takes, each well past the limit (and past where the walks used to overflow). */
const DEEP = {
  "sum.ts": `export const x = ${Array(1500).fill("a").join(" + ")};\nconst a = 1;\n`,
  "members.ts": `declare const a: any;\nexport const y = a${".a".repeat(1500)};\n`,
  "calls.ts": `declare const q: any;\nexport const y = q${".w()".repeat(900)};\n`,
  "parens.ts": `export const z = ${"(".repeat(1000)}1${")".repeat(1000)};\n`,
  "ifs.ts": `export function f(a: number) {\n${"if (a) {\n".repeat(1000)}return 1;\n${"}\n".repeat(1000)}return 0;\n}\n`,
  "objects.ts": `export const o = ${"{ a: ".repeat(1000)}1${" }".repeat(1000)};\n`,
  "arrows.ts": `export const f = ${"() => ".repeat(1300)}1;\n`,
};

function repo() {
  /** @type {Record<string, string>} */
  const files = {
    // A violation next to the deep files: it must still be found.
    "src/hoc/api/cus/billing/routes.ts": `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const r = total;\n`,
    [`${ENGINES}/invoice_engine.ts`]: "export const total = 1;\n",
    // Deep, but within the limit: checked like any file.
    [`${ENGINES}/long_sum.ts`]: `export const s = ${Array(MAX_DEPTH - 20)
      .fill("1")
      .join(" + ")};\n`,
  };
  for (const [name, text] of Object.entries(DEEP)) files[`${ENGINES}/${name}`] = text;
  return tempRepo(files, temps);
}

describe("files nested too deeply", () => {
  it("hoc-audit: one error per deep file naming it, the same with worker threads, and every other file checked", () => {
    const dir = repo();
    for (const threads of ["1", "3"]) {
      const { code, report } = hocAuditJson([dir, "--no-types", "--threads", threads], REPO);
      expect(code).toBe(1);
      expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(["hoc/layer-boundaries src/hoc/api/cus/billing/routes.ts"]);
      expect(report.errors.map((e) => e.file)).toEqual(
        Object.keys(DEEP)
          .map((n) => `${ENGINES}/${n}`)
          .sort(),
      );
      for (const e of report.errors) expect(e.message).toMatch(/^skipped: nested more than 500 levels deep/);
      expect(report.summary.files).toBe(3);
    }
  });

  it("ESLint: the lint goes on; each file is either ESLint's own parse error or one `notChecked` of ours", async () => {
    const dir = repo();
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const results = await eslint.lintFiles(["**/*.ts"]);
    const byFile = new Map(results.map((r) => [path.relative(dir, r.filePath).split(path.sep).join("/"), r.messages]));
    expect(byFile.get("src/hoc/api/cus/billing/routes.ts")?.map((m) => m.ruleId)).toEqual(["hoc/layer-boundaries"]);
    expect(byFile.get(`${ENGINES}/long_sum.ts`)).toEqual([]);
    for (const name of Object.keys(DEEP)) {
      const messages = /** @type {import("eslint").Linter.LintMessage[]} */ (byFile.get(`${ENGINES}/${name}`));
      expect(messages, name).toHaveLength(1);
      const [m] = messages;
      if (m.ruleId === null) expect(m.message, name).toMatch(/^Parsing error/);
      else expect(m.message, name).toMatch(/^eslint-plugin-hoc could not check this file: nested more than 500 levels deep/);
    }
  });
});
