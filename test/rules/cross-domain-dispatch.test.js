// Routes linted inside fixtures/contracts: the registry, the handlers and the wrapper are read from disk.
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["cross-domain-dispatch"];
const root = fixture("contracts");
const billing = path.join(root, "src/hoc/api/cus/billing/new_routes.ts");
const head = `import { getRegistry, registry } from "../../../cus/hoc_spine/orchestrator/registry";
import { OPS } from "../../../cus/hoc_spine/schemas/operation_names";
import { dispatch } from "./dispatch";
import * as billingApi from "./dispatch";
import type { RequestContext } from "./request_context";
`;

new RuleTester().run("cross-domain-dispatch", rule, {
  valid: [
    {
      name: "its own domain's operations, at every shape",
      filename: billing,
      code: `${head}export const a = (ctx: RequestContext) => [registry.execute(OPS.BILLING_INVOICE, ctx), getRegistry().execute("billing.refund", ctx), dispatch(OPS.BILLING_REFUND, ctx)];`,
    },
    {
      name: "an allowed pair (billing → accounts, with a reason) is known: left out",
      filename: billing,
      code: `${head}export const a = (ctx: RequestContext) => registry.execute(OPS.ACCOUNTS_GET, ctx);`,
    },
    {
      name: "a string that looks like an operation passed to something that is no wrapper",
      filename: billing,
      code: `${head}declare function log(what: string): void;\nlog("payments.capture");`,
    },
    {
      name: "the spine may dispatch any domain",
      filename: path.join(root, "src/hoc/cus/hoc_spine/orchestrator/saga.ts"),
      code: `import { registry } from "./registry";\nexport const s = () => registry.execute("payments.capture", { tenantId: "t", params: {} });`,
    },
  ],
  invalid: [
    {
      name: "through the imported wrapper, a namespace, ctx.registry and getRegistry()",
      filename: billing,
      code: `${head}export const a = (ctx: RequestContext) => [
  dispatch(OPS.PAYMENTS_CAPTURE, ctx),
  billingApi.dispatch("payments.capture", ctx),
  ctx.registry.execute(OPS.PAYMENTS_CAPTURE, ctx),
  getRegistry().execute("payments.capture", ctx),
];`,
      errors: [
        {
          messageId: "crossDomain",
          line: 7,
          data: {
            layer: "L2 API",
            from: "billing",
            to: "payments",
            name: "payments.capture",
            owner: "registered at src/hoc/cus/hoc_spine/orchestrator/handlers/payments_handler.ts:5",
          },
        },
        { messageId: "crossDomain", line: 8 },
        { messageId: "crossDomain", line: 9 },
        { messageId: "crossDomain", line: 10 },
      ],
    },
    {
      name: "a wrapper declared in the same file",
      filename: billing,
      code: `${head}function run(op: string, ctx: RequestContext) { return registry.execute(op, ctx); }\nexport const a = (ctx: RequestContext) => run(OPS.PAYMENTS_CAPTURE, ctx);`,
      errors: [{ messageId: "crossDomain", line: 7 }],
    },
  ],
});
