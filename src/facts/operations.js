// Operation facts of one file: registrations, dispatches, invariant bindings, method -> sub-operation maps,
// alias maps, the methods a handler compares `params.method` against, and the string constants that names
// may be written with. Names are kept as references (`OPS.QUERY`, an imported const) and resolved later,
// across files, by the operation index.
import ts from "../ts.js";
import { span } from "./span.js";

/** @typedef {import("../types.js").NameRef} NameRef */
/** @typedef {import("../types.js").OperationFacts} OperationFacts */
/** @typedef {import("../types.js").OperationMatchers} OperationMatchers */

/** Strip `as const`, `satisfies T`, `<T>x`, `x!` and parentheses. @param {ts.Expression} node @returns {ts.Expression} */
function unwrap(node) {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n) || ts.isNonNullExpression(n))
      n = n.expression;
    else return n;
  }
}

/**
 * `a.b.c` or `a["b"]` as a path of names, or null.
 * @param {ts.Expression} node
 * @returns {string[] | null}
 */
function refPath(node) {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return [n.text];
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.name)) {
    const base = refPath(n.expression);
    return base && [...base, n.name.text];
  }
  if (ts.isElementAccessExpression(n) && (ts.isStringLiteral(n.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(n.argumentExpression))) {
    const base = refPath(n.expression);
    return base && [...base, n.argumentExpression.text];
  }
  return null;
}

/**
 * How a name is written, resolved later across files. `params` holds the parameters of the functions around
 * the expression: a name that is one of them is decided by the callers.
 * @param {ts.Expression | undefined} node
 * @param {ts.SourceFile} sf
 * @param {Set<string>} [params]
 * @returns {NameRef}
 */
export function nameRefOf(node, sf, params) {
  if (!node) return { kind: "dynamic", text: "(missing)" };
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { kind: "literal", value: n.text };
  const path = refPath(n);
  if (path) {
    if (path.length === 1 && params?.has(path[0])) return { kind: "param", text: path[0] };
    return { kind: "ref", path };
  }
  const text = n.getText(sf);
  return { kind: "dynamic", text: text.length > 60 ? `${text.slice(0, 57)}...` : text };
}

/** @param {ts.PropertyName} name @param {ts.SourceFile} sf @returns {NameRef | null} */
function keyRef(name, sf) {
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return { kind: "literal", value: name.text };
  if (ts.isIdentifier(name)) return { kind: "literal", value: name.text };
  if (ts.isComputedPropertyName(name)) return nameRefOf(name.expression, sf);
  return null;
}

/** The last name of a receiver expression: `this.registry` -> "registry", `deps.opRegistry` -> "opRegistry". @param {ts.Expression} node */
function lastName(node) {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isCallExpression(n)) return lastName(n.expression);
  return "";
}

/** Does an expression's text end in "method" (`method`, `ctx.params.method`, `params["method"]`)? @param {ts.Expression} node */
function isMethodExpression(node) {
  const path = refPath(node);
  return !!path && /method$/i.test(path[path.length - 1]);
}

/**
 * Collect string constants: `const X = "a"`, `const OPS = { A: "a", B: { C: "c" } } as const`, `enum E { A = "a" }`,
 * and `const Y = X` (kept as a reference). Keys are dotted paths.
 * @param {string} prefix
 * @param {ts.Expression} init
 * @param {Record<string, NameRef>} out
 * @param {ts.SourceFile} sf
 */
function collectConstant(prefix, init, out, sf) {
  const n = unwrap(init);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out[prefix] = { kind: "literal", value: n.text };
  else if (ts.isObjectLiteralExpression(n)) {
    for (const p of n.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = keyRef(p.name, sf);
      if (key?.kind === "literal") collectConstant(`${prefix}.${key.value}`, p.initializer, out, sf);
    }
  } else {
    const path = refPath(n);
    if (path) out[prefix] = { kind: "ref", path };
  }
}

/**
 * @param {ts.SourceFile} sf
 * @param {OperationMatchers} m
 * @param {(node: ts.Node) => void} [onNode] also called for every node (one walk serves every extractor)
 * @returns {{ operations: OperationFacts, constants: Record<string, NameRef> }}
 */
export function extractOperationFacts(sf, m, onNode) {
  /** @type {OperationFacts} */
  const ops = { registrations: [], dispatches: [], invariants: [], subOperationMaps: [], aliases: [], handledMethods: [] };
  /** @type {Record<string, NameRef>} */
  const constants = {};
  const handled = new Set();
  /** names of objects that are indexed by a method: `HANDLERS[method]` */
  const methodTables = new Set();
  /** @type {Map<string, ts.ObjectLiteralExpression>} */
  const objectConsts = new Map();

  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Const) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer) collectConstant(d.name.text, d.initializer, constants, sf);
      }
    } else if (ts.isEnumDeclaration(st)) {
      for (const mem of st.members) {
        const key = keyRef(mem.name, sf);
        if (key?.kind === "literal" && mem.initializer && (ts.isStringLiteral(mem.initializer) || ts.isNoSubstitutionTemplateLiteral(mem.initializer))) {
          constants[`${st.name.text}.${key.value}`] = { kind: "literal", value: mem.initializer.text };
        }
      }
    }
  }

  /**
   * @param {string} varName
   * @param {ts.Expression} init
   * @param {ts.Node} declNode
   */
  const onConstObject = (varName, init, declNode) => {
    const n = unwrap(init);
    if (ts.isObjectLiteralExpression(n)) objectConsts.set(varName, n);
    if (m.invariantList(varName) && ts.isArrayLiteralExpression(n)) {
      for (const el of n.elements) {
        const obj = unwrap(/** @type {ts.Expression} */ (el));
        if (!ts.isObjectLiteralExpression(obj)) continue;
        const opProp = obj.properties.find(
          (p) => ts.isPropertyAssignment(p) && keyRef(p.name, sf)?.kind === "literal" && /** @type {any} */ (keyRef(p.name, sf)).value === "operation",
        );
        if (!opProp || !ts.isPropertyAssignment(opProp)) continue;
        const idProp = obj.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "id");
        const idInit = idProp && ts.isPropertyAssignment(idProp) ? unwrap(idProp.initializer) : null;
        ops.invariants.push({
          id: idInit && (ts.isStringLiteral(idInit) || ts.isNoSubstitutionTemplateLiteral(idInit)) ? idInit.text : null,
          name: nameRefOf(opProp.initializer, sf),
          ...span(sf, opProp.initializer),
        });
      }
    }
    if (!ts.isObjectLiteralExpression(n)) {
      if (m.handlerMap(varName) && ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "Map") {
        const arr = n.arguments?.[0] && unwrap(n.arguments[0]);
        if (arr && ts.isArrayLiteralExpression(arr)) {
          for (const pair of arr.elements) {
            const p = unwrap(/** @type {ts.Expression} */ (pair));
            if (ts.isArrayLiteralExpression(p) && p.elements.length >= 1) {
              ops.registrations.push({
                form: "map",
                handler: `${varName} entry`,
                name: nameRefOf(/** @type {ts.Expression} */ (p.elements[0]), sf),
                ...span(sf, p.elements[0]),
              });
            }
          }
        }
      }
      return;
    }
    const isHandlerMap = m.handlerMap(varName);
    const isSubOpMap = !isHandlerMap && m.subOperationMap(varName);
    const isAliasMap = !isHandlerMap && !isSubOpMap && m.aliasMap(varName);
    if (!isHandlerMap && !isSubOpMap && !isAliasMap) return;
    /** @type {import("../types.js").SubOperationMap} */
    const subMap = { name: varName, ...span(sf, declNode), entries: [] };
    for (const p of n.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
      const key = keyRef(p.name, sf);
      if (!key) continue;
      const at = span(sf, p.name);
      if (isHandlerMap) {
        ops.registrations.push({ form: "map", handler: `${varName} entry`, name: key, ...at });
      } else if (isSubOpMap && key.kind === "literal" && ts.isPropertyAssignment(p)) {
        subMap.entries.push({ method: key.value, name: nameRefOf(p.initializer, sf), ...at });
      } else if (isAliasMap && ts.isPropertyAssignment(p)) {
        ops.aliases.push({ from: key, to: nameRefOf(p.initializer, sf), ...at });
      }
    }
    if (isSubOpMap) ops.subOperationMaps.push(subMap);
  };

  /** Parameters of the functions around the node being visited (no parent pointers to walk up). */
  const params = new Set();
  /** @type {string[][]} */
  const paramFrames = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    onNode?.(node);
    if (ts.isFunctionLike(node)) {
      const names = node.parameters.flatMap((prm) => (ts.isIdentifier(prm.name) && !params.has(prm.name.text) ? [prm.name.text] : []));
      for (const n of names) params.add(n);
      paramFrames.push(names);
      ts.forEachChild(node, visit);
      for (const n of /** @type {string[]} */ (paramFrames.pop())) params.delete(n);
      return;
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      onConstObject(node.name.text, node.initializer, node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        const receiver = lastName(callee.expression);
        if (m.registerMethod(method) && m.registryReceiver(receiver)) {
          ops.registrations.push({
            form: "call",
            handler: node.arguments[1] ? short(node.arguments[1].getText(sf)) : "(none)",
            name: nameRefOf(node.arguments[0], sf, params),
            ...span(sf, node.arguments[0] ?? node),
          });
        } else if (m.dispatchMethod(method) && m.registryReceiver(receiver)) {
          ops.dispatches.push({
            name: nameRefOf(node.arguments[0], sf, params),
            method: methodOfContext(node.arguments[1]),
            ...span(sf, node.arguments[0] ?? node),
          });
        } else if ((method === "includes" || method === "has") && node.arguments[0] && isMethodExpression(node.arguments[0])) {
          const arr = unwrap(callee.expression);
          if (ts.isArrayLiteralExpression(arr)) for (const el of arr.elements) if (ts.isStringLiteral(el)) handled.add(el.text);
        }
      } else if (ts.isIdentifier(callee) && m.dispatchFunction(callee.text)) {
        ops.dispatches.push({
          name: nameRefOf(node.arguments[0], sf, params),
          method: methodOfContext(node.arguments[1]),
          ...span(sf, node.arguments[0] ?? node),
        });
      }
    } else if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      for (const decorator of ts.getDecorators(node) ?? []) {
        const call = decorator.expression;
        if (!ts.isCallExpression(call) || !m.decorator(lastName(call.expression))) continue;
        const handler = node.name ? node.name.text : "(decorated)";
        ops.registrations.push({ form: "decorator", handler, name: nameRefOf(call.arguments[0], sf, params), ...span(sf, call.arguments[0] ?? call) });
      }
    } else if (
      ts.isBinaryExpression(node) &&
      [
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.EqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsToken,
      ].includes(node.operatorToken.kind)
    ) {
      const [a, b] = [unwrap(node.left), unwrap(node.right)];
      if (isMethodExpression(a) && ts.isStringLiteral(b)) handled.add(b.text);
      else if (isMethodExpression(b) && ts.isStringLiteral(a)) handled.add(a.text);
    } else if (ts.isSwitchStatement(node) && isMethodExpression(node.expression)) {
      for (const clause of node.caseBlock.clauses) {
        if (ts.isCaseClause(clause) && ts.isStringLiteral(unwrap(clause.expression)))
          handled.add(/** @type {ts.StringLiteral} */ (unwrap(clause.expression)).text);
      }
    } else if (ts.isElementAccessExpression(node) && isMethodExpression(node.argumentExpression)) {
      const path = refPath(node.expression);
      if (path && path.length === 1) methodTables.add(path[0]);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);

  // A handler that dispatches through `TABLE[method]` handles every key of TABLE (unless TABLE is the
  // sub-operation map itself, which would make every entry look handled).
  const subMapNames = new Set(ops.subOperationMaps.map((s) => s.name));
  for (const table of methodTables) {
    const obj = objectConsts.get(table);
    if (!obj || subMapNames.has(table)) continue;
    for (const p of obj.properties) {
      const key = p.name && keyRef(p.name, sf);
      if (key?.kind === "literal") handled.add(key.value);
    }
  }
  ops.handledMethods = [...handled].sort();
  return { operations: ops, constants };
}

/** @param {string} text */
function short(text) {
  const one = text.replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/**
 * The `method` a dispatch passes: `{ params: { method: "x" } }` or `{ method: "x" }` in the context literal.
 * @param {ts.Expression | undefined} ctx
 * @returns {string | null}
 */
function methodOfContext(ctx) {
  if (!ctx) return null;
  const n = unwrap(ctx);
  if (!ts.isObjectLiteralExpression(n)) return null;
  for (const p of n.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
    const v = unwrap(p.initializer);
    if (p.name.text === "method" && ts.isStringLiteral(v)) return v.text;
    if (p.name.text === "params") {
      const inner = methodOfContext(v);
      if (inner) return inner;
    }
  }
  return null;
}
