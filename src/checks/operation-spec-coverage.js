// hoc/operation-spec-coverage (strict): every registered operation has a spec. A rule of its own so that it can
// be in `strict` only.
import { contractsOf } from "../project/contracts.js";
import { defineCheck } from "./define.js";

export const operationSpecCoverage = defineCheck({
  id: "hoc/operation-spec-coverage",
  description: "Every registered operation has a spec in the operation spec registry.",
  severity: "error",
  presets: ["strict"],
  gate: { label: "spec coverage", unit: "operations", violationWord: "without a spec" },
  scope: "project",
  reads: ["operationSpecs", "operations"],
  messages: {
    noSpec:
      "Operation `{{name}}` has no spec in the operation spec registry ({{where}}): nobody has written down what must hold before and after it, so nothing can be tested against it. Add a spec with `operation_name: {{name}}`.",
  },

  gateChecked(project) {
    return project.registrationIndex().registered.size;
  },

  check({ file, project, report }) {
    const regs = project.registrationIndex().byFile.get(file)?.registrations ?? [];
    if (regs.length === 0) return 0;
    const c = contractsOf(project);
    const where = project.config.operationSpecs.files
      .map((p) => p.source)
      .slice(0, 2)
      .join(", ");
    for (const r of regs) {
      if (r.name === null || c.specsByOperation.has(r.name)) continue;
      report({ messageId: "noSpec", data: { name: r.name, where }, key: `no-spec|${r.name}`, at: r.fact });
    }
    return 0;
  },
});
