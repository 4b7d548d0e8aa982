// hoc/handler-domain-scope (strict): an L4 handler module imports L5 only from the domains whose operations it
// registers. A handler that reaches into another domain's engine is doing cross-domain work that belongs in
// that domain's handler (dispatch its operation instead). Exceptions name the (handler, domain) pair and a reason.

import { locationOf } from "./location.js";

/** @typedef {import("../types.js").RawFinding} RawFinding */
/** @typedef {import("../project/project.js").Project} Project */

export const handlerDomainScope = {
  id: "hoc/handler-domain-scope",
  meta: {
    description: "An L4 handler module imports L5 only from the domains whose operations it registers (exceptions need a written reason).",
    defaultSeverity: /** @type {const} */ ("error"),
    presets: ["strict"],
    gate: { label: "handler domain scope", unit: "handler modules" },
    messages: {
      outOfScope: "The `{{handler}}` handler module imports {{to}} of domain `{{domain}}` (`{{specifier}}`) but registers no `{{domain}}` operation: each handler owns its own domain, and work in another domain goes through that domain's operations. Dispatch a `{{domain}}.…` operation instead, or record an exception in handlerDomainScope.exceptions with a reason.",
      knownException: "The `{{handler}}` handler module imports {{to}} of domain `{{domain}}` (`{{specifier}}`): known exception — {{reason}}",
    },
  },

  /**
   * @param {string} file
   * @param {Project} project
   * @returns {{ findings: RawFinding[], checked: number }}
   */
  checkFile(file, project) {
    /** @type {RawFinding[]} */
    const findings = [];
    const facts = project.facts(file);
    if (!facts) return { findings, checked: 0 };
    const rel = project.rel(file);
    const handler = project.config.operations.handlerModulePatterns.map((p) => p.match(rel)).find((c) => c && c.domain !== undefined)?.domain;
    if (!handler) return { findings, checked: 0 };
    const index = project.operationIndex();
    const owned = new Set([handler]);
    for (const r of index.byFile.get(file)?.registrations ?? []) if (r.name !== null) owned.add(index.domainOf(r.name));
    const { layers, exceptions } = project.config.handlerDomainScope;
    for (const imp of facts.imports) {
      for (const target of project.providersOfImport(file, imp)) {
        const to = project.layerOf(target.file);
        const domain = to?.captures.domain;
        if (!to || !domain || !layers.includes(to.layer.id) || owned.has(domain)) continue;
        const exception = exceptions.find((e) => e.handler === handler && e.domain === domain);
        const at = locationOf(imp);
        findings.push({
          ruleId: handlerDomainScope.id,
          messageId: exception ? "knownException" : "outOfScope",
          data: { handler, domain, to: to.layer.name, specifier: imp.specifier, reason: exception?.reason ?? "" },
          key: `${handler}|${domain}|${imp.specifier}`,
          ...(exception ? { severity: /** @type {const} */ ("warning"), known: /** @type {const} */ ("exception") } : {}),
          ...at,
        });
      }
    }
    return { findings, checked: 1 };
  },
};
