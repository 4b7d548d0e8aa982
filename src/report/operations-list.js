// The operation matrix (`hoc-audit --list operations`, and a section of the Markdown report): per operation its
// owner, its spec, the invariants bound to it (directly, through an alias, through a handler's method map), where
// it is dispatched (and which dispatches cross domains), and the guardrail tests of its invariants. Plus what
// dispatches or binds to names that nobody registers.
import { contractsOf } from "../project/contracts.js";

/** @typedef {import("../project/project.js").Project} Project */

/**
 * @param {Project} project
 */
export function operationsListing(project) {
  const index = project.operationIndex();
  const c = contractsOf(project);
  /** @param {{ file: string, fact: { line: number, column: number } }} s */
  const site = (s) => ({ file: project.rel(s.file), line: s.fact.line, column: s.fact.column });
  /** @type {Map<string, { method: string, operation: string | null, map: string }[]>} */
  const subOps = new Map();
  for (const m of index.subOperationMaps) {
    // The operations the map's file registers own its entries (once per map, not per entry).
    const owners = [...new Set((index.byFile.get(m.file)?.registrations ?? []).flatMap((r) => (r.name === null ? [] : [r.name])))];
    m.map.entries.forEach((e, i) => {
      for (const owner of owners) subOps.set(owner, [...(subOps.get(owner) ?? []), { method: e.method, operation: m.targets[i], map: m.map.name }]);
    });
  }
  /** Invariant bindings by the name they are bound to. @type {Map<string, import("../project/operation-index.js").Sited<import("../types.js").InvariantFact>[]>} */
  const bound = new Map();
  for (const inv of index.invariants) if (inv.name !== null) bound.set(inv.name, [...(bound.get(inv.name) ?? []), inv]);
  /** Aliases by registered operation: the invariant names each one leads to. @type {Map<string, string[]>} */
  const aliasOf = new Map();
  for (const [to, a] of index.aliasTargets) aliasOf.set(a.from, [...(aliasOf.get(a.from) ?? []), to]);
  /** @param {string} id */
  const tests = (id) => (c.guarded.get(id) ?? []).map((g) => ({ id, test: g.row.test, doc: project.rel(g.file), line: g.row.line }));
  /** @param {import("../project/operation-index.js").Sited<import("../types.js").InvariantFact>} i @param {string} via */
  const invariant = (i, via) => ({ id: i.fact.id, severity: i.fact.severity, via, ...site(i) });

  const operations = [...index.registered.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((o) => {
      const owner = o.domain;
      const invariants = [
        ...(bound.get(o.name) ?? []).map((i) => invariant(i, "direct")),
        ...(aliasOf.get(o.name) ?? []).flatMap((/** @type {string} */ alias) => (bound.get(alias) ?? []).map((i) => invariant(i, `alias ${alias}`))),
        ...(subOps.get(o.name) ?? []).flatMap((/** @type {{ method: string, operation: string | null }} */ s) =>
          s.operation ? (bound.get(s.operation) ?? []).map((i) => invariant(i, `method ${s.method} -> ${s.operation}`)) : [],
        ),
      ];
      const dispatches = o.dispatches.map((d) => {
        const from = project.layerOf(d.file)?.captures.domain;
        return { ...site(d), method: d.fact.method, crossDomain: from !== undefined && from !== owner ? from : null };
      });
      return {
        name: o.name,
        owner,
        handler: o.registrations[0] ? project.rel(o.registrations[0].file) : null,
        registrations: o.registrations.map((r) => ({ ...site(r), form: r.fact.form, handler: r.fact.handler })),
        spec: (c.specsByOperation.get(o.name) ?? []).map((s) => ({ id: s.spec.fields.spec_id?.value ?? null, file: project.rel(s.file), line: s.spec.line })),
        invariants,
        dispatches,
        dispatchCount: dispatches.length,
        crossDomainDispatches: dispatches.filter((d) => d.crossDomain !== null).length,
        subOperations: subOps.get(o.name) ?? [],
        guardrailTests: invariants.flatMap((i) => (i.id ? tests(i.id) : [])),
      };
    });
  const unregisteredDispatches = index.dispatches.filter((d) => d.name !== null && !index.registered.has(d.name)).map((d) => ({ name: d.name, ...site(d) }));
  const fires = (/** @type {string} */ n) => index.registered.has(n) || index.aliasTargets.has(n) || index.subOperationTargets.has(n);
  const deadInvariants = index.invariants.filter((i) => i.name !== null && !fires(i.name)).map((i) => ({ id: i.fact.id, name: i.name, ...site(i) }));
  return { operations, unregisteredDispatches, deadInvariants };
}

/** @typedef {ReturnType<typeof operationsListing>} Listing */

/**
 * @param {Listing} listing
 */
export function formatOperationsText(listing) {
  const out = [`${listing.operations.length} registered operations`, ""];
  for (const o of listing.operations) {
    out.push(`${o.name}  (owner: ${o.owner})`);
    for (const r of o.registrations) out.push(`  registered  ${r.file}:${r.line}  ${r.form} ${r.handler}`);
    for (const s of o.spec) out.push(`  spec        ${s.id ?? "(no id)"}  ${s.file}:${s.line}`);
    if (o.spec.length === 0) out.push("  spec        none");
    for (const d of o.dispatches)
      out.push(`  dispatched  ${d.file}:${d.line}${d.method ? `  method ${d.method}` : ""}${d.crossDomain ? `  (cross-domain from ${d.crossDomain})` : ""}`);
    for (const s of o.subOperations) out.push(`  method      ${s.method} -> ${s.operation ?? "?"}  (${s.map})`);
    for (const i of o.invariants) out.push(`  invariant   ${i.id ?? "(no id)"}${i.severity ? ` ${i.severity}` : ""}  ${i.via}  ${i.file}:${i.line}`);
    for (const g of o.guardrailTests) out.push(`  guarded     ${g.id} by ${g.test ?? "(no test)"}  (${g.doc}:${g.line})`);
    out.push("");
  }
  if (listing.unregisteredDispatches.length > 0) {
    out.push("dispatched but registered nowhere:");
    for (const d of listing.unregisteredDispatches) out.push(`  ${d.name}  ${d.file}:${d.line}`);
    out.push("");
  }
  if (listing.deadInvariants.length > 0) {
    out.push("invariants bound to names that never dispatch:");
    for (const i of listing.deadInvariants) out.push(`  ${i.id ?? "(no id)"} -> ${i.name}  ${i.file}:${i.line}`);
    out.push("");
  }
  return `${out.join("\n")}`;
}

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/**
 * The matrix as a Markdown table (one row per operation), for `--list operations --format markdown` and the
 * Markdown report.
 * @param {Listing} listing
 */
export function formatOperationsMarkdown(listing) {
  const out = ["| operation | owner | spec | invariants | dispatches | guardrail tests |", "| --- | --- | --- | --- | ---: | --- |"];
  for (const o of listing.operations) {
    const spec = o.spec.map((s) => `${s.id ?? "(no id)"}`).join(", ") || "—";
    const inv = o.invariants.map((i) => `${i.id ?? "(no id)"}${i.via === "direct" ? "" : ` (${i.via})`}`).join(", ") || "—";
    const disp = `${o.dispatchCount}${o.crossDomainDispatches > 0 ? ` (${o.crossDomainDispatches} cross-domain)` : ""}`;
    const tests = o.guardrailTests.map((g) => `\`${g.test ?? "none"}\``).join(", ") || "—";
    out.push(`| \`${cell(o.name)}\` | ${cell(o.owner)} | ${cell(spec)} | ${cell(inv)} | ${disp} | ${cell(tests)} |`);
  }
  return `${out.join("\n")}\n`;
}
