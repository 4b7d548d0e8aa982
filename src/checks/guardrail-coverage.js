// hoc/guardrail-coverage (strict): every invariant of a critical severity is listed in a guardrail table.
import { contractsOf } from "../project/contracts.js";
import { defineCheck } from "./define.js";

export const guardrailCoverage = defineCheck({
  id: "hoc/guardrail-coverage",
  description: "Every invariant of a critical severity (guardrails.criticalSeverities) is listed, with its test, in a guardrail table.",
  severity: "error",
  presets: ["strict"],
  gate: { label: "guardrail coverage", unit: "critical invariants", violationWord: "unlisted" },
  scope: "project",
  reads: ["guardrails", "operations"],
  messages: {
    unguarded:
      "Invariant {{id}} is {{severity}} but no guardrail table lists it: a critical invariant needs a test that proves it, written where reviewers look. Add a row `| {{id}} | … | <test file> |` to a guardrail document.",
  },

  gateChecked(project) {
    const critical = project.config.guardrails.criticalSeverities;
    return project.registrationIndex().invariants.filter((i) => i.fact.severity !== null && critical.includes(i.fact.severity)).length;
  },

  check({ file, project, report }) {
    const invs = project.registrationIndex().byFile.get(file)?.invariants ?? [];
    const critical = project.config.guardrails.criticalSeverities;
    const mine = invs.filter((i) => i.fact.id && i.fact.severity !== null && critical.includes(i.fact.severity));
    if (mine.length === 0) return 0;
    const { guarded } = contractsOf(project);
    for (const inv of mine) {
      const id = /** @type {string} */ (inv.fact.id);
      if (!guarded.has(id))
        report({ messageId: "unguarded", data: { id, severity: /** @type {string} */ (inv.fact.severity) }, key: `unguarded|${id}`, at: inv.fact });
    }
    return mine.length;
  },
});
