import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import plugin from "../../eslint-plugin.js";
import { fixture } from "../helpers/fixtures.js";

const rule = plugin.rules["guardrail-coverage"];
const file = path.join(fixture("contracts"), "src/hoc/cus/hoc_spine/authority/more_invariants.ts");
const entry = (id, severity) => `{ id: "${id}", operation: "accounts.close", severity: "${severity}", check: () => false }`;

// The guardrail table is read from fixtures/contracts/docs/governance/GUARDRAILS.md.
new RuleTester().run("guardrail-coverage", rule, {
  valid: [
    { name: "a critical invariant the table lists", filename: file, code: `export const INVARIANTS = [${entry("BI-ACCT-001", "CRITICAL")}];` },
    { name: "a high one the table does not list", filename: file, code: `export const INVARIANTS = [${entry("BI-ACCT-077", "HIGH")}];` },
  ],
  invalid: [
    {
      name: "a critical one nobody guards",
      filename: file,
      code: `export const INVARIANTS = [\n  ${entry("BI-ACCT-077", "CRITICAL")},\n];`,
      errors: [{ messageId: "unguarded", line: 2, data: { id: "BI-ACCT-077", severity: "CRITICAL" } }],
    },
  ],
});
