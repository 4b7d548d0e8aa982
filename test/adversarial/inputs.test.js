// Untrusted text and hostile paths: what the repository or the command line holds can make a run fail with one
// line, never forge output, print a secret, hang on a device, or leave a half-written file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../eslint-plugin.js";
import { threadCount } from "../../src/project/parallel.js";
import { readBaseline } from "../../src/report/known.js";
import { REPO, tempRepo } from "../helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "../helpers/cli.js";

/** @type {string[]} */
const temps = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe("text from the scanned code", () => {
  // A specifier that, printed raw, starts a new line with a GitHub Actions workflow command.
  const FORGED = "../../../cus/billing/L5_engines/x\\n::error file=README.md::forged\\u001b[31m";

  it("cannot start a line of its own or carry an escape sequence, in any format and in ESLint", async () => {
    const dir = tempRepo(
      {
        "src/hoc/api/cus/billing/routes.ts": `import { x } from "${FORGED}";\nexport const r = x;\n`,
        "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n",
      },
      temps,
    );
    for (const format of ["text", "markdown", "json", "sarif"]) {
      const { stdout, stderr } = hocAudit([dir, "--no-types", "--format", format], REPO);
      for (const line of `${stdout}\n${stderr}`.split("\n")) expect(line.startsWith("::error"), `${format}: ${line}`).toBe(false);
      expect(stdout + stderr, format).not.toContain("\u001b");
    }
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.errors[0].message).toContain("x\\n::error file=README.md::forged\\u001b[31m");
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const [result] = await eslint.lintFiles(["src/hoc/api/cus/billing/routes.ts"]);
    for (const m of result.messages) expect(m.message).not.toMatch(/[\n\u001b]/);
  });
});

describe("names that are also Object.prototype's", () => {
  it("an operation or export called constructor, __proto__ or toString is looked up as a name, not on the prototype", () => {
    const dir = tempRepo(
      {
        "src/hoc/cus/a/L5_engines/e.ts": "export function constructor() { return 1; }\nexport const toString = 2;\n",
        "src/hoc/api/cus/a/r.ts": [
          'import { constructor, toString, hasOwnProperty } from "../../../cus/a/L5_engines/e";',
          "const registry: any = {};",
          'registry.register("constructor", constructor);',
          'registry.execute("__proto__", {});',
          "export const v = toString + hasOwnProperty;",
        ].join("\n"),
      },
      temps,
    );
    const { stdout } = hocAudit([dir, "--no-types"], REPO);
    expect(stdout).not.toMatch(/native code|\[object Object\]/);
    expect(stdout).toContain("Move the registration into the `constructor` handler module");
    expect(stdout).toContain("which domain `__proto__` owns");
  });

  it("a model method or decorator called toString is no association or relation, and the facts go into the cache", () => {
    const dir = tempRepo(
      {
        "src/hoc/models/post.ts": [
          'import { Model, DataTypes } from "sequelize";',
          'import { Column, Entity, toString } from "typeorm";',
          "export class Post extends Model {}",
          "export class User extends Model {}",
          'Post.init({ title: DataTypes.STRING }, { sequelize: undefined as never, tableName: "posts" });',
          "Post.toString(User);",
          "Post.constructor(User);",
          "@Entity()",
          "export class Tag {",
          "  @toString() label!: string;",
          "  @Column() name!: string;",
          "}",
        ].join("\n"),
      },
      temps,
    );
    const cache = path.join(dir, "..", `${path.basename(dir)}-facts.bin`);
    temps.push(cache);
    const r = hocAudit([dir, "--no-types", "--cache-location", cache], REPO);
    expect(r.stderr).not.toMatch(/internal error|could not be cloned|could not be stored/);
    expect(r.code).not.toBe(2);
    expect(fs.existsSync(cache)).toBe(true);
  });
});

describe("paths the user names", () => {
  it("a config or baseline path to a device is one line, not a hang or an out-of-memory", () => {
    const dir = tempRepo({ "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n" }, temps);
    const config = hocAudit([dir, "--config", "/dev/zero"], REPO);
    expect(config.code).toBe(2);
    expect(config.stderr).toBe("hoc-audit: /dev/zero: the config file is not a regular file; check the path given to --config\n");
    const baseline = hocAudit([dir, "--baseline", "/dev/zero"], REPO);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/^hoc-audit: \/dev\/zero: the baseline is not a regular file; write one with --write-baseline zero\n$/);
  });

  it("a config path to a secrets file does not print any of it", () => {
    const dir = tempRepo({ ".env": "DATABASE_PASSWORD=hunter2\nAPI_KEY=abc\n", "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n" }, temps);
    const r = hocAudit([dir, "--config", path.join(dir, ".env")], REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/DATABASE|hunter2|API_KEY/);
    expect(r.stderr).toMatch(/\.env: not valid JSON( at \d+:\d+)?; fix the syntax/);
  });

  it("--write-baseline and --output replace the file whole, leaving no temporary file", () => {
    const dir = tempRepo(
      {
        "src/hoc/api/cus/billing/routes.ts": `import { x } from "../../../cus/billing/L5_engines/x";\nexport const r = x;\n`,
        "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n",
      },
      temps,
    );
    const out = path.join(dir, "reports/baseline.json");
    fs.mkdirSync(path.dirname(out));
    fs.writeFileSync(out, "previous");
    expect(hocAudit([dir, "--no-types", "--write-baseline", out], REPO).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).findings).toHaveLength(1);
    expect(hocAudit([dir, "--no-types", "--format", "json", "--output", path.join(dir, "reports/r.json")], REPO).code).toBe(1);
    expect(fs.readdirSync(path.join(dir, "reports")).sort()).toEqual(["baseline.json", "r.json"]);
  });

  it("a baseline of 20,000 entries is read in one pass, with each entry's line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-baseline-"));
    temps.push(dir);
    const findings = Array.from({ length: 20000 }, (_, i) => ({
      ruleId: "hoc/layer-boundaries",
      file: `src/f${i}.ts`,
      fingerprint: `fp${String(i).padStart(6, "0")}`,
    }));
    const file = path.join(dir, "b.json");
    fs.writeFileSync(file, JSON.stringify({ tool: "hoc-audit", findings }, null, 2));
    const read = readBaseline(file);
    expect(read.entries).toHaveLength(20000);
    // JSON.stringify(…, null, 2): 3 lines of header, 5 lines per entry, the fingerprint on the 4th.
    expect(read.lines[0]).toBe(7);
    expect(read.lines[19999]).toBe(7 + 5 * 19999);
  });

  it("a glob that would backtrack exponentially is refused with one line, not matched for hours", () => {
    const dir = tempRepo(
      { "hoc.config.json": JSON.stringify({ exclude: ["src/*a*a*a*a*a*a*a*a*a*a*a*a*b"] }), "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n" },
      temps,
    );
    const r = hocAudit([dir], REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hoc\.config\.json: pattern "src\/\*a\*a.*" has more than three `\*` in one folder name .*; simplify it\n$/);
  });

  it("a path that does not exist is said to be missing", () => {
    const r = hocAudit(["no/such/folder"], REPO);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("hoc-audit: no/such/folder: no such file or folder; check the paths given to hoc-audit\n");
  });

  it("a UTF-16 source (with its byte order mark) is read as text, not binary", () => {
    const dir = tempRepo({ "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n" }, temps);
    const route = 'import { x } from "../../../cus/billing/L5_engines/x";\nexport const r = x;\n';
    fs.mkdirSync(path.join(dir, "src/hoc/api/cus/billing"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src/hoc/api/cus/billing/le.ts"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(route, "utf16le")]));
    const be = Buffer.from(route, "utf16le");
    be.swap16();
    fs.writeFileSync(path.join(dir, "src/hoc/api/cus/billing/be.ts"), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(["src/hoc/api/cus/billing/be.ts:1:19", "src/hoc/api/cus/billing/le.ts:1:19"]);
  });

  it("a UTF-8 byte order mark does not shift columns on line 1: both front ends report the same place", async () => {
    const dir = tempRepo(
      {
        "src/hoc/cus/billing/L5_engines/x.ts": "export const x = 1;\n",
        "src/hoc/api/cus/billing/routes.ts": '\uFEFFimport { x } from "../../../cus/billing/L5_engines/x";\nexport const r = x;\n',
      },
      temps,
    );
    const { report } = hocAuditJson([dir, "--no-types"], REPO);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const [result] = await eslint.lintFiles(["src/hoc/api/cus/billing/routes.ts"]);
    expect(report.findings.map((f) => `${f.line}:${f.column}`)).toEqual(result.messages.map((m) => `${m.line}:${m.column}`));
    expect(result.messages.map((m) => `${m.line}:${m.column}`)).toEqual(["1:19"]);
  });

  it("--threads is bounded by the machine", () => {
    const cores = os.availableParallelism();
    expect(threadCount(100000, 10000)).toBe(2 * cores);
    expect(threadCount(100000, 1)).toBe(1);
  });

  it("a closed pipe ends the output quietly; a full disk is one line and exit 2", () => {
    const bin = path.join(REPO, "bin/hoc-audit.js");
    const full = spawnSync("sh", ["-c", `node ${JSON.stringify(bin)} fixtures/layer-violations > /dev/full`], { cwd: REPO, encoding: "utf8" });
    expect(full.status).toBe(2);
    expect(full.stderr).toBe("hoc-audit: cannot write the report to standard output (ENOSPC); use --output FILE\n");
    const piped = spawnSync(
      "sh",
      ["-c", `node ${JSON.stringify(bin)} fixtures/layer-violations --format json | head -c 10 > /dev/null; echo "\${PIPESTATUS:-}"`],
      {
        cwd: REPO,
        encoding: "utf8",
      },
    );
    expect(piped.stderr).toBe("");
  });
});
