// Modules linted inside fixtures/models: the retired modules (legacy_pricing.ts, past its date; tax_tables_v1.ts,
// in the future; rate_cards.ts, without a date) are read from disk.
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules.tombstone;
const drivers = path.join(fixture("models"), "src/hoc/cus/orders/L6_drivers");
const file = path.join(drivers, "invoice_driver.ts");

new RuleTester().run("tombstone", rule, {
  valid: [
    {
      name: "modules that are not retired",
      filename: file,
      code: `import { priced } from "./order_driver.js";\nexport const p = priced;`,
    },
    {
      name: "a tombstone with a future date and no importers is a plan, not a problem",
      filename: path.join(drivers, "tax_tables_v2.ts"),
      code: `// TOMBSTONE: 2999-01-31 folded into tax_tables.ts\nexport const TAX_RATES_V2 = { DE: 0.19 };`,
    },
    {
      name: "a tombstone without a date retires nothing (its own file is told so): importing it is fine",
      filename: file,
      code: `import { RATE_CARDS } from "./rate_cards.js";\nexport const r = RATE_CARDS;`,
    },
    {
      name: "the word in running text is no tombstone",
      filename: file,
      code: `export function describe() {\n  // a tombstone: 2020-01-01 marks deleted rows in the audit table\n  return "tombstone";\n}`,
    },
    {
      name: "a header that mentions the forms mid-line is no tombstone (a marker opens its comment line)",
      filename: path.join(drivers, "conventions.ts"),
      code: `// Retired modules carry a \`TOMBSTONE: YYYY-MM-DD\` line or an \`@tombstone\` tag; Consumers: see the docs.\nexport const RETIRED = "tombstone";`,
    },
  ],
  invalid: [
    {
      name: "every import of a retired module, whatever its kind, at the importer",
      filename: file,
      code: `import { TAX_RATES_V1 } from "./tax_tables_v1.js";\nimport type { } from "./legacy_pricing.js";\nexport { legacyPrice } from "./legacy_pricing.js";\nexport const lazy = () => import("./tax_tables_v1.js");\nexport const t = TAX_RATES_V1;`,
      errors: [
        {
          messageId: "importsRetired",
          line: 1,
          column: 30,
          data: {
            specifier: "./tax_tables_v1.js",
            target: "src/hoc/cus/orders/L6_drivers/tax_tables_v1.ts",
            tombstone: "to be deleted by 2999-12-31: superseded by tax_tables.ts once every region is migrated",
          },
        },
        { messageId: "importsRetired", line: 2 },
        { messageId: "importsRetired", line: 3 },
        { messageId: "importsRetired", line: 4 },
      ],
    },
    {
      name: "a module past its date is reported itself: delete it",
      filename: path.join(drivers, "old_discounts.ts"),
      code: `/**\n * Discounts before the rules engine.\n * @tombstone 2021-03-31 replaced by the rules engine\n */\nexport const OLD = 1;`,
      errors: [{ messageId: "pastDate", line: 3, column: 4, data: { date: "2021-03-31", why: " (replaced by the rules engine)" } }],
    },
    {
      name: "a tombstone whose date is not YYYY-MM-DD",
      filename: path.join(drivers, "old_discounts.ts"),
      code: `// TOMBSTONE: 31/03/2021 replaced by the rules engine\nexport const OLD = 1;`,
      errors: [{ messageId: "badDate", line: 1, data: { text: "31/03/2021 replaced by the rules engine" } }],
    },
  ],
});
