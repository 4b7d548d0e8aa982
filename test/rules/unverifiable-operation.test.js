// Operation names that cannot be resolved statically, at the three places names appear: registrations,
// dispatches and invariant bindings. The rest of fixtures/operations is read from disk.
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["unverifiable-operation"];
const root = fixture("operations");
const spine = (rel) => path.join(root, "src/hoc/cus/hoc_spine", rel);
const api = (rel) => path.join(root, "src/hoc/api/cus", rel);

new RuleTester().run("unverifiable-operation", rule, {
  valid: [
    {
      name: "literals, consts of an `as const` object, and a wrapper that forwards its parameter",
      filename: spine("orchestrator/handlers/accounts_handler.ts"),
      code: `import { registry } from "../registry";
import { OPS } from "../../schemas/operation_names";
export function register() { registry.register(OPS.ACCOUNTS_GET, { execute: async () => 1 }); registry.register("accounts.query", { execute: async () => 1 }); }
export const run = (op: string, ctx: { tenantId: string; params: {} }) => registry.execute(op, ctx);`,
    },
  ],
  invalid: [
    {
      name: "a registration whose name is computed",
      filename: spine("orchestrator/handlers/billing_handler.ts"),
      code: `import { registry } from "../registry";
const verbs = ["a", "b"];
for (const v of verbs) registry.register("billing." + v, { execute: async () => 1 });`,
      errors: [{ messageId: "registration", line: 3, data: { text: '"billing." + v' } }],
    },
    {
      name: "a dispatch whose name is computed",
      filename: api("accounts/more_routes.ts"),
      code: `import { registry } from "../../../cus/hoc_spine/orchestrator/registry";
export const run = (verb: string) => registry.execute(["accounts", verb].join("."), { tenantId: "t", params: {} });`,
      errors: [{ messageId: "dispatch", line: 2 }],
    },
    {
      name: "an invariant bound to a template with a variable",
      filename: spine("authority/invariants.ts"),
      code: `const domain = process.env.DOMAIN;
export const INVARIANTS = [{ id: "X", operation: \`\${domain}.query\` }];`,
      errors: [{ messageId: "binding", line: 2 }],
    },
  ],
});
