import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { createRequire } from "node:module";
import { compilePattern } from "../src/config/pattern.js";
import { DEFAULT_ALLOW, DEFAULT_LAYERS } from "../src/config/defaults.js";
import { REPO, tempRepo, writeFiles } from "./helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "./helpers/cli.js";

const require = createRequire(import.meta.url);
const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const repo = (/** @type {Record<string, string>} */ files) => tempRepo(files, temps);

describe("placeholder patterns", () => {
  it("capture one path segment per placeholder and float over any prefix", () => {
    const p = compilePattern("hoc/<audience>/<domain>/L5_engines/**");
    expect(p.match("backend/src/app/hoc/cus/billing/L5_engines/x/y.ts")).toEqual({ audience: "cus", domain: "billing" });
    expect(p.match("hoc/cus/billing/L5_engines/a.ts")).toEqual({ audience: "cus", domain: "billing" });
    expect(p.match("hoc/cus/billing/L6_drivers/a.ts")).toBeNull();
    expect(p.match("myhoc/cus/billing/L5_engines/a.ts")).toBeNull();
  });

  it("treat folder/** as the files below the folder, so a placeholder never captures a file name", () => {
    const p = compilePattern("hoc/api/<audience>/<domain>/**");
    expect(p.match("src/hoc/api/cus/shared.ts")).toBeNull();
    expect(p.match("src/hoc/api/cus/orders/routes.ts")).toEqual({ audience: "cus", domain: "orders" });
  });

  it("anchor at the root with ./ and support brace and star globs", () => {
    const p = compilePattern("./src/{controllers,routes}/*.ts");
    expect(p.match("src/routes/a.ts")).toEqual({});
    expect(p.match("lib/src/routes/a.ts")).toBeNull();
  });

  it("reject a placeholder used twice", () => {
    expect(() => compilePattern("<d>/x/<d>/**")).toThrow(/uses <d> twice/);
  });
});

describe("the shipped JSON Schema", () => {
  const validate = new Ajv({ strict: false }).compile(require("../schema/hoc.config.schema.json"));

  it("accepts the default profile written out in full", () => {
    expect(validate({ layers: DEFAULT_LAYERS, allow: DEFAULT_ALLOW, rules: { "hoc/layer-header": "warn" } }), JSON.stringify(validate.errors)).toBe(true);
  });

  it("accepts the shipped example configs (bench corpora)", () => {
    for (const name of ["controllers-services-repositories.hoc.config.json", "effect.hoc.config.json"]) {
      const config = JSON.parse(fs.readFileSync(path.join(REPO, "bench/corpora", name), "utf8"));
      expect(validate(config), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("rejects unknown keys and bad severities", () => {
    expect(validate({ layer: [] })).toBe(false);
    expect(validate({ rules: { "hoc/layer-boundaries": "fatal" } })).toBe(false);
  });

  it("is what the precompiled validator checks (src/config/schema-validator.cjs is up to date)", async () => {
    const { validatorSource, OUT } = await import("../scripts/build-validator.js");
    // After an edit of the schema: `npm run build:validator`.
    expect(fs.readFileSync(OUT, "utf8") === validatorSource(), "src/config/schema-validator.cjs is stale: run npm run build:validator").toBe(true);
    const precompiled = require("../src/config/schema-validator.cjs");
    for (const config of [{}, { layer: [] }, { rules: { "hoc/layer-boundaries": "fatal" } }, { layers: DEFAULT_LAYERS, allow: DEFAULT_ALLOW }]) {
      expect(precompiled(config)).toBe(validate(config));
    }
  });
});

describe("configuration errors are one line and exit 2", () => {
  const hocFile = { "src/hoc/cus/a/L5_engines/a.ts": "export const a = 1;\n" };
  /** @param {unknown} config */
  const run = (config, extraFiles = {}) => {
    const dir = repo({ ...hocFile, ...extraFiles, "hoc.config.json": typeof config === "string" ? config : JSON.stringify(config) });
    return { dir, ...hocAudit([dir], REPO) };
  };

  it.each([
    ["an unknown key", { rulez: {} }, /hoc\.config\.json: unknown key "rulez" at \(top level\)/],
    ["an unknown rule id", { rules: { "hoc/layer-bondaries": "error" } }, /unknown rule id "hoc\/layer-bondaries"; known rules: hoc\/layer-boundaries/],
    ["invalid JSON", "{ layers: [ }", /hoc\.config\.json: not valid JSON/],
    ["an allow row for an unknown layer", { allow: { L9: ["L2"] } }, /allow has a row for unknown layer "L9"/],
    ["an allow entry naming an unknown layer", { allow: { L5: ["L55"] } }, /allow names unknown layer "L55"/],
    [
      "a layer id defined twice",
      {
        layers: [
          { id: "a", level: 1, patterns: ["x/**"] },
          { id: "a", level: 2, patterns: ["y/**"] },
        ],
      },
      /layer id "a" is defined twice/,
    ],
    [
      "a user layer pattern that matches no file",
      {
        layers: [
          { id: "engine", level: 5, patterns: ["hoc/<aud>/<domain>/L5_engines/**"] },
          { id: "driver", level: 6, patterns: ["hoc/<aud>/<domain>/L6_driver/**"] },
        ],
      },
      /layer "driver" pattern "hoc\/<aud>\/<domain>\/L6_driver\/\*\*" matches no file; fix the pattern or remove it/,
    ],
  ])("%s", (_, config, message) => {
    const { code, stderr, stdout } = run(config);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stdout).toBe("");
  });

  it("a --config file that does not exist", () => {
    const dir = repo(hocFile);
    const { code, stderr } = hocAudit([dir, "--config", path.join(dir, "nope.json")], REPO);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.json: cannot read the config file \(ENOENT\)/);
  });
});

describe("a project's own layers", () => {
  it("audits a controllers/services/repositories backend from hoc.config.json, with rule severities", () => {
    const dir = repo({
      "hoc.config.json": JSON.stringify({
        layers: [
          { id: "controller", name: "controller", level: 2, patterns: ["./src/controllers/**"] },
          { id: "service", name: "service", level: 4, patterns: ["./src/services/<domain>/**"] },
          { id: "repository", name: "repository", level: 6, patterns: ["./src/repositories/<domain>/**"] },
        ],
        allow: {
          controller: ["service"],
          service: [
            { to: "service", same: ["domain"] },
            { to: "repository", same: ["domain"] },
          ],
          repository: [{ to: "repository", same: ["domain"] }],
        },
        rules: { "hoc/barrel-hygiene": "off", "hoc/layer-header": "warn" },
      }),
      "src/controllers/users.ts": `import { UsersService } from "../services/users/users_service";\nimport { UsersRepo } from "../repositories/users/users_repo";\nexport const c = [UsersService, UsersRepo];\n`,
      "src/services/users/users_service.ts": `import { OrdersRepo } from "../../repositories/orders/orders_repo";\nexport class UsersService { o = OrdersRepo; }\n`,
      "src/services/users/index.ts": `export const sideEffect = console.log("x");\n`,
      "src/repositories/users/users_repo.ts": "// Layer: L9\nexport class UsersRepo {}\n",
      "src/repositories/orders/orders_repo.ts": "export class OrdersRepo {}\n",
    });
    const { report, code } = hocAuditJson([dir], REPO);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      "error hoc/layer-boundaries src/controllers/users.ts:2",
      "warning hoc/layer-header src/repositories/users/users_repo.ts:1",
      "error hoc/layer-boundaries src/services/users/users_service.ts:1",
    ]);
    expect(report.findings[0].message).toContain("controller imports repository (users)");
    expect(report.findings[2].message).toContain("a cross-domain import");
    const status = Object.fromEntries(report.summary.gates.map((g) => [g.id, g.status]));
    expect(status).toMatchObject({
      "layer-boundaries": "fail",
      "layer-header": "warn",
      "operation-ownership": "pass",
      scan: "pass",
      "module-resolution": "pass",
    });
    expect(status["barrel-hygiene"]).toBeUndefined();
  });

  it("honours tsconfig include/exclude and project references when choosing files", () => {
    const dir = repo({
      "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./packages/api" }] }),
      "packages/api/tsconfig.json": JSON.stringify({ compilerOptions: { composite: true }, include: ["src"], exclude: ["src/**/*.generated.ts"] }),
      "packages/api/src/hoc/api/cus/orders/routes.ts": `import { OrdersDriver } from "../../../cus/orders/L6_drivers/driver";\nexport const d = OrdersDriver;\n`,
      "packages/api/src/hoc/api/cus/orders/routes.generated.ts": `import { OrdersDriver } from "../../../cus/orders/L6_drivers/driver";\nexport const d = OrdersDriver;\n`,
      "packages/api/src/hoc/cus/orders/L6_drivers/driver.ts": "export class OrdersDriver {}\n",
      "packages/api/scripts/hoc/api/cus/orders/seed.ts": `import { OrdersDriver } from "../../../../../src/hoc/cus/orders/L6_drivers/driver";\nexport const d = OrdersDriver;\n`,
    });
    const { report } = hocAuditJson([dir], REPO);
    expect(report.findings.map((f) => f.file)).toEqual(["packages/api/src/hoc/api/cus/orders/routes.ts"]);
    expect(report.summary.files).toBe(2);
  });

  it("resolves workspace packages and tsconfig paths to the real files", () => {
    const dir = repo({
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }),
      "packages/domain/package.json": JSON.stringify({ name: "@acme/domain", main: "src/index.ts", types: "src/index.ts" }),
      "packages/domain/src/index.ts": `export { BillingDriver } from "./hoc/cus/billing/L6_drivers/billing_driver";\n`,
      "packages/domain/src/hoc/cus/billing/L6_drivers/billing_driver.ts": "export class BillingDriver {}\n",
      "packages/web/tsconfig.json": JSON.stringify({
        compilerOptions: { moduleResolution: "Bundler", module: "ESNext", baseUrl: ".", paths: { "#billing/*": ["../domain/src/hoc/cus/billing/*"] } },
      }),
      "packages/web/src/hoc/api/cus/billing/routes.ts": `import { BillingDriver } from "@acme/domain";\nimport { BillingDriver as B2 } from "#billing/L6_drivers/billing_driver";\nexport const d = [BillingDriver, B2];\n`,
    });
    // What a workspace install leaves behind: a symlink from node_modules to the package.
    fs.mkdirSync(path.join(dir, "node_modules/@acme"), { recursive: true });
    fs.symlinkSync(path.join(dir, "packages/domain"), path.join(dir, "node_modules/@acme/domain"));
    const { report } = hocAuditJson([dir], REPO);
    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual([
      "packages/web/src/hoc/api/cus/billing/routes.ts:1",
      "packages/web/src/hoc/api/cus/billing/routes.ts:2",
    ]);
    expect(report.findings[0].message).toContain("reached via packages/domain/src/index.ts");
  });
});
