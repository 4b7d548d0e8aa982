import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["invariant-binding"];
import { fixture } from "../helpers/fixtures.js";

const ruleTester = new RuleTester();
const spine = (rel) => path.join(fixture("operations"), "src/hoc/cus/hoc_spine", rel);

ruleTester.run("invariant-binding", rule, {
  valid: [
    {
      name: "bound to a registered operation, an alias target, a method-map value and a const",
      filename: spine("authority/more_invariants.ts"),
      code: `import { OPS } from "../schemas/operation_names";
export const BILLING_INVARIANTS = [
  { id: "A", operation: "accounts.get", check: () => true },
  { id: "B", operation: "account.read", check: () => true },
  { id: "C", operation: "billing.void_invoice", check: () => true },
  { id: "D", operation: OPS.INTEGRATIONS_QUERY, check: () => true },
];`,
    },
    {
      name: "the seed bug fixed: the integrations handler maps disable_integration to integration.disable",
      filename: spine("orchestrator/handlers/integrations_handler.ts"),
      code: `import { OPERATIONS } from "@spine/schemas";
declare const ctx: { params: { method?: string } };
export const METHOD_INVARIANT_MAP = { disable_integration: "integration.disable" } as const;
export const INTEGRATIONS_OPERATION_HANDLERS = { [OPERATIONS.INTEGRATIONS_QUERY]: { execute: async () => ctx.params.method === "disable_integration" } };
export const INVARIANTS = [{ id: "BI-INTEG-002", operation: "integration.disable" }];`,
    },
    {
      name: "a handler that dispatches through a method table handles all its keys",
      filename: spine("orchestrator/handlers/integrations_handler.ts"),
      code: `import { OPERATIONS } from "@spine/schemas";
const handlers = { disable_integration: () => 1, list: () => 2 };
export const METHOD_INVARIANT_MAP = { disable_integration: "integration.disable" } as const;
export const INTEGRATIONS_OPERATION_HANDLERS = { [OPERATIONS.INTEGRATIONS_QUERY]: { execute: async (m: keyof typeof handlers) => handlers[m]() } };
export const run = (method: keyof typeof handlers) => handlers[method]();`,
    },
    {
      name: "an array that is not an invariant list",
      filename: spine("authority/routes_table.ts"),
      code: `export const ROUTES = [{ operation: "nothing.here", path: "/x" }];`,
    },
  ],
  invalid: [
    {
      name: "the seed bug: bound to integration.disable, while the route dispatches integrations.query with a method",
      filename: spine("authority/invariants.ts"),
      code: `export const INVARIANTS = [
  { id: "BI-INTEG-002", operation: "integration.disable", severity: "HIGH" },
];`,
      errors: [{ messageId: "neverFires", line: 2, column: 36 }],
    },
    {
      name: "a method-map entry the handler never handles, and an invariant only that entry could fire",
      filename: spine("orchestrator/handlers/integrations_handler.ts"),
      code: `import { OPERATIONS } from "@spine/schemas";
declare const ctx: { params: { method?: string } };
export const METHOD_INVARIANT_MAP = { disable: "integration.disable" } as const;
export const INTEGRATIONS_OPERATION_HANDLERS = { [OPERATIONS.INTEGRATIONS_QUERY]: { execute: async () => ctx.params.method === "disable_integration" } };`,
      errors: [{ messageId: "deadMapEntry", line: 3, column: 39 }],
    },
    {
      name: "a map in a file that registers nothing does not make an invariant fire",
      filename: spine("authority/invariants.ts"),
      code: `export const SUB_OPERATION_MAP = { disable_integration: "integration.disable" };
export const INVARIANTS = [{ id: "X", operation: "integration.disable" }];`,
      errors: [{ messageId: "neverFires", line: 2 }],
    },
  ],
});
