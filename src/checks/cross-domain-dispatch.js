// hoc/cross-domain-dispatch: an API route dispatches only its own domain's operations. A route of domain A that
// dispatches an operation domain B owns skips B's route (its authorization, its validation, its audit context):
// it goes through B's route, or it is an allowed pair with a reason (crossDomainDispatch.allow).
import { defineCheck } from "./define.js";
import { own } from "../own.js";

export const crossDomainDispatch = defineCheck({
  id: "hoc/cross-domain-dispatch",
  description:
    "An API route dispatches only operations its own domain owns; a cross-domain dispatch goes through the owning domain's route or is an allowed pair with a reason.",
  severity: "error",
  presets: ["recommended", "strict"],
  gate: { label: "cross-domain dispatch", unit: "dispatches", violationWord: "cross-domain" },
  scope: "project",
  reads: ["crossDomainDispatch", "operations", "layers"],
  messages: {
    crossDomain:
      "{{layer}} of domain `{{from}}` dispatches `{{name}}`, which domain `{{to}}` owns ({{owner}}): a route that dispatches another domain's operation skips that domain's route — its authorization, validation and audit context. Call `{{to}}`'s route (or its client), or allow the pair with a reason in crossDomainDispatch.allow.",
  },

  check({ file, project, report }) {
    const layer = project.layerOf(file);
    const from = layer?.captures.domain;
    if (!layer || !from || !project.config.crossDomainDispatch.layers.includes(layer.layer.id)) return 0;
    const index = project.registrationIndex();
    const dispatches = index.byFile.get(file)?.dispatches ?? [];
    if (dispatches.length === 0) return 0;
    const { domainAliases } = project.config.operations;
    const mine = own(domainAliases, from) ?? from;
    let checked = 0;
    for (const d of dispatches) {
      if (d.name === null) continue;
      checked++;
      // The operation's owning domain is its name's (before the first dot, through domainAliases).
      const to = index.domainOf(d.name);
      if (to === mine || to === from) continue;
      const reg = index.registered.get(d.name)?.registrations[0];
      const owner = reg ? `registered at ${project.rel(reg.file)}:${reg.fact.line}` : "by its name; no handler here registers it";
      report({ messageId: "crossDomain", data: { layer: layer.layer.name, from, to, name: d.name, owner }, key: `${from}|${to}|${d.name}`, at: d.fact });
    }
    return checked;
  },
});
