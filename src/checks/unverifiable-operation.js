// hoc/unverifiable-operation: an operation name that is registered, dispatched or bound to an invariant must be
// known statically, or the operation rules cannot check it. A rule of its own (a warning in `recommended`) so
// that every rule has one severity in both front ends: ESLint has one severity per rule.
import { nameRefText } from "../project/operation-index.js";
import { defineCheck } from "./define.js";

const FIX = "Use a string literal or an exported `const` (an `as const` object member or an enum member works too).";

export const unverifiableOperation = defineCheck({
  id: "hoc/unverifiable-operation",
  description:
    "Operation names that are registered, dispatched or bound to an invariant are string literals or consts that resolve to one, so the operation rules can check them.",
  severity: "warning",
  presets: ["recommended", "strict"],
  gate: { label: "operation names", unit: "names", violationWord: "unverifiable" },
  scope: "project",
  reads: ["operations"],
  messages: {
    registration: `The operation name \`{{text}}\` is not a string literal or a const that resolves to one, so its ownership cannot be verified. ${FIX}`,
    dispatch: `The dispatched operation \`{{text}}\` is not a string literal or a const that resolves to one, so nobody can check that it exists. ${FIX}`,
    binding: `The invariant's operation \`{{text}}\` is not a string literal or a const that resolves to one, so nobody can check that it ever fires. ${FIX}`,
  },

  check({ file, project, report }) {
    const ops = project.facts(file)?.operations;
    if (!ops || ops.registrations.length + ops.dispatches.length + ops.invariants.length === 0) return 0;
    const mine = project.registrationIndex().byFile.get(file);
    let checked = 0;
    for (const r of mine?.registrations ?? []) {
      checked++;
      if (r.name === null)
        report({ messageId: "registration", data: { text: nameRefText(r.fact.name) }, key: `registration|${nameRefText(r.fact.name)}`, at: r.fact });
    }
    for (const d of mine?.dispatches ?? []) {
      // A wrapper that forwards its parameter (`run(op, ctx) { registry.execute(op, ctx) }`) dispatches its callers' names.
      if (d.fact.name.kind === "param") continue;
      checked++;
      if (d.name === null) report({ messageId: "dispatch", data: { text: nameRefText(d.fact.name) }, key: `dispatch|${nameRefText(d.fact.name)}`, at: d.fact });
    }
    for (const inv of mine?.invariants ?? []) {
      checked++;
      if (inv.name === null)
        report({ messageId: "binding", data: { text: nameRefText(inv.fact.name) }, key: `binding|${nameRefText(inv.fact.name)}`, at: inv.fact });
    }
    return checked;
  },
});
