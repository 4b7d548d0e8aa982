// Which files the project-wide indexes can learn anything from, told from a file's text before it is parsed. The
// operation index reads registrations, dispatches, invariant lists, sub-operation and alias maps, and calls to
// dispatch wrappers; the model index reads what ORM packages declare. Each of those needs a name in the text: a
// configured method, function or decorator, a configured map name, an ORM's package name, a wrapper's exported
// name. A file whose text holds none of them adds nothing to either index, so the editor's first lint parses the
// few files that can, not the whole repository. The tests hold every extractor to this: whatever a file's facts
// contribute, its text is marked.

/** @typedef {import("../types.js").HocConfig} HocConfig */
/** @typedef {import("../types.js").FileFacts} FileFacts */
/** @typedef {import("../types.js").LayerInfo} LayerInfo */

/** The ORM packages src/facts/models.js reads models from (every spelling ormOf knows), and association calls. */
const MODEL_TEXT = /typeorm|@mikro-orm\/|sequelize|drizzle-orm|\.(?:belongsTo|hasMany|hasOne|belongsToMany)\s*\(/;
/** What any file can use to reach a default export (a wrapper exported as default is imported under any name). */
const ANY_IMPORT = /\bimport\b|\brequire\b/;
const MATCH_ALL = /(?:)/;
/** A name may be written with a unicode escape (`regi\u0073ter`): such a text is never ruled out. */
const UNICODE_ESCAPE = /\\u/;

/**
 * Every way a file re-exports (`export * from`, `export { a } from`, `export { imported }`, `export default imported`)
 * has `export` followed by something other than a declaration: a file without such an `export` provides every name
 * it is asked for itself, so what imports it is judged without parsing it.
 */
export const MAY_RE_EXPORT =
  /\bexport\b(?!\s+(?:const|let|var|function|class|interface|enum|abstract|async|declare|namespace|module|import)\b)(?!\s+type\s+[A-Za-z_$])(?!\s+default\s+(?:function|class|abstract|async|interface)\b)/;

/** What src/facts/surfaces.js reads a tombstone from (`@tombstone 2027-03-31`, `TOMBSTONE: 2027-03-31`). */
export const MAY_TOMBSTONE = /@tombstone\b|TOMBSTONE\s*:/;

/** @param {string} s */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A name as a whole identifier: not part of a longer one. @param {string} text */
const whole = (text) => `(?<![\\w$])${escape(text)}(?![\\w$])`;

/**
 * A variable a glob of `*` wildcards names, declared (`const HANDLERS = …`, `let map: T = …`), as a pattern for text:
 * a name is one identifier, so `*` is any run of identifier characters, and a declared variable's name is followed
 * by `=`, `:` or `!` (or a comment). So an import path (`./handlers/billing`) or a word in a string does not match.
 * Null when the glob uses more than `*` (classes, braces, extglobs): then no text can be ruled out.
 * @param {string} glob
 * @returns {string | null}
 */
export function globText(glob) {
  if (/[?[\]{}()!+@\\]/.test(glob) || glob.replaceAll("*", "") === "") return null;
  const parts = glob.split("*");
  // A leading `*` only says the identifier may begin earlier: what the glob requires is looked for where it is.
  const start = parts[0] === "" ? "" : "(?<![\\w$])";
  const rest = parts[parts.length - 1] === "" ? "[\\w$]*" : "";
  const middle = parts.filter((p, i) => p !== "" || (i > 0 && i < parts.length - 1));
  return `${start}${middle.map(escape).join("[\\w$]*")}${rest}(?![\\w$])(?=\\s*(?:[!:=]|\\/[/*]))`;
}

/**
 * The text tests for one config. `registrations`: what can add registrations, invariant bindings, sub-operation and
 * alias maps, or models (a file marked by one is parsed for every project-wide index). `dispatches`: what can add
 * dispatches (needed only when some rule asks about every dispatch of the project). Names matched exactly (methods,
 * functions, decorators) are looked for as whole identifiers, map names as declared variables without case.
 * @param {HocConfig} config
 * @returns {{ registrations: RegExp[], dispatches: RegExp | null }}
 */
export function staticScreen(config) {
  const ops = config.operations;
  const globs = [...ops.handlerMaps, ...ops.invariantLists, ...ops.subOperationMaps, ...ops.aliasMaps];
  const declared = globs.map(globText);
  if (declared.some((r) => r === null)) return { registrations: [MATCH_ALL], dispatches: null };
  /** @param {string[]} names */
  const exact = (names) => {
    const list = [...new Set(names)].filter((n) => n !== "");
    return list.length > 0 ? new RegExp(list.map(whole).join("|")) : null;
  };
  const registrations = [MODEL_TEXT, UNICODE_ESCAPE];
  const registering = exact([...ops.registerMethods, ...ops.decorators]);
  if (registering) registrations.push(registering);
  if (declared.length > 0) registrations.push(new RegExp(/** @type {string[]} */ (declared).join("|"), "i"));
  return { registrations, dispatches: exact([...ops.dispatchMethods, ...ops.dispatchFunctions]) };
}

/**
 * The text test for the names dispatch wrappers are exported under.
 * @param {Set<string>} names
 * @returns {RegExp | null}
 */
export function aliasScreen(names) {
  if (names.size === 0) return null;
  if (names.has("default")) return ANY_IMPORT;
  return new RegExp([...names].sort().map(whole).join("|"));
}

/**
 * Can these facts add registrations, invariant bindings, sub-operation or alias maps, or models? The same question
 * as the registrations text test, asked of facts: true whenever that test would mark the file.
 * @param {FileFacts | null} facts
 */
export function registers(facts) {
  if (!facts) return false;
  const o = facts.operations;
  return o.registrations.length + o.invariants.length + o.subOperationMaps.length + o.aliases.length + facts.models.length + facts.associations.length > 0;
}

/**
 * Can these facts add dispatches (their own, or calls to a dispatch wrapper)? The same question as the dispatches text
 * test with these wrapper names, asked of facts.
 * @param {FileFacts | null} facts
 * @param {Set<string>} wrapperNames the names dispatch wrappers are exported under
 */
export function dispatches(facts, wrapperNames) {
  if (!facts) return false;
  const o = facts.operations;
  if (o.dispatches.length > 0 || Object.keys(o.wrappers).length > 0) return true;
  if (wrapperNames.size === 0) return false;
  if (wrapperNames.has("default")) return o.wrapperCalls.length > 0 || facts.reExports.length > 0;
  if (facts.reExports.some((r) => wrapperNames.has(r.imported))) return true;
  if (o.wrapperCalls.length === 0) return false;
  return o.wrapperCalls.some((c) => c.callee.some((n) => wrapperNames.has(n))) || facts.imports.some((i) => i.names?.some((n) => wrapperNames.has(n.imported)));
}

/**
 * Do these facts re-export anything?
 * @param {FileFacts | null} facts
 */
export function reExports(facts) {
  return !!facts && (facts.reExports.length > 0 || facts.starExports.length > 0);
}

/**
 * @param {LayerInfo | null} a
 * @param {LayerInfo | null} b
 */
export function sameLayer(a, b) {
  if (a === null || b === null) return a === b;
  return a.layer === b.layer && a.source === b.source && JSON.stringify(a.captures) === JSON.stringify(b.captures);
}

/**
 * The names a dispatch wrapper of the listed files can be imported under: its own, the names its module exports it
 * under, and the new names listed barrels re-export those under (`export { run as dispatch } from "./run"`). Only
 * files whose facts are known are read: a barrel that renames a wrapper holds the wrapper's name in its text, so
 * screening with these names marks it, and the names are worked out again until they stop growing.
 * @param {string[]} files
 * @param {(file: string) => FileFacts | null | undefined} known facts of a file, if known
 * @returns {Set<string>}
 */
export function wrapperNamesOf(files, known) {
  const names = new Set();
  for (const f of files) {
    const facts = known(f);
    if (!facts) continue;
    const wrappers = facts.operations.wrappers;
    const locals = Object.keys(wrappers);
    if (locals.length === 0) continue;
    for (const l of locals) names.add(l);
    for (const [exported, local] of Object.entries(facts.exportNames)) if (locals.includes(local)) names.add(exported);
  }
  if (names.size === 0) return names;
  for (let grew = true; grew;) {
    grew = false;
    for (const f of files) {
      for (const r of known(f)?.reExports ?? []) {
        if (names.has(r.imported) && !names.has(r.exported)) {
          names.add(r.exported);
          grew = true;
        }
      }
    }
  }
  return names;
}
