import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["barrel-hygiene"];
import { fixture } from "../helpers/fixtures.js";

const ruleTester = new RuleTester();
const hoc = (rel) => path.join(fixture("layer-violations"), "backend/src/app/hoc", rel);

ruleTester.run("barrel-hygiene", rule, {
  valid: [
    {
      name: "every re-export form",
      filename: hoc("cus/billing/L5_engines/index.ts"),
      code: `export * from "./invoice_engine";
export { formatInvoice as format } from "./pricing";
export type { Invoice } from "../L5_schemas/invoice";
export * as pricing from "./pricing";
import { InvoiceEngine } from "./invoice_engine";
export { InvoiceEngine as Engine };
export default InvoiceEngine;`,
    },
    {
      name: "a same-domain driver re-exported from the engines barrel is allowed for L5",
      filename: hoc("cus/billing/L5_engines/index.ts"),
      code: `export { listInvoicesDriver } from "../L6_drivers/invoice_driver";`,
    },
    {
      name: "a domain-root barrel has no layer and may re-export from any layer",
      filename: hoc("cus/billing/index.ts"),
      code: `export { InvoiceEngine } from "./L5_engines/invoice_engine";\nexport { listInvoicesDriver } from "./L6_drivers/invoice_driver";`,
    },
    {
      name: "an index.ts outside the HOC tree is not a HOC barrel",
      filename: path.join(fixture("layer-violations"), "backend/src/lib/index.ts"),
      code: `export const helper = () => 1;\nconsole.log("lib loaded");`,
    },
    {
      name: "a non-index module may define code",
      filename: hoc("cus/billing/L5_engines/helpers.ts"),
      code: `export const ENGINE_VERSION = 2;`,
    },
  ],
  invalid: [
    {
      name: "side effects, definitions and a forbidden re-export",
      filename: hoc("cus/billing/L5_engines/index.ts"),
      code: `import "./register_side_effects";
export * from "./invoice_engine";
export { CustomerEngine } from "../../customers/L5_engines/customer_engine";
export const ENGINE_VERSION = 2;
export function boot() {}
export interface Options { strict: boolean }
console.info("loaded");
if (process.env.DEBUG) boot();`,
      errors: [
        { messageId: "sideEffectImport", line: 1, column: 8 },
        { messageId: "forbiddenReexport", line: 3, column: 32 },
        { messageId: "definesCode", line: 4, column: 1 },
        { messageId: "definesCode", line: 5 },
        { messageId: "definesCode", line: 6 },
        { messageId: "sideEffect", line: 7 },
        { messageId: "sideEffect", line: 8 },
      ],
    },
    {
      name: "an L6 barrel re-exports an engine (upward), through export *",
      filename: hoc("cus/billing/L6_drivers/index.ts"),
      code: `export * from "./invoice_driver";\nexport * from "../L5_engines/pricing";`,
      errors: [{ messageId: "forbiddenReexport", line: 2 }],
    },
  ],
});
