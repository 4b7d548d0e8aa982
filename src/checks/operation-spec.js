// hoc/operation-spec: the operation spec registry is complete and names real operations. The original gate only
// checked fields, so specs for renamed operations lived on: every spec is linked to the registry here.
import fs from "node:fs";
import { namedPath } from "../project/documents.js";
import { contractsOf } from "../project/contracts.js";
import { defineCheck } from "./define.js";

const IDEMPOTENCY = ["yes", "no"];

export const operationSpec = defineCheck({
  id: "hoc/operation-spec",
  description: "Operation specs are complete and name operations the registry has, in the domain of the handler that registers them, one spec per operation.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "operation specs", unit: "specs", violationWord: "problems" },
  scope: "project",
  reads: ["operationSpecs", "operations"],
  documents: "specs",
  messages: {
    missingField:
      "Spec {{spec}} has no `{{field}}`, or it is empty: a spec states what must hold before, after and never, or nobody can test the operation against it. Fill in `{{field}}`.",
    blankEntry: "Spec {{spec}} has a blank entry in `{{field}}`: each entry is a condition someone must be able to check. Write it, or remove the line.",
    badIdempotency: "Spec {{spec}} says `idempotency: {{value}}`: it is `yes` or `no`, because retries and replays depend on it. Write one of them.",
    unknownDomain:
      "Spec {{spec}} is in domain `{{domain}}`, which this project does not have (domains: {{domains}}): a spec of a domain that does not exist is owned by nobody. Use the domain of the operation's handler.",
    ownerMissing:
      "Spec {{spec}} names owner `{{owner}}`, which does not exist: the owner is where a reader goes to check the spec against the code. Point it at the handler or engine that implements `{{name}}`.",
    unregistered:
      "Spec {{spec}} is for `{{name}}`, which no handler registers: a spec for a renamed or removed operation checks nothing, and the real operation runs without one. {{suggestion}}",
    domainMismatch:
      "Spec {{spec}} puts `{{name}}` in domain `{{domain}}`, but the `{{owner}}` handler registers it: the spec and the code disagree on who owns the operation. Set `domain: {{owner}}`, or move the registration.",
    duplicate:
      "Spec {{spec}} is a second spec for `{{name}}` (the first is {{first}}): two specs can disagree, and which one holds is anyone's guess. Merge them into one.",
  },

  check() {
    return 0;
  },

  checkDocument({ doc, project, report }) {
    const c = contractsOf(project);
    const index = project.registrationIndex();
    const { required } = project.config.operationSpecs;
    let checked = 0;
    for (const spec of doc.specs) {
      if (spec.template) continue;
      checked++;
      const f = spec.fields;
      const id = typeof f.spec_id?.value === "string" && f.spec_id.value ? f.spec_id.value : `at line ${spec.line}`;
      const name = typeof f.operation_name?.value === "string" ? f.operation_name.value.trim() : "";
      const key = (/** @type {string} */ what) => `${what}|${id}|${name}`;
      for (const field of required) {
        const v = f[field]?.value;
        const empty = v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
        if (empty) {
          report({ messageId: "missingField", data: { spec: id, field }, key: key(`missing:${field}`), at: f[field] ?? spec });
          continue;
        }
        const blank = Array.isArray(v) ? v.findIndex((e) => e === null || (typeof e === "string" && e.trim() === "")) : -1;
        if (blank >= 0)
          report({ messageId: "blankEntry", data: { spec: id, field }, key: key(`blank:${field}`), at: f[field]?.items?.[blank] ?? f[field] ?? spec });
      }
      const idem = f.idempotency?.value;
      if (idem !== undefined && idem !== null && !(typeof idem === "string" && IDEMPOTENCY.includes(idem.trim().toLowerCase()))) {
        report({ messageId: "badIdempotency", data: { spec: id, value: String(idem) }, key: key("idempotency"), at: f.idempotency });
      }
      const domain = typeof f.domain?.value === "string" ? f.domain.value.trim() : "";
      if (domain && !c.domains.has(domain)) {
        report({
          messageId: "unknownDomain",
          data: { spec: id, domain, domains: [...c.domains].sort().join(", ") || "none" },
          key: key("domain"),
          at: f.domain,
        });
      }
      const owner = typeof f.owner?.value === "string" ? f.owner.value.trim() : "";
      if (owner && !namedPath(project.config.root, doc.file, owner, (abs) => fs.existsSync(abs))) {
        report({ messageId: "ownerMissing", data: { spec: id, owner, name: name || "the operation" }, key: key("owner"), at: f.owner });
      }
      if (!name) continue;
      if (!index.registered.has(name)) {
        const near = index.closest(name);
        const suggestion = near
          ? `Did you mean \`${near}\`? Rename the spec's operation_name, or delete the spec.`
          : "Delete the spec, or register the operation.";
        report({ messageId: "unregistered", data: { spec: id, name, suggestion }, key: key("unregistered"), at: f.operation_name });
      } else if (domain && c.domains.has(domain) && c.ownerDomain(name) !== domain) {
        report({ messageId: "domainMismatch", data: { spec: id, name, domain, owner: c.ownerDomain(name) }, key: key("domain-mismatch"), at: f.domain });
      }
      const all = c.specsByOperation.get(name) ?? [];
      const first = all[0];
      if (first && first.spec !== spec) {
        const firstId = typeof first.spec.fields.spec_id?.value === "string" ? first.spec.fields.spec_id.value : "";
        const where = `${firstId ? `${firstId} in ` : ""}${project.rel(first.file)}:${first.spec.line}`;
        report({
          messageId: "duplicate",
          data: { spec: id, name, first: where },
          key: key("duplicate"),
          at: f.operation_name,
          related: [{ file: project.rel(first.file), line: first.spec.line, column: first.spec.column, message: `the first spec of ${name}` }],
        });
      }
    }
    return checked;
  },
});
