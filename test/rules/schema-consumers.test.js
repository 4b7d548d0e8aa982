// Spine schemas linted inside fixtures/models (spinePurity.schemaPaths: hoc_spine/schemas/**).
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["schema-consumers"];
const root = fixture("models");
const schema = path.join(root, "src/hoc/cus/hoc_spine/schemas/refund_events.ts");

new RuleTester().run("schema-consumers", rule, {
  valid: [
    { name: "two consumers named", filename: schema, code: `// Consumers: refunds handler, billing engine\nexport interface RefundIssued { id: string }` },
    {
      name: "in a block comment, with `and`",
      filename: schema,
      code: `/**\n * Refund events.\n * Consumers: refunds handler and the ledger driver\n */\nexport type RefundId = string;`,
    },
    { name: "not a spine schema", filename: path.join(root, "src/hoc/cus/orders/L5_schemas/refund_types.ts"), code: `export type RefundId = string;` },
    {
      name: "minimum from settings",
      filename: schema,
      settings: { hoc: { root, schemaConsumers: { minimum: 1 } } },
      code: `// Consumers: refunds handler\nexport type RefundId = string;`,
    },
  ],
  invalid: [
    {
      name: "no Consumers line",
      filename: schema,
      code: `// Refund events.\nexport type RefundId = string;`,
      errors: [{ messageId: "noConsumers", line: 1, column: 1 }],
    },
    {
      name: "one consumer, or a placeholder",
      filename: schema,
      code: `// Consumers: refunds handler, TBD\nexport type RefundId = string;`,
      errors: [{ messageId: "tooFewConsumers", line: 1, column: 4, data: { count: "1", text: "refunds handler, TBD", minimum: "2" } }],
    },
    {
      name: "a Consumers line after the first statement is not the header",
      filename: schema,
      code: `export type RefundId = string;\n// Consumers: a, b`,
      errors: [{ messageId: "noConsumers" }],
    },
  ],
});
