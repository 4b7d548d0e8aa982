import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["handler-domain-scope"];
import { fixture } from "../helpers/fixtures.js";

const handlers = path.join(fixture("hygiene"), "src/hoc/cus/hoc_spine/orchestrator/handlers");
const preamble = `declare const registry: { register(name: string, handler: unknown): void };\n`;

new RuleTester().run("handler-domain-scope", rule, {
  valid: [
    {
      name: "a recorded exception (handlerDomainScope.exceptions, with a reason) is known: ESLint leaves it out, hoc-audit lists it",
      filename: path.join(handlers, "billing_handler.ts"),
      code: `${preamble}import { AccountsEngine } from "../../../accounts/L5_engines/accounts_engine";
registry.register("billing.invoice", AccountsEngine);`,
    },
    {
      name: "its own domain, and a domain whose operation it also registers",
      filename: path.join(handlers, "billing_handler.ts"),
      code: `${preamble}import { InvoiceEngine } from "../../../billing/L5_engines/invoice_engine";
import { ReportEngine } from "../../../reports/L5_engines/report_engine";
registry.register("billing.invoice", InvoiceEngine);
registry.register("reports.monthly", ReportEngine);`,
    },
    {
      name: "drivers and spine modules are not in scope of this rule",
      filename: path.join(handlers, "accounts_handler.ts"),
      code: `${preamble}import { InvoicesDriver } from "../../../billing/L6_drivers/invoices_driver";
registry.register("accounts.get", InvoicesDriver);`,
    },
    {
      name: "not a handler module",
      filename: path.join(handlers, "../bootstrap.ts"),
      code: `import { ReportEngine } from "../../reports/L5_engines/report_engine";\nexport const r = ReportEngine;`,
    },
  ],
  invalid: [
    {
      name: "another domain's engine",
      filename: path.join(handlers, "accounts_handler.ts"),
      code: `${preamble}import { ReportEngine } from "../../../reports/L5_engines/report_engine";
registry.register("accounts.get", ReportEngine);`,
      errors: [{ messageId: "outOfScope", line: 2 }],
    },
  ],
});
