// What a scan reads: links never leave the repository, each real file is read once, folders are skipped only for
// a reason that is written down and counted, and a broken tsconfig does not hide aliased imports. Both front ends
// leave the same files alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../eslint-plugin.js";
import { REPO, tempRepo } from "../helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "../helpers/cli.js";

/** @type {string[]} */
const temps = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

const VIOLATION = `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const r = total;\n`;

/** @param {Record<string, string>} files */
function repo(files) {
  return tempRepo({ "src/hoc/cus/billing/L5_engines/invoice_engine.ts": "export const total = 1;\n", ...files }, temps);
}

/** @param {string} dir */
async function eslintFiles(dir) {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
  const results = await eslint.lintFiles(["src/**/*.ts"]);
  return results.filter((r) => r.messages.length > 0).map((r) => path.relative(dir, r.filePath).split(path.sep).join("/"));
}

describe("symlinks", () => {
  it("a link out of the repository is one error and is never read: its content appears in no report format", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-outside-"));
    temps.push(outside);
    fs.writeFileSync(path.join(outside, ".env"), "DATABASE_PASSWORD=hunter2-do-not-print\n");
    const dir = repo({ "src/hoc/api/cus/billing/routes.ts": VIOLATION });
    fs.symlinkSync(path.join(outside, ".env"), path.join(dir, "src/hoc/cus/billing/L5_engines/index.ts"));
    fs.symlinkSync("/", path.join(dir, "src/hoc/cus/billing/everything"));
    for (const format of ["text", "json", "sarif", "markdown"]) {
      const { stdout, stderr } = hocAudit([dir, "--no-types", "--format", format], REPO);
      expect(stdout + stderr, format).not.toContain("hunter2");
    }
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      "src/hoc/cus/billing/L5_engines/index.ts: skipped: symlink to outside the repository; links are followed only within it (remove it, or exclude it)",
      "src/hoc/cus/billing/everything: skipped: symlink to outside the repository; links are followed only within it (remove it, or exclude it)",
    ]);
    expect(report.findings.map((f) => f.file)).toEqual(["src/hoc/api/cus/billing/routes.ts"]);
  });

  it("a link inside the repository to a file that is not source is not read as source", () => {
    const dir = repo({ "config/secrets.env": "TOKEN=also-not-printed\n" });
    fs.symlinkSync(path.join(dir, "config/secrets.env"), path.join(dir, "src/hoc/cus/billing/L5_engines/index.ts"));
    const { stdout, report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(stdout).not.toContain("also-not-printed");
    expect(report.errors.map((e) => e.message)).toEqual(["skipped: symlink to a file that is not a source file; remove it or exclude it"]);
  });

  it("links that fan out are walked once per real folder, and say so", () => {
    const dir = repo({ "src/hoc/api/cus/billing/routes.ts": VIOLATION });
    // Each level links twice to the next: 2^12 paths to the same few folders without a visited set.
    for (let i = 0; i < 12; i++) fs.mkdirSync(path.join(dir, `fan/l${i}`), { recursive: true });
    for (let i = 0; i < 11; i++) {
      fs.symlinkSync(path.join(dir, `fan/l${i + 1}`), path.join(dir, `fan/l${i}/a`));
      fs.symlinkSync(path.join(dir, `fan/l${i + 1}`), path.join(dir, `fan/l${i}/b`));
    }
    fs.writeFileSync(path.join(dir, "fan/l11/leaf.ts"), "export const leaf = 1;\n");
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.summary.files).toBe(3);
    expect(report.summary.gates.find((g) => g.id === "scan")?.note).toMatch(/folder links to a folder already scanned/);
  });
});

describe("skipped folders", () => {
  it("a domain called build (or dist, out, coverage) is checked, by both front ends", async () => {
    const dir = repo({
      "src/hoc/api/cus/build/routes.ts": VIOLATION.replace("../../../cus/billing", "../../../cus/billing"),
      "src/hoc/cus/billing/L5_engines/dist/format.ts": "export const f = 1;\n",
    });
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.findings.map((f) => f.file)).toEqual(["src/hoc/api/cus/build/routes.ts"]);
    expect(report.summary.files).toBe(3);
    expect(await eslintFiles(dir)).toEqual(["src/hoc/api/cus/build/routes.ts"]);
  });

  it("what .gitignore ignores is skipped by both front ends and counted in the scan gate", async () => {
    const dir = repo({
      ".gitignore": "build/\n*.generated.ts\n!keep.generated.ts\n",
      "src/hoc/api/cus/billing/routes.ts": VIOLATION,
      "src/hoc/api/cus/billing/build/routes.ts": VIOLATION.replace("../../../", "../../../../"),
      "src/hoc/api/cus/billing/api.generated.ts": VIOLATION,
      "src/hoc/api/cus/billing/keep.generated.ts": VIOLATION,
      "src/hoc/api/cus/orders/.gitignore": "legacy.ts\n",
      "src/hoc/api/cus/orders/legacy.ts": VIOLATION.replace("../../../", "../../../"),
    });
    const { report, stdout } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.findings.map((f) => f.file).sort()).toEqual(["src/hoc/api/cus/billing/keep.generated.ts", "src/hoc/api/cus/billing/routes.ts"]);
    expect(JSON.parse(stdout).summary.gates.find((/** @type {any} */ g) => g.id === "scan").note).toBe(
      "skipped: 1 folder ignored by .gitignore, 2 files ignored by .gitignore",
    );
    expect((await eslintFiles(dir)).sort()).toEqual(["src/hoc/api/cus/billing/keep.generated.ts", "src/hoc/api/cus/billing/routes.ts"]);
    expect(hocAudit([dir, "--no-types"], REPO).stdout).toMatch(
      /files scanned:\s+3 files \(skipped: 1 folder ignored by \.gitignore, 2 files ignored by \.gitignore\)/,
    );
  });
});

describe("declaration files", () => {
  it("are left alone by both front ends, even when ESLint is asked to lint them", async () => {
    const dir = repo({
      "src/hoc/api/cus/billing/routes.ts": VIOLATION,
      "src/hoc/api/cus/billing/routes.d.ts": `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport declare const r: typeof total;\n`,
    });
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.findings.map((f) => f.file)).toEqual(["src/hoc/api/cus/billing/routes.ts"]);
    expect(await eslintFiles(dir)).toEqual(["src/hoc/api/cus/billing/routes.ts"]);
  });
});

describe("odd names", () => {
  it("a file with a backslash in its name is one error saying why, not imports that silently break", () => {
    const dir = repo({ "src/hoc/api/cus/billing/routes.ts": VIOLATION, "src/hoc/api/cus/billing/a\\b.ts": VIOLATION });
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      "src/hoc/api/cus/billing/a\\b.ts: skipped: its name contains a backslash, which TypeScript reads as a folder separator; rename it",
    ]);
    expect(report.findings.map((f) => f.file)).toEqual(["src/hoc/api/cus/billing/routes.ts"]);
  });

  it("a folder with a line break in its name is scanned (tsconfig include and all), and shown escaped", () => {
    const dir = repo({ "tsconfig.json": JSON.stringify({ include: ["src"] }), "src/hoc/api/cus/bil\nling/routes.ts": VIOLATION });
    const { report, stdout } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.summary.files).toBe(2);
    expect(report.findings).toHaveLength(1);
    expect(hocAudit([dir, "--no-types"], REPO).stdout).toContain("src/hoc/api/cus/bil\\nling/routes.ts");
    expect(stdout).toContain("bil\\nling");
  });
});

describe("a scan of a subfolder", () => {
  it("honours the .gitignore files above it, up to the root", () => {
    const dir = repo({
      "hoc.config.json": "{}",
      ".gitignore": "generated/\n",
      "src/hoc/api/cus/billing/routes.ts": VIOLATION,
      "src/hoc/api/cus/billing/generated/routes.ts": VIOLATION.replace("../../../", "../../../../"),
    });
    const { report } = hocAuditJson([path.join(dir, "src"), "--no-types"], REPO);
    expect(report.findings.map((f) => f.file)).toEqual(["src/hoc/api/cus/billing/routes.ts"]);
    expect(report.summary.gates.find((g) => g.id === "scan")?.note).toBe("skipped: 1 folder ignored by .gitignore");
  });
});

describe("a tsconfig whose base is missing", () => {
  it("keeps its own paths, so a violation behind an alias is still found, and says what it could not read", () => {
    const dir = repo({
      "tsconfig.json": JSON.stringify({
        extends: "@acme/tsconfig/base.json",
        compilerOptions: { baseUrl: ".", paths: { "@engines/*": ["src/hoc/cus/billing/L5_engines/*"] } },
      }),
      "src/hoc/api/cus/billing/routes.ts": `import { total } from "@engines/invoice_engine";\nimport { gone } from "#src/nowhere";\nexport const r = total + gone;\n`,
    });
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(["hoc/layer-boundaries src/hoc/api/cus/billing/routes.ts:1"]);
    expect(report.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      'src/hoc/api/cus/billing/routes.ts: 2:22 cannot resolve import "#src/nowhere"; fix the path, or the tsconfig paths/baseUrl it relies on',
      "tsconfig.json: tsconfig problem: File '@acme/tsconfig/base.json' not found; fix it (its own options are used, without what it extends)",
    ]);
  });
});
