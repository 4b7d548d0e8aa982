// hoc/guardrail-linkage reports in guardrail documents: tested through hoc-audit, and the table parser over text.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parseGuardrailDocument } from "../../src/facts/documents.js";
import { hocAuditJson } from "../helpers/cli.js";
import { REPO, tempRepo } from "../helpers/fixtures.js";

const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const base = {
  "src/hoc/cus/hoc_spine/authority/invariants.ts": `export const INVARIANTS = [{ id: "BI-PAY-001", operation: "payments.capture", severity: "CRITICAL", check: () => false }];\n`,
  "src/hoc/cus/hoc_spine/orchestrator/handlers/payments_handler.ts": `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("payments.capture", {});\n`,
  "tests/invariants/capture.test.ts": "export const t = 1;\n",
};

describe("hoc/guardrail-linkage", () => {
  it("links ids to invariants and rows to tests, at their line and column", () => {
    const table = [
      "| Invariant | Guarded by |",
      "| --- | --- |",
      "| BI-PAY-001 | `tests/invariants/capture.test.ts` |",
      "| BI-PAY-010 | [the test](tests/invariants/refund.test.ts) |",
      "| BI-PAY-001 | |",
    ].join("\n");
    const root = tempRepo({ ...base, "docs/GUARDRAILS.md": `# Guardrails\n\n${table}\n` }, temps);
    const { report } = hocAuditJson([root, "--rule", "hoc/guardrail-linkage"], REPO);
    expect(report.findings.map((f) => `${f.messageId} ${f.file}:${f.line}:${f.column}`)).toEqual([
      "unknownInvariant docs/GUARDRAILS.md:6:3",
      "missingTest docs/GUARDRAILS.md:6:27",
      "noTest docs/GUARDRAILS.md:7:3",
    ]);
    expect(report.findings[0].message).toContain("(did you mean `BI-PAY-001`?)");
  });
});

describe("the guardrail table parser, over plain text", () => {
  it("finds the id and test columns by their headers, and ignores rows without an id", () => {
    const text = "| What | Test | ID |\n|---|---|---|\n| capture once | `t/a.test.ts` | BI-1-001 |\n| (notes) | | |\n";
    expect(parseGuardrailDocument(text, /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+\b/).rows).toEqual([
      { id: "BI-1-001", line: 3, column: 34, test: "t/a.test.ts", testLine: 3, testColumn: 19 },
    ]);
  });
});
