// The code under test replaces one file of fixtures/operations; the rest of the project (other handlers,
// constants, barrels) is read from disk, as the editor would see it.
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["operation-ownership"];
import { fixture } from "../helpers/fixtures.js";

const ruleTester = new RuleTester();
const spine = (rel) => path.join(fixture("operations"), "src/hoc/cus/hoc_spine", rel);

ruleTester.run("operation-ownership", rule, {
  valid: [
    {
      name: "the accounts handler registering each name once (consts from an `as const` object)",
      filename: spine("orchestrator/handlers/accounts_handler.ts"),
      code: `import { registry } from "../registry";
import { OPS } from "../../schemas/operation_names";
export function register() { registry.register(OPS.ACCOUNTS_GET, { execute: async () => 1 }); }`,
    },
    {
      name: "a spine operation listed in spineOperations, registered outside handler modules",
      filename: spine("orchestrator/bootstrap.ts"),
      code: `import { registry } from "./registry";
import { SYSTEM_PING } from "../schemas/operation_names";
registry.register(SYSTEM_PING, { execute: async () => "pong" });`,
    },
    {
      name: "look-alikes: register calls on receivers that are not registries",
      filename: spine("orchestrator/handlers/accounts_handler.ts"),
      code: `declare const app: { register(p: unknown): void }; declare const customElements: { define(n: string, c: unknown): void };
app.register(\`plugin-\${Date.now()}\`);
customElements.define("accounts.get", class {});
export function register() {}`,
    },
    {
      name: "a new domain's handler module registering its own operations by decorator",
      filename: spine("orchestrator/handlers/invoices_handler.ts"),
      code: `import { operation } from "../registry";
@operation("invoices.void")
export class VoidInvoiceHandler { async execute() { return 1; } }`,
    },
  ],
  invalid: [
    {
      name: "a second handler takes a name that accounts_handler already registers (and its module is another domain's)",
      filename: spine("orchestrator/handlers/accounts_admin_handler.ts"),
      code: `import { OPERATIONS } from "@spine/schemas";
export const ACCOUNTS_HANDLER_MAP = { [OPERATIONS.ACCOUNTS_GET]: { execute: async () => 1 } };`,
      errors: [
        { messageId: "duplicate", line: 2, column: 39 },
        { messageId: "wrongDomain", line: 2 },
      ],
    },
    {
      name: "the wrong domain's handler module, through an enum member",
      filename: spine("orchestrator/handlers/integrations_handler.ts"),
      code: `import { registry } from "../registry";
import { BillingOperation } from "../../schemas/operation_names";
export function register() { registry.register(BillingOperation.Charge, { execute: async () => 1 }); }`,
      errors: [
        { messageId: "duplicate", line: 3 },
        { messageId: "wrongDomain", line: 3 },
      ],
    },
    {
      name: "registration outside L4, by a receiver reached through `this`",
      filename: path.join(fixture("operations"), "src/hoc/cus/billing/L5_engines/refunds.ts"),
      code: `export class Refunds { constructor(private readonly opRegistry: { registerHandler(n: string, h: unknown): void }) {}
  init() { this.opRegistry.registerHandler("billing.refund_all", {}); } }`,
      errors: [{ messageId: "outsideSpine", line: 2, column: 44 }],
    },
  ],
});
