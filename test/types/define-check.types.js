// Compile-time tests of the rule contract, checked by `tsc` in `npm test` (not run by vitest): each
// `@ts-expect-error` must meet an error, or tsc fails with "Unused '@ts-expect-error' directive".
import { defineCheck } from "../../src/checks/define.js";

export const typo = defineCheck({
  id: "hoc/example",
  description: "An example rule.",
  severity: "error",
  presets: ["recommended"],
  gate: { label: "example", unit: "files" },
  scope: "file",
  reads: ["layers"],
  messages: { found: "Found {{what}}." },
  check({ report }) {
    report({ messageId: "found", data: { what: "x" }, key: "k", at: { line: 1, column: 1 } });
    // @ts-expect-error a message id the rule does not declare
    report({ messageId: "fuond", key: "k", at: { line: 1, column: 1 } });
    return 1;
  },
});

defineCheck({
  id: "hoc/example",
  description: "An example rule.",
  severity: "error",
  // @ts-expect-error a preset that does not exist
  presets: ["recomended"],
  gate: { label: "example", unit: "files" },
  scope: "file",
  reads: ["layers"],
  messages: { found: "Found." },
  check: () => 0,
});

defineCheck({
  id: "hoc/example",
  description: "An example rule.",
  severity: "error",
  presets: ["strict"],
  gate: { label: "example", unit: "files" },
  scope: "file",
  // @ts-expect-error a config section that does not exist
  reads: ["layerz"],
  messages: { found: "Found." },
  check: () => 0,
});

defineCheck({
  // @ts-expect-error a rule id outside the hoc/ namespace
  id: "example",
  description: "An example rule.",
  severity: "error",
  presets: ["strict"],
  // @ts-expect-error a gate without its unit
  gate: { label: "example" },
  scope: "file",
  reads: [],
  messages: { found: "Found." },
  check: () => 0,
});
