import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["layer-header"];
import { fixture } from "../helpers/fixtures.js";

const ruleTester = new RuleTester();
const hoc = (rel) => path.join(fixture("hoc-sample"), "src/hoc", rel);

ruleTester.run("layer-header", rule, {
  valid: [
    { name: "header agrees with the path", filename: hoc("cus/billing/L5_engines/e.ts"), code: "// Layer: L5 — Domain Engine\nexport const x = 1;" },
    {
      name: "a shared level is settled by the path (L5 in L5_schemas)",
      filename: hoc("cus/billing/L5_schemas/s.ts"),
      code: "// Layer: L5\nexport type T = string;",
    },
    {
      name: "block comment header",
      filename: hoc("cus/billing/L6_drivers/d.ts"),
      code: "/*\n * Layer: L6 — Driver\n * Owner: billing team\n */\nexport const x = 1;",
    },
    { name: "header by alias", filename: hoc("cus/hoc_spine/services/s.ts"), code: "// Layer: spine\nexport const x = 1;" },
    {
      name: "a header gives a layer to a file outside every pattern",
      filename: path.join(fixture("hoc-sample"), "src/jobs/nightly.ts"),
      code: "// Layer: L4 — Orchestrator\nexport const x = 1;",
    },
    { name: "no header at all", filename: hoc("cus/billing/L5_engines/plain.ts"), code: "export const x = 1;" },
    {
      name: "'Layer:' after the first statement is not a header",
      filename: hoc("cus/billing/L5_engines/late.ts"),
      code: "export const x = 1;\n// Layer: L9\n",
    },
    { name: "the word in a string is not a header", filename: hoc("cus/billing/L5_engines/str.ts"), code: "export const label = 'Layer: L9';" },
  ],
  invalid: [
    {
      name: "header names a level that does not exist",
      filename: hoc("cus/hoc_spine/orchestrator/r.ts"),
      code: "// Layer: L3 — Orchestrator\nexport const x = 1;",
      errors: [{ messageId: "unknownLayer", line: 1, column: 4 }],
    },
    {
      name: "header names a word that is no layer",
      filename: hoc("cus/hoc_spine/orchestrator/r.ts"),
      code: "// Layer: Middleware\nexport const x = 1;",
      errors: [{ messageId: "unknownLayer", line: 1 }],
    },
    {
      name: "header disagrees with the path (driver folder, engine header)",
      filename: hoc("cus/billing/L6_drivers/legacy.ts"),
      code: "#!/usr/bin/env node\n// Copyright ACME\n// Layer: L5 — Domain Engine\nexport const x = 1;",
      errors: [{ messageId: "mismatch", line: 3, column: 4 }],
    },
    {
      name: "header in a block comment disagrees",
      filename: hoc("api/cus/billing/route.ts"),
      code: "/**\n * Layer: L4 — Spine\n */\nexport const x = 1;",
      errors: [{ messageId: "mismatch", line: 2, column: 4 }],
    },
  ],
});
