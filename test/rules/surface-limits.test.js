// Schemas and bridges linted inside fixtures/models (default limits: 12 schema methods, 5 bridge methods).
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { describe, expect, it, vi } from "vitest";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["surface-limits"];
const root = fixture("models");
const schema = path.join(root, "src/hoc/cus/orders/L5_schemas/refund_ports.ts");
const driver = path.join(root, "src/hoc/cus/orders/L6_drivers/tax_bridge.ts");
const methods = (/** @type {number} */ n, /** @type {string} */ indent = "  ") => Array.from({ length: n }, (_, i) => `${indent}m${i}(): void;`).join("\n");
const bodies = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => `  m${i}() {}`).join("\n");

new RuleTester().run("surface-limits", rule, {
  valid: [
    {
      name: "12 methods (overloads once, properties that are not functions not at all)",
      filename: schema,
      code: `export interface P {\n${methods(11)}\n  m0(x: number): void;\n  last: () => void;\n  name: string;\n}`,
    },
    {
      name: "a wide interface outside the schema layer is not a schema's",
      filename: path.join(root, "src/hoc/cus/orders/L5_engines/engine_ports.ts"),
      code: `export interface P {\n${methods(20)}\n}`,
    },
    {
      name: "a bridge with 5 public methods and private helpers",
      filename: driver,
      code: `export class TaxBridge {\n${bodies(5)}\n  private a() {}\n  protected b() {}\n  #c() {}\n  get d() { return 1; }\n}`,
    },
    { name: "a `*Bridge` class outside the HOC tree", filename: path.join(root, "src/lib/erp_bridge.ts"), code: `export class ErpBridge {\n${bodies(9)}\n}` },
    {
      name: "limits from the rule's ESLint options (its surfaceLimits section), merged over the config's",
      filename: driver,
      options: [{ maxBridgeMethods: 8 }],
      code: `export class TaxBridge {\n${bodies(8)}\n}`,
    },
    {
      name: "limits from settings",
      filename: driver,
      settings: { hoc: { root, surfaceLimits: { maxBridgeMethods: 8 } } },
      code: `export class TaxBridge {\n${bodies(8)}\n}`,
    },
  ],
  invalid: [
    {
      name: "an interface and an object type of a schema module over the limit",
      filename: schema,
      code: `export interface RefundPort {\n${methods(13)}\n}\nexport type RefundPolicy = {\n${methods(14)}\n};`,
      errors: [
        { messageId: "schemaTooWide", line: 1, column: 18, data: { kind: "Interface", name: "RefundPort", layer: "L5 schema", methods: "13", limit: "12" } },
        { messageId: "schemaTooWide", line: 16, data: { kind: "Type", name: "RefundPolicy", layer: "L5 schema", methods: "14", limit: "12" } },
      ],
    },
    {
      name: "a bridge over the limit",
      filename: driver,
      code: `export class TaxBridge {\n${bodies(6)}\n}`,
      errors: [{ messageId: "bridgeTooWide", line: 1, column: 14, data: { name: "TaxBridge", methods: "6", limit: "5" } }],
    },
    {
      name: "ESLint options keep the keys they do not set (bridgeClasses from settings, the limit from options)",
      filename: driver,
      settings: { hoc: { root, surfaceLimits: { bridgeClasses: { extend: ["*Adapter"] } } } },
      options: [{ maxBridgeMethods: 3 }],
      code: `export class TaxAdapter {\n${bodies(4)}\n}`,
      errors: [{ messageId: "bridgeTooWide", data: { name: "TaxAdapter", methods: "4", limit: "3" } }],
    },
    {
      name: "bridge names from settings",
      filename: driver,
      settings: { hoc: { root, surfaceLimits: { bridgeClasses: { extend: ["*Adapter"] } } } },
      code: `export class TaxAdapter {\n${bodies(6)}\n}`,
      errors: [{ messageId: "bridgeTooWide", data: { name: "TaxAdapter", methods: "6", limit: "5" } }],
    },
  ],
});

describe("rule options are validated by ESLint against the config's JSON Schema", () => {
  it("a wrong type is ESLint's configuration error naming the rule and the value", async () => {
    const { Linter } = await import("eslint");
    const linter = new Linter();
    expect(() =>
      linter.verify(
        "export const x = 1;\n",
        [{ ...plugin.configs.recommended, rules: { "hoc/surface-limits": ["warn", { maxBridgeMethods: "many" }] } }],
        driver,
      ),
    ).toThrow(/hoc\/surface-limits.*"many" should be integer/s);
  });

  it("settings.hoc.rules, which ESLint cannot honour, is said once rather than ignored", async () => {
    const { Linter } = await import("eslint");
    const { resetProjects } = await import("../../src/eslint/project-cache.js");
    resetProjects();
    const spy = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const config = [{ ...plugin.configs.recommended, settings: { hoc: { root, rules: { "hoc/surface-limits": "off" } } } }];
      new Linter().verify("export const x = 1;\n", config, driver);
      new Linter().verify("export const y = 1;\n", config, driver);
      expect(spy.mock.calls.filter((c) => String(c[0]).includes("settings.hoc.rules has no effect in ESLint"))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("a rule that reads only shared sections takes no options", () => {
    expect(plugin.rules["layer-boundaries"].meta.schema).toEqual([]);
  });
});
