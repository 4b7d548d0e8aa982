// The type-aware verdict on a transaction candidate's receiver: where is the called method (or the receiver's
// type) declared? In a database package -> a transaction; in a known non-database package -> not; in a local
// type named in `transactions.localTypes` -> a transaction. Written against the TypeScript namespace it is
// given, so the same code serves ESLint (typescript-eslint's program) and hoc-audit (its own program over the files that need it).

/** @typedef {import("typescript")} TS */
/** @typedef {{ method: string, receiverPos: number, receiverEnd: number }} Candidate */
/** @typedef {import("../types.js").DatabaseMatchers} DatabaseMatchers */
/** @typedef {{ verdict: import("../types.js").TxVerdict, evidence: string }} Verdict */

/**
 * The package a declaration comes from: `node_modules/<pkg>/...`, or an ambient `declare module "<pkg>"`.
 * @param {TS} ts
 * @param {import("typescript").Declaration} decl
 * @returns {string | null}
 */
function packageOf(ts, decl) {
  const file = decl.getSourceFile().fileName.replace(/\\/g, "/");
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "/node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    return pkg.startsWith("@types/") ? pkg.slice(7).replace("__", "/") : pkg;
  }
  for (let p = decl.parent; p; p = p.parent) {
    if (ts.isModuleDeclaration(p) && ts.isStringLiteral(p.name)) return p.name.text;
  }
  return null;
}

/**
 * @param {TS} ts
 * @param {import("typescript").SourceFile} sf
 * @param {number} start
 * @param {number} end
 * @returns {import("typescript").Node | null}
 */
export function nodeAt(ts, sf, start, end) {
  /** @type {import("typescript").Node | null} */
  let found = null;
  /** @param {import("typescript").Node} node */
  const visit = (node) => {
    if (found || start < node.pos || start >= node.end) return;
    if (node.getStart(sf) === start && node.end === end) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}

/**
 * @param {TS} ts
 * @param {import("typescript").TypeChecker} checker
 * @param {import("typescript").SourceFile} sf
 * @param {Candidate} fact
 * @param {DatabaseMatchers} m
 * @returns {Verdict | null} null when the types say nothing useful (any, unknown, unresolved, unlisted package)
 */
export function typeVerdict(ts, checker, sf, fact, m) {
  if (fact.receiverPos < 0) return null;
  const receiver = nodeAt(ts, sf, fact.receiverPos, fact.receiverEnd);
  if (!receiver) return null;
  const type = checker.getTypeAtLocation(receiver);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
  const apparent = checker.getApparentType(checker.getNonNullableType(type));
  const member = apparent.getProperty(fact.method);
  const symbol = apparent.getSymbol() ?? apparent.aliasSymbol;
  const decls = [...(member?.getDeclarations() ?? []), ...(symbol?.getDeclarations() ?? [])];
  const typeName = checker.typeToString(apparent);
  for (const decl of decls) {
    const pkg = packageOf(ts, decl);
    if (pkg && m.clientOf(pkg)) return { verdict: "db", evidence: `its type ${typeName} is declared in ${pkg}` };
    if (pkg && m.nonDbPackage(pkg)) return { verdict: "not-db", evidence: `its type ${typeName} is declared in ${pkg}` };
  }
  const name = symbol?.getName() ?? "";
  if (m.localType(name)) return { verdict: "db", evidence: `its type ${name} is listed in database.localTypes` };
  return null;
}

/**
 * Can the value at [start, end) carry `_`-prefixed or reserved keys, by its static type? true: it has an index
 * signature or such a property; false: a closed type without them; null: the type says nothing (any, unknown).
 * @param {TS} ts
 * @param {import("typescript").TypeChecker} checker
 * @param {import("typescript").SourceFile} sf
 * @param {number} start
 * @param {number} end
 * @param {string[]} reservedKeys
 * @returns {boolean | null}
 */
export function carriesPrivateKeys(ts, checker, sf, start, end, reservedKeys) {
  if (start < 0) return null;
  const node = nodeAt(ts, sf, start, end);
  if (!node) return null;
  const type = checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  let open = false;
  for (const part of parts) {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
    if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
    const apparent = checker.getApparentType(part);
    if (checker.getIndexInfosOfType(apparent).length > 0) open = true;
    else if (apparent.getProperties().some((p) => p.getName().startsWith("_") || reservedKeys.includes(p.getName()))) open = true;
  }
  return open;
}
