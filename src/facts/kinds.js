// Lookup tables over TypeScript's syntax kinds, built from the compiler's own predicates: the extractors' walks ask
// "is this a type? a function?" of every node of every file, and a table read is one load where the predicates are
// chains of comparisons (the walks were ~17% faster with them, before the plain namespace of src/ts.js).
import ts from "../ts.js";

/**
 * A table over every syntax kind.
 * @param {(kind: ts.SyntaxKind) => boolean} test
 */
export function kindTable(test) {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (let k = 0; k < ts.SyntaxKind.Count; k++) table[k] = test(k) ? 1 : 0;
  return table;
}

/** A node of this kind only (the predicates read nothing else). @param {ts.SyntaxKind} kind */
const ofKind = (kind) => /** @type {ts.Node} */ ({ kind });

/** Kinds ts.isTypeNode says yes to. */
export const TYPE_NODE = kindTable((k) => ts.isTypeNode(ofKind(k)));
/** Kinds ts.isFunctionLike says yes to. */
export const FUNCTION_LIKE = kindTable((k) => ts.isFunctionLike(ofKind(k)));
