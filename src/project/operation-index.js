// The project-wide operation index: every registration, dispatch, invariant binding, sub-operation map and
// alias, with names resolved across files (string literals, consts, imported consts, enum members, `as const`
// object members). Built from per-file facts, so rebuilding it after one file changes is cheap.
import { own } from "../own.js";

/** @typedef {import("../types.js").NameRef} NameRef */
/** @typedef {import("../types.js").RegistrationFact} RegistrationFact */
/** @typedef {import("../types.js").DispatchFact} DispatchFact */
/** @typedef {import("../types.js").InvariantFact} InvariantFact */
/** @typedef {import("../types.js").SubOperationMap} SubOperationMap */
/** @typedef {import("./project.js").Project} Project */
/**
 * @template F
 * @typedef {{ file: string, fact: F, name: string | null }} Sited
 */
/**
 * @typedef {{
 *   name: string,
 *   domain: string,
 *   registrations: Sited<RegistrationFact>[],
 *   dispatches: Sited<DispatchFact>[],
 *   invariants: Sited<InvariantFact>[],
 * }} Operation
 */
/**
 * @typedef {{
 *   registered: Map<string, Operation>,
 *   registrations: Sited<RegistrationFact>[],
 *   dispatches: Sited<DispatchFact>[],
 *   invariants: Sited<InvariantFact>[],
 *   subOperationMaps: { file: string, map: SubOperationMap, targets: (string | null)[], handlerRegisters: boolean, handledMethods: string[] }[],
 *   aliasTargets: Map<string, { file: string, line: number, from: string }>,
 *   subOperationTargets: Map<string, { file: string, line: number, method: string, map: string }>,
 *   domainOf(name: string): string,
 *   byFile: { get(file: string): { registrations: Sited<RegistrationFact>[], dispatches: Sited<DispatchFact>[], invariants: Sited<InvariantFact>[] } | undefined },
 *   sortedNames: string[],
 *   closest(name: string): string | null,
 * }} OperationIndex
 */

const MAX_DEPTH = 12;

/**
 * A name as it is written, for messages about names that cannot be resolved.
 * @param {NameRef} ref
 */
export function nameRefText(ref) {
  if (ref.kind === "ref") return ref.path.join(".");
  return ref.kind === "literal" ? ref.value : ref.text;
}

/**
 * Resolve a name as written in `file` to its string value, or null when it cannot be known statically.
 * @param {Project} project
 * @param {string} file
 * @param {NameRef} ref
 * @param {number} [depth]
 * @returns {string | null}
 */
export function resolveName(project, file, ref, depth = 0) {
  if (ref.kind === "literal") return ref.value;
  if (ref.kind !== "ref" || depth > MAX_DEPTH) return null;
  if (depth > 0) return resolveRef(project, file, ref, depth);
  // Depends on names only: kept across edits that move lines (the editor rebuilds the index on every keystroke).
  const memo = project.nameAnswers();
  const key = `n\u0000${file}\u0000${ref.path.join("\u0000")}`;
  if (memo.has(key)) return /** @type {string | null} */ (memo.get(key));
  const value = resolveRef(project, file, ref, 0);
  memo.set(key, value);
  return value;
}

/**
 * @param {Project} project
 * @param {string} file
 * @param {NameRef & { kind: "ref" }} ref
 * @param {number} depth
 * @returns {string | null}
 */
function resolveRef(project, file, ref, depth) {
  const facts = project.facts(file);
  if (!facts) return null;
  const { path } = ref;
  const direct = own(facts.constants, path.join("."));
  if (direct) return resolveName(project, file, direct, depth + 1);
  // `const OPS = SHARED_OPS` then `OPS.QUERY`: follow the alias of the head.
  const head = own(facts.constants, path[0]);
  if (head?.kind === "ref" && path.length > 1) return resolveName(project, file, { kind: "ref", path: [...head.path, ...path.slice(1)] }, depth + 1);
  for (const imp of facts.imports) {
    if (imp.namespace === path[0] && path.length > 1) {
      const target = project.resolve(file, imp.specifier);
      if (target.kind !== "file") return null;
      const provider = project.providerOf(target.file, path[1]);
      return resolveName(project, provider.file, { kind: "ref", path: [provider.name, ...path.slice(2)] }, depth + 1);
    }
    const binding = imp.names?.find((n) => n.local === path[0]);
    if (binding) {
      const target = project.resolve(file, imp.specifier);
      if (target.kind !== "file") return null;
      const provider = project.providerOf(target.file, binding.imported);
      return resolveName(project, provider.file, { kind: "ref", path: [provider.name, ...path.slice(1)] }, depth + 1);
    }
  }
  return null;
}

/**
 * @param {Project} project
 * @param {string[]} files the files that make up the project (sorted, for a deterministic index)
 * @param {{ dispatches: boolean }} [options] without dispatches: no dispatch of any file is listed (`dispatches` and
 *   each operation's stay empty), though `byFile` still gives each file its own
 * @returns {OperationIndex}
 */
export function buildOperationIndex(project, files, { dispatches: withDispatches } = { dispatches: true }) {
  const { domainAliases } = project.config.operations;
  /** @param {string} name */
  const domainOf = (name) => {
    const head = name.includes(".") ? name.slice(0, name.indexOf(".")) : name;
    return own(domainAliases, head) ?? head;
  };
  /** @type {OperationIndex} */
  const index = {
    registered: new Map(),
    registrations: [],
    dispatches: [],
    invariants: [],
    subOperationMaps: [],
    aliasTargets: new Map(),
    subOperationTargets: new Map(),
    domainOf,
    byFile: {
      // A file's own part, from its facts: the same whichever files the index was built from (and the very objects
      // the index lists, so a rule can tell its own registration among an operation's).
      get(file) {
        const part = partFor(file);
        return part
          ? { registrations: part.registrations, dispatches: [...part.dispatches, ...part.wrapperDispatches], invariants: part.invariants }
          : undefined;
      },
    },
    sortedNames: [],
    closest(name) {
      // The same typo is often dispatched from many routes: compute each suggestion once.
      if (!suggestions.has(name)) suggestions.set(name, closestName(name, index.sortedNames));
      return suggestions.get(name) ?? null;
    },
  };
  /** @type {Map<string, string | null>} */
  const suggestions = new Map();
  /** @param {string} name */
  const op = (name) => {
    let o = index.registered.get(name);
    if (!o) {
      o = { name, domain: domainOf(name), registrations: [], dispatches: [], invariants: [] };
      index.registered.set(name, o);
    }
    return o;
  };
  /** @type {FilePart["aliases"]} */
  const aliases = [];
  /** @type {Map<string, FilePart | null>} */
  const partsByFile = new Map();
  /** @param {string} file */
  const partFor = (file) => {
    let part = partsByFile.get(file);
    if (part === undefined) partsByFile.set(file, (part = partOf(project, file)));
    return part;
  };
  /** @type {FilePart[]} */
  const parts = [];
  for (const file of files) {
    const part = partFor(file);
    if (part) parts.push(part);
  }
  for (const part of parts) {
    for (const sited of part.registrations) {
      index.registrations.push(sited);
      if (sited.name !== null) op(sited.name).registrations.push(sited);
    }
    if (withDispatches) index.dispatches.push(...part.dispatches);
    index.invariants.push(...part.invariants);
    index.subOperationMaps.push(...part.subOperationMaps);
    aliases.push(...part.aliases);
  }
  // Calls to a dispatch wrapper dispatch the name they pass: after every direct dispatch, as they always were.
  if (withDispatches) for (const part of parts) index.dispatches.push(...part.wrapperDispatches);
  for (const d of index.dispatches) {
    const o = d.name !== null ? index.registered.get(d.name) : undefined;
    if (o) o.dispatches.push(d);
  }
  for (const inv of index.invariants) {
    const o = inv.name !== null ? index.registered.get(inv.name) : undefined;
    if (o) o.invariants.push(inv);
  }
  // What an invariant may be bound to besides a registered operation: the target of an alias from a registered
  // operation, or a value of a method -> sub-operation map that a registering handler module applies.
  for (const { file, from, to, line } of aliases) {
    if (from !== null && to !== null && index.registered.has(from) && !index.aliasTargets.has(to)) index.aliasTargets.set(to, { file, line, from });
  }
  index.sortedNames = [...index.registered.keys()].sort();
  for (const m of index.subOperationMaps) {
    if (!m.handlerRegisters) continue;
    m.map.entries.forEach((e, i) => {
      const t = m.targets[i];
      // An entry for a method the handler never handles is dead: it makes nothing fire.
      if (m.handledMethods.length > 0 && !m.handledMethods.includes(e.method)) return;
      if (t !== null && !index.subOperationTargets.has(t)) index.subOperationTargets.set(t, { file: m.file, line: e.line, method: e.method, map: m.map.name });
    });
  }
  return index;
}

/**
 * A file's part of the index, or null when it has none: files outside every layer and outside the HOC tree are not
 * part of the architecture (a frontend's component with a `handlers` object, a script), and what they register or
 * dispatch is not the registry's; nor is what a file outside the project's list does. A part depends on the file's
 * own facts and on names only, so it is kept with the facts (an edit elsewhere that moved lines reuses it).
 * @param {Project} project
 * @param {string} file
 * @returns {FilePart | null}
 */
function partOf(project, file) {
  if (!project.listed().has(file)) return null;
  const entry = project.entry(file);
  const ops = entry.facts?.operations;
  if (!ops || (entry.layer === null && !project.inHocTree(file))) return null;
  const memo = project.nameAnswersByFacts();
  let part = /** @type {FilePart | undefined} */ (memo.get(ops));
  if (!part) memo.set(ops, (part = filePart(project, file, ops)));
  return part;
}

/**
 * @typedef {{
 *   registrations: Sited<RegistrationFact>[],
 *   dispatches: Sited<DispatchFact>[],
 *   invariants: Sited<InvariantFact>[],
 *   subOperationMaps: OperationIndex["subOperationMaps"],
 *   aliases: { file: string, from: string | null, to: string | null, line: number }[],
 *   wrapperDispatches: Sited<DispatchFact>[],
 * }} FilePart
 */

/**
 * One file's part of the index: its operation facts with their names resolved.
 * @param {Project} project
 * @param {string} file
 * @param {import("../types.js").OperationFacts} ops
 * @returns {FilePart}
 */
function filePart(project, file, ops) {
  /** @type {Sited<DispatchFact>[]} */
  const wrapperDispatches = [];
  // Calls to a dispatch wrapper (`dispatch("accounts.close", ctx)` where `dispatch` forwards its parameter to
  // `registry.execute`) dispatch the name they pass, whether the wrapper is in the same file or imported.
  for (const call of ops.wrapperCalls ?? []) {
    const at = wrapperParam(project, file, call.callee);
    const arg = at === null ? undefined : call.args.find((a) => a.index === at);
    if (!arg) continue;
    /** @type {DispatchFact} */
    const fact = { name: arg.name, method: null, line: call.line, column: call.column, endLine: call.endLine, endColumn: call.endColumn };
    wrapperDispatches.push({ file, fact, name: resolveName(project, file, arg.name) });
  }
  return {
    registrations: ops.registrations.map((fact) => ({ file, fact, name: resolveName(project, file, fact.name) })),
    dispatches: ops.dispatches.map((fact) => ({ file, fact, name: resolveName(project, file, fact.name) })),
    invariants: ops.invariants.map((fact) => ({ file, fact, name: resolveName(project, file, fact.name) })),
    subOperationMaps: ops.subOperationMaps.map((map) => ({
      file,
      map,
      targets: map.entries.map((e) => resolveName(project, file, e.name)),
      handlerRegisters: ops.registrations.length > 0,
      handledMethods: ops.handledMethods,
    })),
    aliases: ops.aliases.map((a) => ({ file, from: resolveName(project, file, a.from), to: resolveName(project, file, a.to), line: a.line })),
    wrapperDispatches,
  };
}

/**
 * Which parameter of a called function names the operation it dispatches, when it is a dispatch wrapper: one of
 * this file's, or one reached through an import (named, renamed, re-exported, or a namespace's member).
 * @param {Project} project
 * @param {string} file
 * @param {string[]} callee the callee as written: `[fn]` or `[ns, fn]`
 * @returns {number | null}
 */
function wrapperParam(project, file, callee) {
  const memo = project.nameAnswers();
  const key = `w\u0000${file}\u0000${callee.join("\u0000")}`;
  if (memo.has(key)) return /** @type {number | null} */ (memo.get(key));
  const at = findWrapperParam(project, file, callee);
  memo.set(key, at);
  return at;
}

/**
 * @param {Project} project
 * @param {string} file
 * @param {string[]} callee
 * @returns {number | null}
 */
function findWrapperParam(project, file, callee) {
  const facts = project.facts(file);
  if (!facts || callee.length > 2) return null;
  if (callee.length === 1 && Object.prototype.hasOwnProperty.call(facts.operations.wrappers, callee[0])) return facts.operations.wrappers[callee[0]];
  for (const imp of facts.imports) {
    const binding = callee.length === 1 ? imp.names?.find((n) => n.local === callee[0]) : imp.namespace === callee[0] ? { imported: callee[1] } : undefined;
    if (!binding) continue;
    const target = project.resolve(file, imp.specifier);
    if (target.kind !== "file") return null;
    const provider = project.providerOf(target.file, binding.imported);
    // Like the registry's own calls, a wrapper counts where the project is: in a listed file, reached through
    // listed barrels (what the scan leaves out is not part of the architecture).
    const listed = project.listed();
    if (!listed.has(provider.file) || !provider.via.every((f) => listed.has(f))) return null;
    const pf = project.facts(provider.file);
    const local = (pf && own(pf.exportNames, provider.name)) ?? provider.name;
    return pf && Object.prototype.hasOwnProperty.call(pf.operations.wrappers, local) ? pf.operations.wrappers[local] : null;
  }
  return null;
}

/**
 * Levenshtein distance, for "did you mean" suggestions.
 * @param {string} a
 * @param {string} b
 */
export function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The registered name closest to `name`, if it is close enough to be a likely typo.
 * @param {string} name
 * @param {string[]} candidates sorted, so that ties resolve the same way every run
 */
export function closestName(name, candidates) {
  let best = null;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 4));
  for (const c of candidates) {
    // The distance is at least the difference in length: skip what cannot be close enough.
    if (Math.abs(c.length - name.length) > Math.min(limit, bestDistance)) continue;
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= limit ? best : null;
}
