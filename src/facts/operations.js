// Operation facts of one file: registrations, dispatches, invariant bindings, method -> sub-operation maps,
// alias maps, the methods a handler compares `params.method` against, and the string constants that names
// may be written with. Names are kept as references (`OPS.QUERY`, an imported const) and resolved later,
// across files, by the operation index.
import ts from "../ts.js";
import { span } from "./span.js";
import { failOpenIn } from "./fail-open.js";
import { FUNCTION_LIKE, TYPE_NODE, kindTable } from "./kinds.js";

/** A literal shaped like an operation name (`billing.refund`), for recording calls to possible wrappers. */
const OP_NAME = /^[A-Za-z_][\w-]*\.[\w.-]+$/;
/** A constant's name (`BILLING_REFUND`): a wrapper call may pass an operation name as one. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]+$/;
/** Text that can hold a fail-open pattern at all: files without any of these are not analysed. */
const MAY_FAIL_OPEN =
  /\?\?\s*(true|["'`]pass|\{)|\|\|\s*(true|\{)|=\s*true\b|[=!]==?\s*(undefined|null)|\bin\s+[\w.]+\s*\)|\bdefault\s*:|\.has\(|,\s*true\s*\)/;
/** Syntax kinds the operations walk never enters: imports, interfaces, type aliases and types. */
const NO_VALUE_CODE = kindTable(
  (k) => k === ts.SyntaxKind.ImportDeclaration || k === ts.SyntaxKind.InterfaceDeclaration || k === ts.SyntaxKind.TypeAliasDeclaration || TYPE_NODE[k] === 1,
);
/** `===`, `==`, `!==`, `!=`. */
const EQUALITY = kindTable(
  (k) =>
    k === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    k === ts.SyntaxKind.EqualsEqualsToken ||
    k === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    k === ts.SyntaxKind.ExclamationEqualsToken,
);

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

/**
 * Could this argument name an operation for a wrapper call (a dotted literal, a constant, a member of an object)?
 * A cheap superset of what noteWrapperCall keeps, asked before its name reference is worked out.
 * @param {ts.Expression} arg
 */
function mayNameOperation(arg) {
  const n = unwrap(arg);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return OP_NAME.test(n.text);
  if (ts.isIdentifier(n)) return CONSTANT_NAME.test(n.text);
  return ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n);
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
 * The walk skips what holds no value code (imports, interfaces, type aliases, types, `implements` clauses,
 * local export lists): no call, registration or dispatch can sit there.
 * @param {ts.SourceFile} sf
 * @param {OperationMatchers} m
 * @param {(node: ts.Node) => void} [onNode] also called for every node walked (one walk serves every extractor)
 * @param {Set<string>} [valueNames] filled with the names used as values anywhere in the file (outside type
 *   positions), to tell imports used only in types
 * @returns {{ operations: OperationFacts, constants: Record<string, NameRef> }}
 */
export function extractOperationFacts(sf, m, onNode, valueNames) {
  /** @type {OperationFacts} */
  const ops = {
    registrations: [],
    dispatches: [],
    invariants: [],
    subOperationMaps: [],
    aliases: [],
    handledMethods: [],
    failOpen: {},
    wrappers: {},
    wrapperCalls: [],
  };
  /** Module-level functions by node, to name a wrapper. @type {Map<ts.Node, string>} */
  const moduleFunctions = new Map();
  const mayFailOpen = MAY_FAIL_OPEN.test(sf.text);
  /** @type {Record<string, NameRef>} */
  const constants = {};
  const handled = new Set();
  /** names of objects that are indexed by a method: `HANDLERS[method]` */
  const methodTables = new Set();
  /** @type {Map<string, ts.ObjectLiteralExpression>} */
  const objectConsts = new Map();

  for (const st of sf.statements) {
    // Module-level functions may be registered as invariant checkers (here or from another file): their
    // fail-open patterns, where there are any.
    if (mayFailOpen) {
      /** @type {[string, ts.Node][]} */
      const fns = [];
      if (ts.isFunctionDeclaration(st) && st.name && st.body) fns.push([st.name.text, st]);
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer && unwrap(d.initializer);
          if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) moduleFunctions.set(init, d.name.text);
        }
      }
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer && unwrap(d.initializer);
          if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) fns.push([d.name.text, init]);
        }
      }
      for (const [name, fn] of fns) {
        const found = failOpenIn(fn, sf, m.factName);
        if (found.length > 0) ops.failOpen[name] = found;
      }
    }
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
        const prop = (/** @type {string} */ key) => {
          const p = obj.properties.find((q) => (ts.isPropertyAssignment(q) || ts.isMethodDeclaration(q)) && ts.isIdentifier(q.name) && q.name.text === key);
          return p ?? null;
        };
        const text = (/** @type {ts.ObjectLiteralElementLike | null} */ p) => {
          const init = p && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
          return init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) ? init.text : null;
        };
        const checkProp = prop("check");
        /** @type {import("../types.js").InvariantFact["checker"]} */
        let checker = null;
        if (checkProp && ts.isMethodDeclaration(checkProp)) checker = { kind: "inline", failOpen: failOpenIn(checkProp, sf, m.factName) };
        else if (checkProp && ts.isPropertyAssignment(checkProp)) {
          const init = unwrap(checkProp.initializer);
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) checker = { kind: "inline", failOpen: failOpenIn(init, sf, m.factName) };
          else checker = { kind: "ref", name: nameRefOf(init, sf) };
        }
        ops.invariants.push({
          id: text(prop("id")),
          name: nameRefOf(opProp.initializer, sf),
          severity: text(prop("severity")),
          checker,
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

  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) moduleFunctions.set(st, st.name.text);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) moduleFunctions.set(init, d.name.text);
      }
    }
  }

  /** Parameters of the functions around the node being visited (no parent pointers to walk up). */
  const params = new Set();
  /** @type {string[][]} */
  const paramFrames = [];
  /** The functions around the node: module-level name (or null) and parameter names in order. @type {{ name: string | null, params: string[] }[]} */
  const fnFrames = [];
  /**
   * A dispatch of a parameter: the module-level function around it is a wrapper of that parameter.
   * @param {NameRef} name
   */
  const noteWrapper = (name) => {
    if (name.kind !== "param") return;
    for (let i = fnFrames.length - 1; i >= 0; i--) {
      const at = fnFrames[i].params.indexOf(name.text);
      if (at < 0) continue;
      if (fnFrames[i].name) ops.wrappers[/** @type {string} */ (fnFrames[i].name)] = at;
      return;
    }
  };
  /** The node whose children are being walked (files are parsed without parent pointers). @type {ts.Node} */
  let parent = sf;
  /** @param {ts.Node} node */
  const children = (node) => {
    const outer = parent;
    parent = node;
    ts.forEachChild(node, visit);
    parent = outer;
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    // One read of the kind, then tables: this runs for every node of every file.
    const kind = node.kind;
    if (kind < ts.SyntaxKind.FirstNode) {
      // Tokens: only identifiers matter (keywords, literals and punctuation hold no call and no name).
      if (kind === ts.SyntaxKind.Identifier && valueNames && !isDeclaredName(/** @type {ts.Identifier} */ (node), parent))
        valueNames.add(/** @type {ts.Identifier} */ (node).text);
      return;
    }
    if (kind === ts.SyntaxKind.ExpressionWithTypeArguments) {
      // `class A extends B<T>`: B is a value, T a type; the compiler calls the whole entry a type node.
      if (ts.isHeritageClause(parent) && parent.token === ts.SyntaxKind.ExtendsKeyword) {
        const outer = parent;
        parent = node;
        visit(/** @type {ts.ExpressionWithTypeArguments} */ (node).expression);
        parent = outer;
      }
      return;
    }
    if (NO_VALUE_CODE[kind]) return;
    if (kind === ts.SyntaxKind.HeritageClause && /** @type {ts.HeritageClause} */ (node).token === ts.SyntaxKind.ImplementsKeyword) return;
    if (ts.isExportDeclaration(node)) {
      // `export { a }`: a local value (or an import) exported by name.
      if (valueNames && !node.isTypeOnly && !node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) if (!el.isTypeOnly) valueNames.add((el.propertyName ?? el.name).text);
      }
      return;
    }
    onNode?.(node);
    if (FUNCTION_LIKE[kind]) {
      const fn = /** @type {ts.SignatureDeclaration} */ (node);
      const names = fn.parameters.flatMap((prm) => (ts.isIdentifier(prm.name) && !params.has(prm.name.text) ? [prm.name.text] : []));
      for (const n of names) params.add(n);
      paramFrames.push(names);
      fnFrames.push({ name: moduleFunctions.get(fn) ?? null, params: fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "")) });
      children(fn);
      fnFrames.pop();
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
          const name = nameRefOf(node.arguments[0], sf, params);
          noteWrapper(name);
          ops.dispatches.push({ name, method: methodOfContext(node.arguments[1]), ...span(sf, node.arguments[0] ?? node) });
        } else if ((method === "includes" || method === "has") && node.arguments[0] && isMethodExpression(node.arguments[0])) {
          const arr = unwrap(callee.expression);
          if (ts.isArrayLiteralExpression(arr)) for (const el of arr.elements) if (ts.isStringLiteral(el)) handled.add(el.text);
        } else {
          noteWrapperCall(node, callee);
        }
      } else if (ts.isIdentifier(callee) && m.dispatchFunction(callee.text)) {
        const name = nameRefOf(node.arguments[0], sf, params);
        noteWrapper(name);
        ops.dispatches.push({ name, method: methodOfContext(node.arguments[1]), ...span(sf, node.arguments[0] ?? node) });
      } else {
        noteWrapperCall(node, callee);
      }
    } else if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      for (const decorator of ts.getDecorators(node) ?? []) {
        const call = decorator.expression;
        if (!ts.isCallExpression(call) || !m.decorator(lastName(call.expression))) continue;
        const handler = node.name ? node.name.text : "(decorated)";
        ops.registrations.push({ form: "decorator", handler, name: nameRefOf(call.arguments[0], sf, params), ...span(sf, call.arguments[0] ?? call) });
      }
    } else if (ts.isBinaryExpression(node) && EQUALITY[node.operatorToken.kind]) {
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
    children(node);
  };
  /**
   * A call that may be to a dispatch wrapper (in this file or imported): kept when an argument looks like an
   * operation name (a dotted literal, or a constant); the index decides whether the callee is a wrapper.
   * @param {ts.CallExpression} node
   * @param {ts.Expression} callee
   */
  function noteWrapperCall(node, callee) {
    /** @type {{ index: number, name: NameRef }[]} */
    const args = [];
    node.arguments.forEach((a, index) => {
      // Most calls pass nothing name-like: their arguments are not worked out (nor their text copied).
      if (!mayNameOperation(a)) return;
      const ref = nameRefOf(a, sf, params);
      if ((ref.kind === "literal" && OP_NAME.test(ref.value)) || (ref.kind === "ref" && (ref.path.length > 1 || CONSTANT_NAME.test(ref.path[0]))))
        args.push({ index, name: ref });
    });
    if (args.length === 0) return;
    const path = refPath(callee);
    if (path) ops.wrapperCalls.push({ callee: path, args, ...span(sf, node.arguments[args[0].index]) });
  }

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

/**
 * Is this identifier the name of a member, property, label or destructured key rather than a use of a value?
 * @param {ts.Identifier} node
 * @param {ts.Node} p its parent
 */
function isDeclaredName(node, p) {
  return (
    (ts.isPropertyAccessExpression(p) && p.name === node) ||
    ((ts.isPropertyAssignment(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isGetAccessorDeclaration(p) ||
      ts.isSetAccessorDeclaration(p) ||
      ts.isEnumMember(p)) &&
      p.name === node) ||
    (ts.isLabeledStatement(p) && p.label === node) ||
    (ts.isBindingElement(p) && p.propertyName === node)
  );
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
