// `hoc-audit --list operations`: the operation index as a table of owners, registrations, dispatches and
// bound invariants, plus what dispatches or binds to names that nobody registers.

/** @typedef {import("../project/project.js").Project} Project */

/**
 * @param {Project} project
 */
export function operationsListing(project) {
  const index = project.operationIndex();
  /** @param {{ file: string, fact: { line: number, column: number } }} s */
  const site = (s) => ({ file: project.rel(s.file), line: s.fact.line, column: s.fact.column });
  const subOps = new Map();
  for (const m of index.subOperationMaps) {
    // The operations the map's file registers own its entries (once per map, not per entry).
    const owners = [...new Set((index.byFile.get(m.file)?.registrations ?? []).flatMap((r) => (r.name === null ? [] : [r.name])))];
    m.map.entries.forEach((e, i) => {
      for (const owner of owners) subOps.set(owner, [...(subOps.get(owner) ?? []), { method: e.method, operation: m.targets[i], map: m.map.name }]);
    });
  }
  const operations = [...index.registered.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((o) => ({
      name: o.name,
      owner: o.domain,
      registrations: o.registrations.map((r) => ({ ...site(r), form: r.fact.form, handler: r.fact.handler })),
      dispatches: o.dispatches.map((d) => ({ ...site(d), method: d.fact.method })),
      invariants: o.invariants.map((i) => ({ id: i.fact.id, ...site(i) })),
      subOperations: subOps.get(o.name) ?? [],
    }));
  const unregisteredDispatches = index.dispatches.filter((d) => d.name !== null && !index.registered.has(d.name)).map((d) => ({ name: d.name, ...site(d) }));
  const fires = (/** @type {string} */ n) => index.registered.has(n) || index.aliasTargets.has(n) || index.subOperationTargets.has(n);
  const deadInvariants = index.invariants.filter((i) => i.name !== null && !fires(i.name)).map((i) => ({ id: i.fact.id, name: i.name, ...site(i) }));
  return { operations, unregisteredDispatches, deadInvariants };
}

/**
 * @param {ReturnType<typeof operationsListing>} listing
 */
export function formatOperationsText(listing) {
  const out = [`${listing.operations.length} registered operations`, ""];
  for (const o of listing.operations) {
    out.push(`${o.name}  (owner: ${o.owner})`);
    for (const r of o.registrations) out.push(`  registered  ${r.file}:${r.line}  ${r.form} ${r.handler}`);
    for (const d of o.dispatches) out.push(`  dispatched  ${d.file}:${d.line}${d.method ? `  method ${d.method}` : ""}`);
    for (const s of o.subOperations) out.push(`  method      ${s.method} -> ${s.operation ?? "?"}  (${s.map})`);
    for (const i of o.invariants) out.push(`  invariant   ${i.id ?? "(no id)"}  ${i.file}:${i.line}`);
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
