// The links between the operation registry and what drifts from it: operation specs, guardrail tables, invariant
// checkers. Built from the operation index and the document store, memoized until facts or documents change.
import { own } from "../own.js";
/** @typedef {import("./project.js").Project} Project */
/** @typedef {import("../facts/documents.js").SpecFact} SpecFact */
/** @typedef {import("../facts/documents.js").GuardrailRow} GuardrailRow */
/** @typedef {import("../types.js").FailOpenFact} FailOpenFact */
/**
 * @typedef {{
 *   specs: { file: string, spec: SpecFact, name: string }[],
 *   specsByOperation: Map<string, { file: string, spec: SpecFact }[]>,
 *   guarded: Map<string, { file: string, row: GuardrailRow }[]>,
 *   invariantIds: Set<string>,
 *   domains: Set<string>,
 *   ownerDomain(name: string): string,
 *   checkers: Map<string, Set<string>>,
 * }} Contracts
 */

/** @type {WeakMap<Project, { generation: number, docs: object[], value: Contracts }>} */
const memo = new WeakMap();

/**
 * @param {Project} project
 * @returns {Contracts}
 */
export function contractsOf(project) {
  const specDocs = project.documents.get("specs");
  const guardDocs = project.documents.get("guardrails");
  // Facts changed (a new generation) or a document was read again (a new object): build again.
  const docs = [...specDocs, ...guardDocs];
  const hit = memo.get(project);
  if (hit && hit.generation === project.generation && hit.docs.length === docs.length && hit.docs.every((d, i) => d === docs[i])) return hit.value;
  const index = project.registrationIndex();
  const { handlerModulePatterns } = project.config.operations;

  /** @type {Contracts["specs"]} */
  const specs = [];
  /** @type {Contracts["specsByOperation"]} */
  const specsByOperation = new Map();
  for (const doc of specDocs) {
    for (const spec of doc.specs) {
      if (spec.template) continue;
      const name = typeof spec.fields.operation_name?.value === "string" ? spec.fields.operation_name.value.trim() : "";
      specs.push({ file: doc.file, spec, name });
      if (!name) continue;
      specsByOperation.set(name, [...(specsByOperation.get(name) ?? []), { file: doc.file, spec }]);
    }
  }
  /** @type {Contracts["guarded"]} */
  const guarded = new Map();
  for (const doc of guardDocs) for (const row of doc.rows) guarded.set(row.id, [...(guarded.get(row.id) ?? []), { file: doc.file, row }]);

  const invariantIds = new Set(index.invariants.flatMap((i) => (i.fact.id ? [i.fact.id] : [])));
  // The project's domains: every `<domain>` a layer captures, and the domains of registered operations.
  const domains = new Set();
  for (const f of project.files) {
    const d = project.layerOf(f)?.captures.domain;
    if (d) domains.add(d);
  }
  for (const name of index.registered.keys()) domains.add(index.domainOf(name));

  /** @param {string} name */
  const ownerDomain = (name) => {
    const reg = index.registered.get(name)?.registrations[0];
    if (reg) {
      const captured = handlerModulePatterns.map((p) => p.match(project.rel(reg.file))).find((c) => c && c.domain !== undefined)?.domain;
      if (captured) return captured;
    }
    return index.domainOf(name);
  };

  // Checker functions registered for invariants by name, followed to the module that declares them.
  /** @type {Map<string, Set<string>>} file -> function names */
  const checkers = new Map();
  for (const inv of index.invariants) {
    const c = inv.fact.checker;
    if (!c || c.kind !== "ref" || c.name.kind !== "ref") continue;
    const at = declarationOf(project, inv.file, c.name.path[0]);
    if (at) checkers.set(at.file, new Set([...(checkers.get(at.file) ?? []), at.name]));
  }

  const value = { specs, specsByOperation, guarded, invariantIds, domains, ownerDomain, checkers };
  memo.set(project, { generation: project.generation, docs, value });
  return value;
}

/**
 * Where a name used in `file` is declared: this file, or the module an import leads to (through re-exports).
 * @param {Project} project
 * @param {string} file
 * @param {string} local
 * @returns {{ file: string, name: string } | null}
 */
function declarationOf(project, file, local) {
  const facts = project.facts(file);
  if (!facts) return null;
  for (const imp of facts.imports) {
    const binding = imp.names?.find((n) => n.local === local);
    if (!binding) continue;
    const target = project.resolve(file, imp.specifier);
    if (target.kind !== "file") return null;
    const provider = project.providerOf(target.file, binding.imported);
    const pf = project.facts(provider.file);
    return { file: provider.file, name: (pf && own(pf.exportNames, provider.name)) ?? provider.name };
  }
  return { file, name: local };
}
