// The location a finding takes from the fact it is about (a fact carries line, column, endLine, endColumn).

/**
 * @param {{ line: number, column: number, endLine: number, endColumn: number }} fact
 */
export function locationOf(fact) {
  return { line: fact.line, column: fact.column, endLine: fact.endLine, endColumn: fact.endColumn };
}
