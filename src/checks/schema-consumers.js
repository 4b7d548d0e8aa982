// hoc/schema-consumers: a spine schema says who depends on it. Spine schemas (spinePurity.schemaPaths) are shared
// by every domain; the `// Consumers: a, b` line of the header is what a reviewer reads before changing one.
import { defineCheck } from "./define.js";

export const schemaConsumers = defineCheck({
  id: "hoc/schema-consumers",
  description: "A spine schema module's header names its consumers (`// Consumers: a, b`), at least two of them.",
  severity: "warning",
  presets: ["strict"],
  gate: { label: "schema consumers", unit: "spine schemas", violationWord: "missing" },
  scope: "file",
  reads: ["schemaConsumers", "spinePurity"],
  messages: {
    noConsumers:
      "Spine schema without a `// Consumers:` line in its header: spine schemas are shared across domains, and a change to one breaks consumers nobody listed. Add `// Consumers: <module>, <module>` naming who imports it.",
    tooFewConsumers:
      "Spine schema names {{count}} consumer(s) in its header (`{{text}}`), fewer than {{minimum}}: a schema with one consumer belongs to that consumer, not to the spine. Name every consumer, or move the schema next to its only user.",
  },

  check({ file, project, report }) {
    const rel = project.rel(file);
    if (!project.config.spinePurity.schemaPaths.some((p) => p.match(rel) !== null)) return 0;
    const facts = project.facts(file);
    if (!facts) return 0;
    const { minimum } = project.config.schemaConsumers;
    const c = facts.consumers;
    if (!c) report({ messageId: "noConsumers", data: {}, key: "none", at: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    else if (c.items.length < minimum)
      report({ messageId: "tooFewConsumers", data: { count: String(c.items.length), text: c.text, minimum: String(minimum) }, key: "few", at: c });
    return 1;
  },
});
