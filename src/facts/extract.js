// Facts of one file, read off the TypeScript AST: the layer header, every import-like edge with its kind,
// what the module exports (for looking through barrels) and, for index files, its top-level statements.
// Pure: the same SourceFile always gives the same facts, whichever front end parsed it.
import ts from "../ts.js";
import { span } from "./span.js";
import { extractOperationFacts } from "./operations.js";
import { extractDataAccess } from "./data-access.js";
import { extractLeaks } from "./private-keys.js";
import { extractModels } from "./models.js";
import { extractMarkers, extractSurfaces } from "./surfaces.js";

/** @typedef {import("../types.js").FileFacts} FileFacts */
/** @typedef {import("../types.js").ImportFact} ImportFact */
/** @typedef {import("../types.js").ImportKind} ImportKind */
/** @typedef {import("../types.js").ImportedName} ImportedName */
/** @typedef {import("../types.js").Header} Header */
/** @typedef {import("../types.js").TopLevelStatement} TopLevelStatement */

const HEADER_LINES = 30;
const HEADER_RE = /^(\s*(?:\/\/+|\/\*+|\*+)?\s*)(Layer\s*:\s*)(.*?)\s*(?:\*\/)?\s*$/i;

/**
 * The `// Layer: L5 — Domain Engine` header, looked for in the comments before the first statement.
 * @param {ts.SourceFile} sf
 * @returns {Header | null}
 */
export function extractHeader(sf) {
  const first = sf.statements[0];
  return headerIn(sf.text, first ? first.getStart(sf) : sf.text.length);
}

/**
 * The same header from the text alone, without a parse: the first statement begins at the first token after the
 * comments (TypeScript's scanner skips the same trivia, a `#!` line included).
 * @param {string} text
 * @returns {Header | null}
 */
export function headerOfText(text) {
  if (!/Layer\s*:/i.test(text)) return null;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const kind = scanner.scan();
  return headerIn(text, kind === ts.SyntaxKind.EndOfFileToken ? text.length : scanner.getTokenStart());
}

/**
 * @param {string} text
 * @param {number} limit where the first statement begins
 * @returns {Header | null}
 */
function headerIn(text, limit) {
  const lines = text.slice(0, limit).split(/\r?\n/, HEADER_LINES);
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER_RE.exec(lines[i]);
    if (!m || !/^\s*(\/\/|\/\*|\*)/.test(lines[i])) continue;
    const text = m[3].trim();
    const token = /\bL(\d+(?:\.\d+)?)\b/i.exec(text);
    return {
      text,
      token: token ? `L${token[1]}` : null,
      line: i + 1,
      column: m[1].length + 1,
      endLine: i + 1,
      endColumn: lines[i].trimEnd().length + 1,
    };
  }
  return null;
}

/** @param {ts.Node} node */
function stringValue(node) {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null;
}

/**
 * @param {ts.ImportDeclaration} decl
 * @returns {{ names: ImportedName[] | null, typeOnly: boolean }}
 */
function importBindings(decl) {
  const clause = decl.importClause;
  if (!clause) return { names: null, typeOnly: false };
  const clauseTypeOnly = clause.isTypeOnly;
  /** @type {ImportedName[]} */
  const names = [];
  if (clause.name) names.push({ imported: "default", local: clause.name.text, typeOnly: clauseTypeOnly });
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) return { names: null, typeOnly: clauseTypeOnly };
  if (nb) {
    for (const el of nb.elements) {
      names.push({ imported: (el.propertyName ?? el.name).text, local: el.name.text, typeOnly: clauseTypeOnly || el.isTypeOnly });
    }
  }
  return { names, typeOnly: clauseTypeOnly || (names.length > 0 && names.every((n) => n.typeOnly)) };
}

/**
 * @param {ts.Statement} st
 * @param {ts.SourceFile} sf
 * @returns {string}
 */
function describeStatement(st, sf) {
  if (ts.isFunctionDeclaration(st)) return `function ${st.name?.text ?? "(anonymous)"}`;
  if (ts.isClassDeclaration(st)) return `class ${st.name?.text ?? "(anonymous)"}`;
  if (ts.isVariableStatement(st)) return `variable ${st.declarationList.declarations.map((d) => d.name.getText(sf)).join(", ")}`;
  if (ts.isEnumDeclaration(st)) return `enum ${st.name.text}`;
  if (ts.isModuleDeclaration(st)) return `namespace ${st.name.getText(sf)}`;
  if (ts.isInterfaceDeclaration(st)) return `interface ${st.name.text}`;
  if (ts.isTypeAliasDeclaration(st)) return `type ${st.name.text}`;
  if (ts.isExpressionStatement(st)) {
    const text = st.expression.getText(sf);
    return `statement \`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
  }
  return `${ts.SyntaxKind[st.kind]} statement`;
}

/**
 * @param {ts.Statement} st
 * @returns {TopLevelStatement["kind"] | null}
 */
function classifyTopLevel(st) {
  if (ts.isImportDeclaration(st)) return st.importClause ? "import" : "side-effect-import";
  if (ts.isImportEqualsDeclaration(st)) return "import";
  if (ts.isExportDeclaration(st)) return "reexport";
  if (ts.isExportAssignment(st)) return ts.isIdentifier(st.expression) ? "reexport" : "statement";
  if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) return "type-declaration";
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isVariableStatement(st) || ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st))
    return "declaration";
  if (st.kind === ts.SyntaxKind.EmptyStatement) return null;
  return "statement";
}

/**
 * What a declaration does when the module loads, for the declaration-only rule: "function" (a function or a
 * const bound to one), "behaviour" (a class with method bodies), "call:<root>" (a const initialised by a call),
 * or "" (pure data: literals, objects, types, enums, declarative classes).
 * @param {ts.Statement} st
 * @returns {string}
 */
function detailOf(st) {
  if (ts.isFunctionDeclaration(st)) return st.body ? "function" : ""; // `declare function` runs nothing
  if (ts.isClassDeclaration(st)) {
    const behaviour = st.members.some(
      (m) =>
        ((ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) && m.body) ||
        (ts.isConstructorDeclaration(m) && m.body && m.body.statements.length > 0),
    );
    return behaviour ? "behaviour" : "";
  }
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) {
      if (!d.initializer) continue;
      let init = d.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return "function";
      if (ts.isCallExpression(init) || ts.isNewExpression(init)) {
        let root = init.expression;
        while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
        return `call:${ts.isIdentifier(root) ? root.text : "?"}`;
      }
    }
  }
  return "";
}

/** @param {ts.Node} node */
function hasExportModifier(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** @param {ts.Node} node */
function hasDefaultModifier(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/**
 * @param {ts.SourceFile} sf
 * @param {{ isIndexFile: boolean, wantTopLevel?: boolean, matchers: import("../types.js").OperationMatchers, txMatchers: import("../types.js").TransactionMatchers, dbMatchers: import("../types.js").DatabaseMatchers, keyMatchers: import("../types.js").PrivateKeyMatchers }} options
 * @returns {FileFacts}
 */
export function extractFacts(sf, { isIndexFile, wantTopLevel = isIndexFile, matchers, txMatchers, dbMatchers, keyMatchers }) {
  /** @type {ImportFact[]} */
  const imports = [];
  /** @type {string[]} */
  const localExports = [];
  /** @type {import("../types.js").ReExport[]} */
  const reExports = [];
  /** @type {string[]} */
  const starExports = [];
  /** @type {Map<string, { imported: string, specifier: string }>} local import bindings, for `import {a}; export {a}` */
  const importedBindings = new Map();
  /** @type {ImportFact[]} imports whose bindings may turn out to be used in types only */
  const maybeTypeOnly = [];

  /**
   * @param {ts.Node} specNode
   * @param {ImportKind} kind
   * @param {ImportedName[] | null} names
   * @param {boolean} typeOnly
   */
  const addImport = (specNode, kind, names, typeOnly) => {
    const specifier = stringValue(specNode);
    if (specifier === null) return null;
    /** @type {ImportFact} */
    const fact = { specifier, kind, typeOnly, names, ...span(sf, specNode) };
    imports.push(fact);
    return fact;
  };

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const { names, typeOnly } = importBindings(st);
      const kind = !st.importClause ? "side-effect" : typeOnly ? "type" : "static";
      const fact = addImport(st.moduleSpecifier, kind, names, typeOnly);
      const nb = st.importClause?.namedBindings;
      if (fact && nb && ts.isNamespaceImport(nb)) fact.namespace = nb.name.text;
      if (fact && names) {
        for (const n of names) importedBindings.set(n.local, { imported: n.imported, specifier: fact.specifier });
        if (!typeOnly && names.length > 0) maybeTypeOnly.push(fact);
      }
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
      const fact = addImport(st.moduleReference.expression, "import-equals", null, st.isTypeOnly);
      if (fact) fact.namespace = st.name.text;
      if (hasExportModifier(st)) localExports.push(st.name.text);
    } else if (ts.isExportDeclaration(st)) {
      const clause = st.exportClause;
      if (st.moduleSpecifier) {
        const spec = stringValue(st.moduleSpecifier);
        if (!clause) {
          addImport(st.moduleSpecifier, "reexport-all", null, st.isTypeOnly);
          if (spec !== null) starExports.push(spec);
        } else if (ts.isNamespaceExport(clause)) {
          addImport(st.moduleSpecifier, "reexport-all", null, st.isTypeOnly);
          if (spec !== null) reExports.push({ exported: clause.name.text, imported: "*", specifier: spec });
        } else {
          const names = clause.elements.map((el) => ({
            imported: (el.propertyName ?? el.name).text,
            local: el.name.text,
            typeOnly: st.isTypeOnly || el.isTypeOnly,
          }));
          addImport(st.moduleSpecifier, "reexport", names, st.isTypeOnly || (names.length > 0 && names.every((n) => n.typeOnly)));
          if (spec !== null) for (const n of names) reExports.push({ exported: n.local, imported: n.imported, specifier: spec });
        }
      } else if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) {
          const local = (el.propertyName ?? el.name).text;
          const viaImport = importedBindings.get(local);
          if (viaImport) reExports.push({ exported: el.name.text, imported: viaImport.imported, specifier: viaImport.specifier });
          else localExports.push(el.name.text);
        }
      }
    } else if (ts.isExportAssignment(st)) {
      const viaImport = ts.isIdentifier(st.expression) ? importedBindings.get(st.expression.text) : undefined;
      if (viaImport && !st.isExportEquals) reExports.push({ exported: "default", imported: viaImport.imported, specifier: viaImport.specifier });
      else localExports.push("default");
    } else if (hasExportModifier(st)) {
      if (hasDefaultModifier(st)) localExports.push("default");
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) localExports.push(d.name.text);
        }
      } else {
        const name = /** @type {{ name?: ts.Node }} */ (st).name;
        if (name && ts.isIdentifier(name)) localExports.push(name.text);
      }
    }
  }

  // Dynamic import() and require() can sit anywhere: they are picked up in the one walk over the whole tree
  // that also collects the operation facts.
  const staticCount = imports.length;
  /** @type {Map<string, string>} */
  const importOrigins = new Map();
  for (const imp of imports) {
    if (imp.namespace) importOrigins.set(imp.namespace, imp.specifier);
    for (const n of imp.names ?? []) importOrigins.set(n.local, imp.specifier);
  }
  // The same walk collects the names used as values, to tell imports used only in types.
  /** @type {Set<string>} */
  const used = new Set();
  const { operations, constants } = extractOperationFacts(
    sf,
    matchers,
    (node) => {
      if (ts.isCallExpression(node) && node.arguments.length >= 1) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) addImport(node.arguments[0], "dynamic", null, false);
        else if (ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1) {
          addImport(node.arguments[0], "require", null, false);
        }
      }
    },
    used,
  );
  if (imports.length > staticCount) imports.sort((a, b) => a.line - b.line || a.column - b.column);

  if (maybeTypeOnly.length > 0) {
    for (const fact of maybeTypeOnly) {
      const names = /** @type {ImportedName[]} */ (fact.names);
      for (const n of names) if (!n.typeOnly && !used.has(n.local)) n.typeOnly = true;
      fact.typeOnly = names.every((n) => n.typeOnly);
    }
  }

  /** @type {TopLevelStatement[] | null} */
  let topLevel = null;
  if (wantTopLevel) {
    topLevel = [];
    for (const st of sf.statements) {
      const kind = classifyTopLevel(st);
      if (kind) topLevel.push({ kind, what: describeStatement(st, sf), detail: detailOf(st), ...span(sf, st) });
    }
  }

  let importInsertAt = 0;
  for (const st of sf.statements) if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) importInsertAt = st.getEnd();
  return {
    header: extractHeader(sf),
    imports,
    localExports,
    reExports,
    starExports,
    topLevel,
    operations,
    constants,
    importInsertAt,
    ...extractDataAccess(sf, { db: dbMatchers, tx: txMatchers, imports }),
    ...extractLeaks(sf, keyMatchers, importOrigins),
    ...extractModels(sf, imports),
    ...extractMarkers(sf),
    surfaces: extractSurfaces(sf),
  };
}
