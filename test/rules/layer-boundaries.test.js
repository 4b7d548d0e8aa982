// RuleTester cases run with `filename` inside the fixture repos: the rule resolves imports against the real
// tree on disk (aliases, barrels), while the code under test is the text given here. (Message texts, which
// name layers and domains, are asserted through hoc-audit and the parity test: same engine, same text.)
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["layer-boundaries"];
import { fixture } from "../helpers/fixtures.js";

const ruleTester = new RuleTester();
const repo = fixture("layer-violations");
const hoc = (rel) => path.join(repo, "backend/src/app/hoc", rel);
const sample = (rel) => path.join(fixture("hoc-sample"), "src/hoc", rel);

ruleTester.run("layer-boundaries", rule, {
  valid: [
    {
      name: "L2 dispatches through the spine and uses L5 schemas",
      filename: hoc("api/cus/billing/new_route.ts"),
      code: `import { registry } from "~/hoc/cus/hoc_spine/orchestrator/registry";
import type { Invoice } from "~/hoc/cus/billing/L5_schemas/invoice";
export const list = (): Promise<Invoice[]> => registry.execute("billing.query", { tenantId: "t", params: {} }) as never;`,
    },
    {
      name: "L4 handlers may use every domain's engines and drivers",
      filename: hoc("cus/hoc_spine/orchestrator/handlers/customers_handler.ts"),
      code: `import { CustomerEngine } from "~/hoc/cus/customers/L5_engines/customer_engine";
import { listInvoicesDriver } from "../../../billing/L6_drivers/invoice_driver";
export const parts = [CustomerEngine, listInvoicesDriver];`,
    },
    {
      name: "L5 uses its own domain's driver through the domain barrel, spine utilities, and a model as a type",
      filename: hoc("cus/billing/L5_engines/new_engine.ts"),
      code: `import { listInvoicesDriver } from "~/hoc/cus/billing";
import { money } from "~/hoc/cus/hoc_spine/utilities/money";
import { InvoiceModel } from "~/hoc/models/invoice";
export function describe(m: InvoiceModel) { return money(m.amountCents) + listInvoicesDriver.name; }`,
    },
    {
      name: "a model imported with `import type` into L5",
      filename: hoc("cus/billing/L5_engines/typed.ts"),
      code: `import type { InvoiceModel } from "~/hoc/models/invoice";
export type Row = InvoiceModel;`,
    },
    {
      name: "strings and comments that look like imports are not imports",
      filename: hoc("api/cus/billing/docs_route.ts"),
      code: `// import { InvoiceEngine } from "~/hoc/cus/billing/L5_engines/invoice_engine";
export const hint = 'use import("~/hoc/cus/billing/L6_drivers/invoice_driver") only from L4';`,
    },
    {
      name: "a dynamic import with a computed specifier cannot be resolved and is not guessed at",
      filename: hoc("api/cus/billing/plugin_route.ts"),
      code: `export const load = (name: string) => import(\`~/hoc/cus/\${name}/L5_engines/index\`);`,
    },
    {
      name: "files outside the HOC tree have no layer",
      filename: path.join(repo, "backend/tests/more.test.ts"),
      code: `import { InvoiceEngine } from "~/hoc/cus/billing/L5_engines/invoice_engine";
export const e = InvoiceEngine;`,
    },
    {
      name: "packages are not layers",
      filename: hoc("cus/billing/L5_engines/uses_packages.ts"),
      code: `import { z } from "zod";
import fs from "node:fs";
export const s = [z, fs];`,
    },
    {
      name: "the clean sample: aliased, .js specifiers, barrels",
      filename: sample("cus/hoc_spine/orchestrator/handlers/integrations_handler.ts"),
      code: `import { IntegrationsFacade } from "@hoc/cus/integrations/L5_engines";
import { IntegrationsDriver } from "@hoc/cus/integrations/L6_drivers/integrations_driver.js";
export const make = () => new IntegrationsFacade(new IntegrationsDriver());`,
    },
  ],
  invalid: [
    {
      name: "L2 imports an L5 engine",
      filename: hoc("api/cus/billing/new_route.ts"),
      code: `import { InvoiceEngine } from "~/hoc/cus/billing/L5_engines/invoice_engine";\nexport const e = InvoiceEngine;`,
      errors: [{ messageId: "apiSkipsSpine", line: 1, column: 31, endColumn: 76 }],
    },
    {
      name: "L2 reaches an L6 driver through the domain barrel",
      filename: hoc("api/cus/billing/new_route.ts"),
      code: `import { listInvoicesDriver } from "~/hoc/cus/billing";\nexport const d = listInvoicesDriver;`,
      errors: [{ messageId: "apiSkipsSpine", line: 1 }],
    },
    {
      name: "every import form: dynamic, require, import-equals, re-export, export *, side effect",
      filename: hoc("api/cus/billing/every_form.ts"),
      code: [
        `export const lazy = () => import("~/hoc/cus/billing/L6_drivers/invoice_driver");`,
        `const legacy = require("~/hoc/cus/billing/L5_engines/pricing");`,
        `import engine = require("~/hoc/cus/billing/L5_engines/invoice_engine");`,
        `export { formatInvoice } from "~/hoc/cus/billing/L5_engines/pricing";`,
        `export * from "~/hoc/cus/billing/L5_engines/pricing";`,
        `import "~/hoc/cus/billing/L5_engines/register_side_effects";`,
        `export const all = [legacy, engine];`,
      ].join("\n"),
      errors: [1, 2, 3, 4, 5, 6].map((line) => ({ messageId: "apiSkipsSpine", line })),
    },
    {
      name: "L5 imports another domain's engine, schema (even as a type) and driver",
      filename: hoc("cus/billing/L5_engines/new_engine.ts"),
      code: `import { CustomerEngine } from "../../customers/L5_engines/customer_engine";
import type { CustomerView } from "~/hoc/cus/customers/L5_schemas/customer";
import { CustomerDriver } from "~/hoc/cus/customers/L6_drivers/customer_driver";
export const x: CustomerView | null = null;
export const y = [CustomerEngine, CustomerDriver];`,
      errors: [
        { messageId: "crossDomain", line: 1 },
        { messageId: "crossDomain", line: 2 },
        { messageId: "crossDomain", line: 3 },
      ],
    },
    {
      name: "L5 uses a model as a value, and the spine's orchestrator",
      filename: hoc("cus/billing/L5_engines/new_engine.ts"),
      code: `import { InvoiceModel } from "~/hoc/models/invoice";
import { registry } from "~/hoc/cus/hoc_spine/orchestrator/registry";
export const m = new InvoiceModel("i", 1);
export const r = registry;`,
      errors: [
        { messageId: "typeOnly", line: 1 },
        { messageId: "restrictedPath", line: 2 },
      ],
    },
    {
      name: "L6 imports upward (an engine) and the spine's services",
      filename: hoc("cus/billing/L6_drivers/new_driver.ts"),
      code: `import { formatInvoice } from "../L5_engines/pricing";
import { auditLog } from "~/hoc/cus/hoc_spine/services/audit";
export const parts = [formatInvoice, auditLog];`,
      errors: [
        { messageId: "upward", line: 1 },
        { messageId: "restrictedPath", line: 2 },
      ],
    },
    {
      name: "an L5 schema imports a driver",
      filename: hoc("cus/billing/L5_schemas/new_schema.ts"),
      code: `import { listInvoicesDriver } from "../L6_drivers/invoice_driver";\nexport const d = listInvoicesDriver;`,
      errors: [{ messageId: "forbidden", line: 1 }],
    },
    {
      name: "a header moves a file into another layer, and the matrix follows the header",
      filename: hoc("cus/billing/L5_engines/actually_api.ts"),
      code: `// Layer: L2 — API\nimport { listInvoicesDriver } from "../L6_drivers/invoice_driver";\nexport const d = listInvoicesDriver;`,
      errors: [{ messageId: "apiSkipsSpine", line: 2 }],
    },
  ],
});
