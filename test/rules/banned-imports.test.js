import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";

const rule = plugin.rules["banned-imports"];
import { fixture } from "../helpers/fixtures.js";

const root = fixture("hygiene");
const engine = path.join(root, "src/hoc/cus/billing/L5_engines/new_engine.ts");

new RuleTester().run("banned-imports", rule, {
  valid: [
    {
      name: "allowed packages and paths",
      filename: engine,
      code: `import { format } from "date-fns";\nimport { InvoicesDriver } from "../L6_drivers/invoices_driver";\nexport const x = [format, InvoicesDriver];`,
    },
    { name: "a package whose name only starts like a banned one", filename: engine, code: `import m from "moment-timezone";\nexport const x = m;` },
    {
      name: "frozen code importing frozen code",
      filename: path.join(root, "src/hoc/cus/_frozen/old_tax/more.ts"),
      code: `import { RATES } from "./rates";\nexport const r = RATES;`,
    },
  ],
  invalid: [
    {
      name: "a banned package, a banned path (also dynamically), and a quarantined folder",
      filename: engine,
      code: `import moment from "moment";
import { legacyTotal } from "../../legacy_billing/legacy_totals";
export const lazy = () => import("../../legacy_billing/legacy_totals");
import { RATES } from "../../_frozen/old_tax/rates";
export const all = [moment, legacyTotal, RATES];`,
      errors: [
        { messageId: "banned", line: 1 },
        { messageId: "banned", line: 2 },
        { messageId: "banned", line: 3 },
        { messageId: "quarantined", line: 4 },
      ],
    },
  ],
});
