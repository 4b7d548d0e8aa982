// Where a node sits in its file, as findings report it: 1-based line and column of its start and end.

/**
 * @param {import("../ts.js").default.SourceFile} sf
 * @param {import("../ts.js").default.Node} node
 */
export function span(sf, node) {
  const s = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const e = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
