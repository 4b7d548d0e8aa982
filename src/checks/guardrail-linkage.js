// hoc/guardrail-linkage: guardrail documents point at invariants that exist and tests that exist.
import fs from "node:fs";
import { namedPath } from "../project/documents.js";
import { editDistance } from "../project/operation-index.js";
import { contractsOf } from "../project/contracts.js";
import { defineCheck } from "./define.js";

export const guardrailLinkage = defineCheck({
  id: "hoc/guardrail-linkage",
  description: "Guardrail tables name invariants that are declared and tests that exist.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "guardrail links", unit: "rows", violationWord: "broken" },
  scope: "project",
  reads: ["guardrails", "operations"],
  documents: "guardrails",
  messages: {
    unknownInvariant:
      "Guardrail row for `{{id}}`, which no invariant declares{{suggestion}}: the guardrail promises a protection that does not exist. Fix the id, or remove the row.",
    missingTest:
      "Guardrail row for `{{id}}` names the test `{{test}}`, which does not exist: the invariant is listed as guarded but nothing runs. Point it at the test that guards it, or write that test.",
    noTest:
      "Guardrail row for `{{id}}` names no test file: a guardrail is an invariant and the test that proves it. Add the test's path (e.g. `tests/invariants/{{id}}.test.ts`).",
  },

  check() {
    return 0;
  },

  checkDocument({ doc, project, report }) {
    const { invariantIds } = contractsOf(project);
    for (const row of doc.rows) {
      const at = { line: row.line, column: row.column, endLine: row.line, endColumn: row.column + row.id.length };
      if (!invariantIds.has(row.id)) {
        const near = [...invariantIds].sort().find((i) => editDistance(i, row.id) <= 2);
        report({ messageId: "unknownInvariant", data: { id: row.id, suggestion: near ? ` (did you mean \`${near}\`?)` : "" }, key: `unknown|${row.id}`, at });
      }
      if (row.test === null) {
        report({ messageId: "noTest", data: { id: row.id }, key: `no-test|${row.id}`, at });
      } else if (!namedPath(project.config.root, doc.file, row.test, (abs) => fs.existsSync(abs))) {
        report({
          messageId: "missingTest",
          data: { id: row.id, test: row.test },
          key: `missing-test|${row.id}|${row.test}`,
          at: { line: row.testLine, column: row.testColumn, endLine: row.testLine, endColumn: row.testColumn + row.test.length },
        });
      }
    }
    return doc.rows.length;
  },
});
