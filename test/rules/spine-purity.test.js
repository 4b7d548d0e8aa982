import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["spine-purity"];
import { fixture } from "../helpers/fixtures.js";

const spine = (rel) => path.join(fixture("hoc-sample"), "src/hoc/cus/hoc_spine", rel);
const strictRoot = path.join(fixture("hoc-sample"), "src/hoc/cus/hoc_spine/schemas/new_schema.ts");

new RuleTester().run("spine-purity", rule, {
  valid: [
    {
      name: "declarations: types, interfaces, enums, constants, schema objects, declarative classes, re-exports",
      filename: strictRoot,
      code: `import { z } from "zod";
export interface A { id: string }
export type B = A & { b: number };
export enum C { X = "x" }
export const LIMITS = { max: 10 } as const;
export const NAMES = ["a", "b"];
export const Schema = z.object({ id: z.string() });
export class Dto { id = ""; constructor(public readonly name: string) {} }
declare function ambient(): void;
export { type A as AA };`,
    },
    {
      name: "a utility importing other utilities and spine schemas",
      filename: spine("utilities/new_util.ts"),
      code: `import { stripInternalKeys } from "./strip_internal_keys.js";\nimport type { OperationContext } from "../schemas/operation_context.js";\nexport const f = (c: OperationContext) => stripInternalKeys(c.params);`,
    },
    { name: "services may do anything the spine may", filename: spine("services/new_service.ts"), code: `export function work() { return 1; }\nwork();` },
  ],
  invalid: [
    {
      name: "behaviour in a schema file",
      filename: strictRoot,
      code: `export function normalize(x: string) { return x.trim(); }
export class Validator { check() { return true; } }
export const isId = (v: unknown): v is string => typeof v === "string";
export const registry = new Map();
console.log("loaded");`,
      errors: [
        { messageId: "schemaBehaviour", line: 1 },
        { messageId: "schemaBehaviour", line: 2 },
        { messageId: "schemaBehaviour", line: 3 },
        { messageId: "schemaCall", line: 4 },
        { messageId: "schemaStatement", line: 5 },
      ],
    },
    {
      name: "a utility importing an engine, a driver and a database package",
      filename: spine("utilities/new_util.ts"),
      code: `import { IntegrationsFacade } from "../../integrations/L5_engines/integrations_facade.js";
import { IntegrationsDriver } from "../../integrations/L6_drivers/integrations_driver.js";
import { Pool } from "pg";
export const all = [IntegrationsFacade, IntegrationsDriver, Pool];`,
      errors: [
        { messageId: "utilityImport", line: 1 },
        { messageId: "utilityImport", line: 2 },
        { messageId: "utilityImport", line: 3 },
      ],
    },
  ],
});

new RuleTester().run("spine-purity (allowConstFunctions from settings)", rule, {
  valid: [
    {
      name: "a pure type guard as a const arrow, when the config allows it",
      filename: strictRoot,
      code: `export const isId = (v: unknown): v is string => typeof v === "string";`,
      settings: { hoc: { spinePurity: { allowConstFunctions: true } } },
    },
  ],
  invalid: [
    {
      name: "function declarations stay behaviour even then",
      filename: strictRoot,
      code: `export function isId(v: unknown): v is string { return typeof v === "string"; }`,
      settings: { hoc: { spinePurity: { allowConstFunctions: true } } },
      errors: [{ messageId: "schemaBehaviour", line: 1 }],
    },
  ],
});
