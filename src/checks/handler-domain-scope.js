// hoc/handler-domain-scope (strict): an L4 handler module imports L5 code only of the domains whose operations
// it registers. Exceptions with a reason (`handlerDomainScope.exceptions`) are known findings, decided like
// every other known exception (src/report/known.js), on this rule's data: `handler` and `domain`.
import { defineCheck } from "./define.js";

export const handlerDomainScope = defineCheck({
  id: "hoc/handler-domain-scope",
  description: "An L4 handler module imports L5 only from the domains whose operations it registers (exceptions need a written reason).",
  severity: "error",
  presets: ["strict"],
  gate: { label: "handler domain scope", unit: "handler modules" },
  scope: "project",
  reads: ["handlerDomainScope", "operations", "layers"],
  messages: {
    outOfScope:
      "The `{{handler}}` handler module imports {{to}} of domain `{{domain}}` (`{{specifier}}`) but registers no `{{domain}}` operation: each handler owns its own domain, and work in another domain goes through that domain's operations. Dispatch a `{{domain}}.…` operation instead, or record an exception in handlerDomainScope.exceptions with a reason.",
  },

  check({ file, project, report }) {
    const facts = project.facts(file);
    if (!facts) return 0;
    const rel = project.rel(file);
    const handler = project.config.operations.handlerModulePatterns.map((p) => p.match(rel)).find((c) => c && c.domain !== undefined)?.domain;
    if (!handler) return 0;
    const index = project.registrationIndex();
    const owned = new Set([handler]);
    for (const r of index.byFile.get(file)?.registrations ?? []) if (r.name !== null) owned.add(index.domainOf(r.name));
    const { layers } = project.config.handlerDomainScope;
    for (const imp of facts.imports) {
      for (const target of project.providersOfImport(file, imp)) {
        const to = project.layerOf(target.file);
        const domain = to?.captures.domain;
        if (!to || !domain || !layers.includes(to.layer.id) || owned.has(domain)) continue;
        report({
          messageId: "outOfScope",
          data: { handler, domain, to: to.layer.name, specifier: imp.specifier },
          key: `${handler}|${domain}|${imp.specifier}`,
          at: imp,
        });
      }
    }
    return 1;
  },
});
