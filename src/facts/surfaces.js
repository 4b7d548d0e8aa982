// Facts about a module's contract and its lifecycle: how many methods its interfaces and classes expose (for
// hoc/surface-limits), the `Consumers:` line of its header (hoc/schema-consumers) and its tombstone, the
// `@tombstone YYYY-MM-DD` tag or `TOMBSTONE: YYYY-MM-DD` line that retires it (hoc/tombstone).
import ts from "../ts.js";
import { span } from "./span.js";

/** @typedef {import("../types.js").SurfaceFact} SurfaceFact */
/** @typedef {import("../types.js").MarkerFact} MarkerFact */

/**
 * The comment lines before the first statement (the module header), with their line numbers.
 * @param {ts.SourceFile} sf
 */
function headerLines(sf) {
  const first = sf.statements[0];
  const limit = first ? first.getStart(sf) : sf.text.length;
  return sf.text
    .slice(0, limit)
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => /^\s*(\/\/|\/\*|\*)/.test(l.text));
}

// A marker opens its comment line (`// TOMBSTONE: …`, ` * @tombstone …`), so a header that merely mentions the form
// is not one. The text runs to the end of the comment (a trailing `// note` or `*/` is not part of it).
const TOMBSTONE = /^\s*(?:\/\/+|\/\*+|\*)\s*(@tombstone\b|TOMBSTONE\s*:)\s*(\S*)\s*(.*?)\s*(?:\/\/.*|\*\/.*)?$/;
const CONSUMERS = /^\s*(?:\/\/+|\/\*+|\*)\s*(Consumers\s*:)\s*(.*?)\s*(?:\/\/.*|\*\/.*)?$/i;

/**
 * @param {ts.SourceFile} sf
 * @returns {{ tombstone: MarkerFact | null, consumers: MarkerFact | null }}
 */
export function extractMarkers(sf) {
  /** @type {MarkerFact | null} */
  let tombstone = null;
  /** @type {MarkerFact | null} */
  let consumers = null;
  for (const { text, line } of headerLines(sf)) {
    const t = /** @type {RegExpExecArray | null} */ (tombstone ? null : TOMBSTONE.exec(text));
    if (t) {
      const column = text.indexOf(t[1]) + 1;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(t[2]) && !Number.isNaN(Date.parse(`${t[2]}T00:00:00Z`)) ? t[2] : null;
      tombstone = {
        text: (date ? t[3] : `${t[2]} ${t[3]}`).replace(/^[-—:;,\s]+/, "").trim(),
        date,
        items: [],
        line,
        column,
        endLine: line,
        endColumn: text.trimEnd().length + 1,
      };
    }
    const c = /** @type {RegExpExecArray | null} */ (consumers ? null : CONSUMERS.exec(text));
    if (c) {
      const items = c[2]
        .split(/[,;]|\band\b/)
        .map((s) => s.trim())
        .filter((s) => s && !/^(none|tbd|todo|-+)$/i.test(s));
      consumers = { text: c[2], date: null, items, line, column: text.indexOf(c[1]) + 1, endLine: line, endColumn: text.trimEnd().length + 1 };
    }
  }
  return { tombstone, consumers };
}

/**
 * Methods by name (overloads count once).
 * @param {readonly (ts.TypeElement | ts.ClassElement)[]} members
 */
function distinctNames(members) {
  return new Set(members.map((m) => (m.name && "text" in m.name ? m.name.text : ""))).size;
}

/**
 * @param {ts.NodeArray<ts.TypeElement>} members
 */
function methodMembers(members) {
  return distinctNames(members.filter((m) => ts.isMethodSignature(m) || (ts.isPropertySignature(m) && !!m.type && ts.isFunctionTypeNode(m.type))));
}

/**
 * Interfaces and object types with methods, and classes with public methods, declared at the top of the module.
 * @param {ts.SourceFile} sf
 * @returns {SurfaceFact[]}
 */
export function extractSurfaces(sf) {
  /** @type {SurfaceFact[]} */
  const out = [];
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      const methods = methodMembers(st.members);
      if (methods > 0) out.push({ kind: "interface", name: st.name.text, methods, ...span(sf, st.name) });
    } else if (ts.isTypeAliasDeclaration(st) && ts.isTypeLiteralNode(st.type)) {
      const methods = methodMembers(st.type.members);
      if (methods > 0) out.push({ kind: "type", name: st.name.text, methods, ...span(sf, st.name) });
    } else if (ts.isClassDeclaration(st) && st.name) {
      const methods = distinctNames(
        st.members.filter(
          (m) =>
            ts.isMethodDeclaration(m) &&
            !ts.isPrivateIdentifier(m.name) &&
            !(ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword),
        ),
      );
      if (methods > 0) out.push({ kind: "class", name: st.name.text, methods, ...span(sf, st.name) });
    }
  }
  return out;
}
