import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["no-unknown-operation"];
import { fixture } from "../helpers/fixtures.js";

const ruleTester = new RuleTester();
const api = (rel) => path.join(fixture("operations"), "src/hoc/api/cus", rel);

ruleTester.run("no-unknown-operation", rule, {
  valid: [
    {
      name: "literal, `as const` member, enum member and a re-exported const, all registered",
      filename: api("accounts/new_routes.ts"),
      code: `import { registry } from "../../../cus/hoc_spine/orchestrator/registry";
import { OPS, BillingOperation } from "../../../cus/hoc_spine/schemas/operation_names";
import { OPERATIONS } from "../../../cus/hoc_spine/schemas";
export const a = () => registry.execute("accounts.get", { tenantId: "t", params: {} });
export const b = () => registry.execute(OPS.INTEGRATIONS_SYNC, { tenantId: "t", params: {} });
export const c = () => registry.execute(BillingOperation.Charge, { tenantId: "t", params: {} });
export const d = () => registry.execute(OPERATIONS.INTEGRATIONS_QUERY, { tenantId: "t", params: {} });`,
    },
    {
      name: "a wrapper forwarding its parameter is decided by its callers; its callers are checked",
      filename: api("accounts/wrapper.ts"),
      code: `import { registry, dispatchOperation } from "../../../cus/hoc_spine/orchestrator/registry";
export function run(op: string) { return registry.execute(op, { tenantId: "t", params: {} }); }
export const ok = () => dispatchOperation("integrations.sync", { tenantId: "t", params: {} });`,
    },
    {
      name: "execute on something that is not a registry",
      filename: api("accounts/db.ts"),
      code: `declare const db: { execute(sql: string): void };
db.execute("select 1");`,
    },
  ],
  invalid: [
    {
      name: "a typo, with the suggestion",
      filename: api("integrations/more_routes.ts"),
      code: `import { registry } from "../../../cus/hoc_spine/orchestrator/registry";
export const s = () => registry.execute("integrations.querry", { tenantId: "t", params: {} });`,
      errors: [{ messageId: "unknown", line: 2, column: 41 }],
    },
    {
      name: "a declared const that nobody registers, through a free dispatch function",
      filename: api("accounts/more_routes.ts"),
      code: `import { dispatchOperation } from "../../../cus/hoc_spine/orchestrator/registry";
import { OPS } from "../../../cus/hoc_spine/schemas/operation_names";
export const del = () => dispatchOperation(OPS.ACCOUNTS_DELETE, { tenantId: "t", params: {} });`,
      errors: [{ messageId: "unknown", line: 3 }],
    },
  ],
});
