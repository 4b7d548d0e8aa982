// hoc/transaction-boundaries: only the owning layer (L4 by default) begins, commits or rolls back.

import { defineCheck } from "./define.js";

/** @typedef {import("../types.js").TransactionFact} TransactionFact */

export const transactionBoundaries = defineCheck({
  id: "hoc/transaction-boundaries",
  description: "Only the layer that owns transactions (L4) begins, commits or rolls back; engines and drivers work inside the transaction they are given.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "transaction boundaries", unit: "files" },
  scope: "file",
  types: "optional",
  reads: ["transactions", "database", "layers"],
  messages: {
    boundary:
      "{{form}} on `{{receiver}}` in {{layer}}: {{what}} a transaction outside {{owners}}. Engines and drivers work inside the transaction {{owners}} gives them; ending it here makes half-done work visible and lets retries apply it twice. Let {{owners}} own the transaction and pass the transaction handle down ({{evidence}}).",
    rawSql:
      "{{form}} in {{layer}}: SQL that {{what}} a transaction, outside {{owners}}. Engines and drivers work inside the transaction {{owners}} gives them; ending it here makes half-done work visible and lets retries apply it twice. Let {{owners}} own the transaction and pass the transaction handle down.",
  },

  check({ file, project, report }) {
    const entry = project.entry(file);
    if (!entry.facts || !entry.layer) return 0;
    const { ownerLayers } = project.config.transactions;
    if (ownerLayers.includes(entry.layer.layer.id)) return 1;
    const owners = ownerLayers.map((id) => project.config.layerById.get(id)?.name ?? id).join(", ") || "the owning layer";
    const index = project.dataIndex();
    for (const fact of entry.facts.transactions) {
      const syntactic = index.txVerdict(file, fact);
      // Type information decides where nothing is declared; it never overturns a declaration.
      const typed = syntactic.declared ? null : (project.types?.verdict(file, fact, project.config.database.matchers) ?? null);
      const verdict = typed ?? syntactic;
      if (verdict.verdict !== "db") continue;
      const raw = fact.form.startsWith("raw SQL");
      report({
        messageId: raw ? "rawSql" : "boundary",
        data: { form: fact.form, receiver: fact.receiver, layer: entry.layer.layer.name, what: whatItDoes(fact), owners, evidence: verdict.evidence },
        key: `${fact.form}|${fact.receiver}`,
        at: fact,
      });
    }
    return 1;
  },
});

/** @param {TransactionFact} fact */
function whatItDoes(fact) {
  const text = `${fact.form} ${fact.method}`.toLowerCase();
  if (/rollback/.test(text)) return "rolls back";
  if (/commit|flush|\bend\b/.test(text)) return "commits";
  if (/savepoint/.test(text)) return "manages a savepoint of";
  if (/begin|start/.test(text)) return "begins";
  return "opens and ends";
}
