// hoc/invariant-fail-closed: an invariant checker fails when a fact it needs is missing. In the original system
// `integration.disable`'s checks read `integration_exists` with a default of `true`: a context that simply lacked
// the fact passed, and the catch-all for an unknown operation returned "pass".
import { contractsOf } from "../project/contracts.js";
import { defineCheck } from "./define.js";

/** @typedef {import("../types.js").FailOpenFact} FailOpenFact */

const FIX = "Absence must fail: read the fact without a permissive default and fail when it is missing";

export const invariantFailClosed = defineCheck({
  id: "hoc/invariant-fail-closed",
  description: "Invariant checkers fail when an existence, status or permission fact is missing; the invariants' dispatch fails an operation it does not know.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "fail-closed invariants", unit: "checkers", violationWord: "fail open" },
  scope: "project",
  reads: ["invariants", "operations"],
  messages: {
    fallbackPasses: `\`{{text}}\` makes the invariant pass when \`{{fact}}\` is missing: a context that lacks the fact is not one where it holds, and a caller that forgot to load it gets a green check. ${FIX} (\`?? false\`).`,
    defaultPasses: `\`{{text}}\` gives \`{{fact}}\` a passing default: the invariant passes for a context that never had the fact. ${FIX}.`,
    absencePasses: `\`{{text}}\` lets the check pass when \`{{fact}}\` is missing: a missing fact satisfies the condition. ${FIX}.`,
    onlyWhenPresent: `The check fails only when \`{{fact}}\` is present (\`{{text}}\`): without the fact it falls through to a pass. ${FIX}, before the other conditions.`,
    unknownOperationPasses:
      "The invariants' catch-all passes what it does not know (`{{text}}`): a new or misspelled operation runs with no invariant at all, and every test stays green. Fail an unknown operation (or throw), and list each operation explicitly.",
  },

  gateChecked(project) {
    const index = project.registrationIndex();
    return index.invariants.filter((i) => i.fact.checker !== null).length;
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    // Nothing of this file can fail open: the project-wide index is not needed (the gate counts by gateChecked).
    if (!facts || (facts.operations.invariants.length === 0 && Object.keys(facts.operations.failOpen).length === 0)) return 0;
    const index = project.registrationIndex();
    const mine = index.byFile.get(file)?.invariants ?? [];
    const registered = contractsOf(project).checkers.get(file);
    const invariantsModule = mine.length > 0;
    /** @type {FailOpenFact[]} */
    const found = [];
    for (const inv of mine) if (inv.fact.checker?.kind === "inline") found.push(...inv.fact.checker.failOpen);
    for (const [fn, list] of Object.entries(facts.operations.failOpen)) {
      if (invariantsModule || registered?.has(fn)) found.push(...list);
    }
    const seen = new Set();
    for (const f of found) {
      const at = `${f.line}:${f.column}`;
      if (seen.has(at)) continue;
      seen.add(at);
      report({ messageId: f.kind, data: { text: f.text, fact: f.fact }, key: `${f.kind}|${f.fact}|${f.text}`, at: f });
    }
    return mine.length + (registered?.size ?? 0);
  },
});
