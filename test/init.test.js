// `hoc-audit init`: the layout decision over plain file lists, and the CLI on three fixture layouts, whose starter
// config must audit them with no config error and find exactly the violation each one plants.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recognizeLayout, starterConfig } from "../src/config/layouts.js";
import { key, plantedFindings, tempCopies, writeFiles } from "./helpers/fixtures.js";
import { hocAudit, hocAuditJson } from "./helpers/cli.js";

const temp = tempCopies();

describe("recognising a layout (plain file lists)", () => {
  const layersOf = (/** @type {string[]} */ files) => recognizeLayout(files)?.layers.map((l) => `${l.id} ${l.patterns.join(" ")}`);

  it("the HOC tree: the default profile, nothing to write but $schema", () => {
    const layout = recognizeLayout(["src/hoc/api/cus/billing/routes.ts", "src/hoc/cus/billing/L5_engines/invoice_engine.ts"]);
    expect(layout?.kind).toBe("hoc");
    expect(starterConfig(/** @type {any} */ (layout))).toEqual({ $schema: "./node_modules/eslint-plugin-hoc/schema/hoc.config.schema.json" });
  });

  it("folders by role, all below the folder of the top-most role (not picked from a frontend beside it)", () => {
    expect(
      layersOf([
        "apps/web/src/lib/format.ts",
        "apps/api/src/controllers/user.ts",
        "apps/api/src/services/user.ts",
        "apps/api/src/repositories/user.ts",
        "apps/api/src/models/user.ts",
        "apps/api/src/services/__tests__/user.test.ts",
      ]),
    ).toEqual([
      "api ./apps/api/src/controllers/**",
      "service ./apps/api/src/services/**",
      "repository ./apps/api/src/repositories/**",
      "model ./apps/api/src/models/**",
    ]);
  });

  it("modules/<domain>/ with roles by suffix; repositories stay in their domain", () => {
    const layout = recognizeLayout([
      "src/modules/a/a.controller.ts",
      "src/modules/a/a.service.ts",
      "src/modules/a/a.repository.ts",
      "src/modules/b/b.service.ts",
      "src/modules/b/b.repository.ts",
    ]);
    expect(layout?.kind).toBe("modules");
    expect(layout?.layers.map((l) => l.patterns[0])).toEqual([
      "./src/modules/<domain>/**/*.controller.ts",
      "./src/modules/<domain>/**/*.service.ts",
      "./src/modules/<domain>/**/*.repository.ts",
    ]);
    expect(layout?.allow.service).toEqual(["service", { to: "repository", same: ["domain"] }]);
  });

  it("suffixes without a modules folder (NestJS feature folders)", () => {
    expect(layersOf(["src/app/order/order.controller.ts", "src/app/order/order.service.ts", "src/app/user/user.service.ts"])).toEqual([
      "api ./src/app/order/**/*.controller.ts",
      "service ./src/app/**/*.service.ts",
    ]);
  });

  it("nothing layered: no layout", () => {
    expect(recognizeLayout(["src/index.ts", "src/util.ts", "src/services/only.ts"])).toBeNull();
  });
});

describe.each(["folders", "routes-lib-queries", "modules"])("hoc-audit init on fixtures/layouts/%s", (name) => {
  it("writes a config with $schema that audits the layout: exactly the planted violation, no config or scan error", () => {
    const dir = temp(`layouts/${name}`);
    const init = hocAudit(["init"], dir);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^Recognised .+ Wrote hoc\.config\.json:/);
    const config = JSON.parse(fs.readFileSync(path.join(dir, "hoc.config.json"), "utf8"));
    expect(config.$schema).toBe("./node_modules/eslint-plugin-hoc/schema/hoc.config.schema.json");
    const { code, report, stderr } = hocAuditJson([], dir);
    expect(stderr).toBe("");
    expect(report.errors).toEqual([]);
    expect(code).toBe(1);
    expect(report.findings.map(key)).toEqual(plantedFindings(dir).map(key));
  });
});

describe("hoc-audit init, the edges", () => {
  it("--dry-run prints the config and writes nothing; advice in messages names the layout's own layers", () => {
    const dir = temp("layouts/folders");
    const { code, stdout } = hocAudit(["init", "--dry-run"], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).layers.map((/** @type {{ id: string }} */ l) => l.id)).toEqual(["api", "service", "repository", "model"]);
    expect(fs.existsSync(path.join(dir, "hoc.config.json"))).toBe(false);
    fs.writeFileSync(path.join(dir, "hoc.config.json"), stdout);
    const message = hocAuditJson([], dir).report.findings[0].message;
    expect(message).toContain("Call service instead, and let it call repository.");
    expect(message).not.toContain("registry.execute");
  });

  it("does not overwrite a config (exit 2, one line) unless --force", () => {
    const dir = temp("layouts/modules");
    writeFiles(dir, { "hoc.config.json": "{}\n" });
    const r = hocAudit(["init"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hoc-audit init: hoc\.config\.json exists; edit it, or run with --force/);
    expect(hocAudit(["init", "--force"], dir).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "hoc.config.json"), "utf8")).layers.length).toBe(4);
  });

  it("counts what the walk could not read instead of dropping it", () => {
    const dir = temp("layouts/folders");
    fs.symlinkSync(path.join(dir, "src"), path.join(dir, "src/loop"));
    const r = hocAudit(["init"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^hoc-audit init: note: the layout was recognised without some files \(1 path could not be read, e\.g\. .*src\/loop; hoc-audit lists them\)\n$/,
    );
  });

  it("says when it recognises nothing (exit 2)", () => {
    const dir = temp(null);
    writeFiles(dir, { "src/index.ts": "export const x = 1;\n" });
    const r = hocAudit(["init"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no layout recognised in 1 source files .*write "layers" and "allow" by hand/);
  });
});
