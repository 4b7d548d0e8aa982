// hoc/operation-spec reports in spec documents, which ESLint does not lint: tested through hoc-audit, on small
// repositories written for each case, and on the document parser over plain text.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parseSpecDocument } from "../../src/facts/documents.js";
import { hocAuditJson } from "../helpers/cli.js";
import { REPO, tempRepo } from "../helpers/fixtures.js";

const temps = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const HANDLER = "src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts";
const base = {
  [HANDLER]: `declare const registry: { register(n: string, h: unknown): void };\nregistry.register("billing.refund", {});\n`,
  "src/hoc/cus/billing/L5_engines/refunds.ts": "export const refunds = 1;\n",
};
const spec = (fields) =>
  [
    `spec_id: SPEC-1`,
    `operation_name: billing.refund`,
    `domain: billing`,
    `owner: ${HANDLER}`,
    `idempotency: yes`,
    `preconditions: [a]`,
    `postconditions: [b]`,
    `forbidden_states: [c]`,
    fields,
  ]
    .filter(Boolean)
    .join("\n");
/** @param {Record<string, string>} files */
const findings = (files) => {
  const root = tempRepo({ ...base, ...files }, temps);
  const { report } = hocAuditJson([root, "--rule", "hoc/operation-spec"], REPO);
  return { report, found: report.findings.map((f) => `${f.messageId} ${f.file}:${f.line}`) };
};

describe("hoc/operation-spec", () => {
  it("a complete spec of a registered operation, in Markdown, YAML or JSON, is clean; a template block is skipped", () => {
    const template = "```yaml\nspec_id: SPEC-NNN\noperation_name: <domain>.<verb>\n```\n";
    expect(findings({ "docs/OPERATION_SPECS.md": `# Specs\n\n${template}\n\`\`\`yaml\n${spec("")}\n\`\`\`\n` }).found).toEqual([]);
    expect(findings({ "specs/operations/billing.yaml": spec("") }).found).toEqual([]);
    expect(
      findings({
        "specs/operations/billing.json": JSON.stringify([
          {
            spec_id: "SPEC-1",
            operation_name: "billing.refund",
            domain: "billing",
            owner: HANDLER,
            idempotency: "no",
            preconditions: ["a"],
            postconditions: ["b"],
            forbidden_states: ["c"],
          },
        ]),
      }).found,
    ).toEqual([]);
  });

  it("reports each problem at its line in the document", () => {
    const text = [
      "spec_id: SPEC-1",
      "operation_name: billing.refnud",
      "domain: shipping",
      "owner: src/nowhere.ts",
      "idempotency: true",
      "preconditions: []",
      "postconditions: [b, '']",
      "forbidden_states: [c]",
    ].join("\n");
    const { found } = findings({ "specs/operations/billing.yaml": text });
    expect(found.sort()).toEqual(
      [
        "unregistered specs/operations/billing.yaml:2",
        "unknownDomain specs/operations/billing.yaml:3",
        "ownerMissing specs/operations/billing.yaml:4",
        "badIdempotency specs/operations/billing.yaml:5",
        "missingField specs/operations/billing.yaml:6",
        "blankEntry specs/operations/billing.yaml:7",
      ].sort(),
    );
  });

  it("says which operation a misspelled name means, and names the first spec of a duplicate (also in SARIF related locations)", () => {
    const { report } = findings({ "specs/operations/a.yaml": spec(""), "specs/operations/b.yaml": spec("").replace("billing.refund", "billing.refnd") });
    expect(report.findings.find((f) => f.messageId === "unregistered").message).toContain("Did you mean `billing.refund`?");
    const { report: dup } = findings({ "specs/operations/a.yaml": spec(""), "specs/operations/b.yaml": spec("").replace("SPEC-1", "SPEC-2") });
    const d = dup.findings.find((f) => f.messageId === "duplicate");
    expect(d.message).toContain("the first is SPEC-1 in specs/operations/a.yaml:1");
    expect(d.related).toEqual([{ file: "specs/operations/a.yaml", line: 1, column: 1, message: "the first spec of billing.refund" }]);
  });

  it("a spec in another domain than the handler that registers the operation", () => {
    const { found } = findings({
      "src/hoc/cus/refunds/L5_engines/x.ts": "export const x = 1;\n",
      "specs/operations/a.yaml": spec("").replace("domain: billing", "domain: refunds"),
    });
    expect(found).toEqual(["domainMismatch specs/operations/a.yaml:3"]);
  });

  it("turns each bad document into one error with its line, and completes the audit", () => {
    const { report } = findings({
      "specs/operations/good.yaml": spec(""),
      "specs/operations/broken.yaml": "spec_id: SPEC-9\npreconditions: [\n  a\npostconditions: []\n",
      "specs/operations/list.yaml": "- just a sentence\n",
      "specs/operations/huge.yaml": `# ${"x".repeat(1024 * 1024 + 10)}\n`,
    });
    expect(report.errors.map((e) => `${e.file}: ${e.message.split(" (")[0]}`)).toEqual([
      "specs/operations/broken.yaml: 4:1 not valid YAML",
      "specs/operations/huge.yaml: 1:1 1048589 bytes is over maxFileBytes",
      "specs/operations/list.yaml: 1:1 a spec must be a mapping of fields",
    ]);
    expect(report.findings).toEqual([]);
    expect(report.summary.gates.find((g) => g.id === "operation-spec")).toMatchObject({ checked: 1, violations: 0 });
  });
});

describe("the spec parser, over plain text", () => {
  it("reads fenced yaml blocks with their lines, values and list items", () => {
    const md = "# x\n\n```yaml\nspec_id: SPEC-7\npreconditions:\n  - a\n  - ''\n```\n\n```js\nnot: yaml\n```\n";
    const { specs, errors } = parseSpecDocument("x.md", md);
    expect(errors).toEqual([]);
    expect(specs).toHaveLength(1);
    expect(specs[0].fields.spec_id).toMatchObject({ value: "SPEC-7", line: 4, column: 10 });
    expect(specs[0].fields.preconditions.items).toEqual([
      { line: 6, column: 5 },
      { line: 7, column: 5 },
    ]);
  });
});
