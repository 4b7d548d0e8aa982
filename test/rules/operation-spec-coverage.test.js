import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["operation-spec-coverage"];
const handlers = path.join(fixture("contracts"), "src/hoc/cus/hoc_spine/orchestrator/handlers");
const head = `import { registry } from "../registry";\nimport { OPS } from "../../schemas/operation_names";\n`;

// The specs are read from fixtures/contracts/docs and specs/ (a Markdown registry and YAML files).
new RuleTester().run("operation-spec-coverage", rule, {
  valid: [
    {
      name: "a spec in the Markdown registry",
      filename: path.join(handlers, "accounts_handler.ts"),
      code: `${head}registry.register(OPS.ACCOUNTS_GET, async () => 1);`,
    },
    {
      name: "a spec in a YAML list",
      filename: path.join(handlers, "payments_handler.ts"),
      code: `${head}registry.register("payments.capture", async () => 1);`,
    },
  ],
  invalid: [
    {
      name: "an operation no spec names (the template block is no spec)",
      filename: path.join(handlers, "accounts_handler.ts"),
      code: `${head}registry.register(OPS.ACCOUNTS_UPDATE, async () => 1);\nregistry.register("accounts.archive", async () => 1);`,
      errors: [
        { messageId: "noSpec", line: 3, data: { name: "accounts.update", where: "**/OPERATION_SPEC*.md, **/operation-specs/**/*.{md,yaml,yml,json}" } },
        { messageId: "noSpec", line: 4 },
      ],
    },
  ],
});
