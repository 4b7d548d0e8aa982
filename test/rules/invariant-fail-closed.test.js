// Invariant modules linted inside fixtures/contracts (the checkers module and the registry are read from disk).
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["invariant-fail-closed"];
const root = fixture("contracts");
const invariants = path.join(root, "src/hoc/cus/hoc_spine/authority/new_invariants.ts");
const head = `import type { InvariantContext } from "../schemas/contexts";\n`;
const list = (check) => `${head}export const INVARIANTS = [{ id: "BI-X-001", operation: "accounts.get", severity: "HIGH", check: ${check} }];`;

new RuleTester().run("invariant-fail-closed", rule, {
  valid: [
    { name: "absence fails", filename: invariants, code: list(`(ctx: InvariantContext) => ctx.facts.account_exists === true`) },
    { name: "a failing default", filename: invariants, code: list(`(ctx: InvariantContext) => ctx.get("account_exists", false) === true`) },
    {
      name: "a presence test that fails when absent",
      filename: invariants,
      code: list(`(ctx: InvariantContext) => { if (ctx.facts.account_exists === undefined) return false; return ctx.facts.account_exists === true; }`),
    },
    { name: "not a fact name", filename: invariants, code: list(`(ctx: InvariantContext) => (ctx.facts.retries ?? true) === true`) },
    {
      name: "outside checker code, a permissive default is someone else's business",
      filename: path.join(root, "src/hoc/cus/hoc_spine/services/flags.ts"),
      code: `export const flag = (f: { enabled?: boolean }) => f.enabled ?? true;`,
    },
    {
      name: "a dispatch that fails the unknown",
      filename: invariants,
      code: `${list(`(ctx: InvariantContext) => ctx.facts.x_exists === true`)}\nexport function run(operation: string) { switch (operation) { case "accounts.get": return true; default: throw new Error(operation); } }`,
    },
  ],
  invalid: [
    {
      name: "?? true",
      filename: invariants,
      code: list(`(ctx: InvariantContext) => ctx.facts.integration_exists ?? true`),
      errors: [{ messageId: "fallbackPasses", line: 2, data: { text: "ctx.facts.integration_exists ?? true", fact: "integration_exists" } }],
    },
    {
      name: "get with a passing default",
      filename: invariants,
      code: list(`(ctx: InvariantContext) => ctx.get("integration_exists", true) === true`),
      errors: [{ messageId: "defaultPasses", line: 2 }],
    },
    {
      name: "a destructuring default",
      filename: invariants,
      code: list(`({ facts: { integration_exists = true } }: InvariantContext) => integration_exists === true`),
      errors: [{ messageId: "defaultPasses", line: 2 }],
    },
    {
      name: "absence satisfies the condition",
      filename: invariants,
      code: list(`(ctx: InvariantContext) => ctx.facts.status === undefined || ctx.facts.status === "active"`),
      errors: [{ messageId: "absencePasses", line: 2 }],
    },
    {
      name: "fails only when present",
      filename: invariants,
      code: list(`(ctx: InvariantContext) => { if ("is_member" in ctx.facts && !ctx.facts.is_member) return { passed: false }; return { passed: true }; }`),
      errors: [{ messageId: "onlyWhenPresent", line: 2 }],
    },
    {
      name: "a named checker declared in this module, and the module's catch-all",
      filename: invariants,
      code: `${head}function canRefund(ctx: InvariantContext) { return ctx.facts.refund_allowed || true; }
export const INVARIANTS = [{ id: "BI-X-002", operation: "billing.refund", severity: "HIGH", check: canRefund }];
export function run(ctx: InvariantContext) { const check = CHECKS[ctx.operation]; if (!check) return { passed: true }; return check(ctx); }
declare const CHECKS: Record<string, (c: InvariantContext) => { passed: boolean }>;`,
      errors: [
        { messageId: "fallbackPasses", line: 2 },
        { messageId: "unknownOperationPasses", line: 4 },
      ],
    },
  ],
});
