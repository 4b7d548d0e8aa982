// Data access and transaction candidates of one file, and what the code declares about every receiver.
//
// One walk binds names per scope (imports, module declarations, variables, parameters, class fields) and
// records candidate calls with the scope they sit in. When the walk is done, each receiver becomes an Origin:
// its root (an import, a module declaration, `this`, a parameter's type, a constructor call…) and the steps
// from it (`.prisma`, `.user`, `.findMany()`, `await`). Nothing is judged here: the project's data index
// (src/project/data-index.js) follows roots across files (a model class's base classes, a handle exported by
// another module) and decides. So the facts stay per file, cacheable and the same in both front ends.
import ts from "../ts.js";
import { span } from "./span.js";
import { FUNCTION_LIKE, TYPE_NODE } from "./kinds.js";

/** @typedef {import("../types.js").Origin} Origin */
/** @typedef {import("../types.js").OriginRoot} OriginRoot */
/** @typedef {import("../types.js").OriginStep} OriginStep */
/** @typedef {import("../types.js").Decl} Decl */
/** @typedef {import("../types.js").MethodCall} MethodCall */
/** @typedef {import("../types.js").QueryFact} QueryFact */
/** @typedef {import("../types.js").TransactionFact} TransactionFact */
/** @typedef {import("../types.js").HandleDeclFact} HandleDeclFact */
/** @typedef {import("../types.js").ImportFact} ImportFact */
/** @typedef {import("../types.js").DatabaseMatchers} DatabaseMatchers */
/** @typedef {import("../types.js").TransactionMatchers} TransactionMatchers */

/** Globals that are never database handles (`new Map()`, `Promise.all`, `JSON.parse`). */
const BUILTINS = new Set([
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "Array",
  "Object",
  "Promise",
  "Date",
  "Error",
  "TypeError",
  "RangeError",
  "RegExp",
  "JSON",
  "Math",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "BigInt",
  "Buffer",
  "URL",
  "URLSearchParams",
  "console",
  "process",
  "globalThis",
  "Reflect",
  "Proxy",
  "Intl",
  "AbortController",
  "TextEncoder",
  "TextDecoder",
  "Uint8Array",
  "ArrayBuffer",
  "DataView",
  "Function",
  "Headers",
  "Request",
  "Response",
  "FormData",
  "Blob",
  "crypto",
  "performance",
  "setTimeout",
  "setInterval",
  "structuredClone",
  "fetch",
  "require",
  "module",
  "exports",
]);

const MAX_STEPS = 12;
const MAX_METHOD_CALLS = 24;

/** @param {ts.Node} node @returns {ts.Node} */
function unwrap(node) {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n))
    n = n.expression;
  return n;
}

/** @param {string} text */
function short(text) {
  const one = text.replace(/\s+\./g, ".").replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/** @param {ts.Node} node */
function isStatic(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

/** @param {ts.ParameterDeclaration} p */
function isParameterProperty(p) {
  return (ts.getModifiers(p) ?? []).some((m) =>
    [ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword].includes(m.kind),
  );
}

/** @param {ts.PropertyName | ts.BindingName} name @returns {string | null} */
function propName(name) {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

/** @param {string} why @returns {Origin} */
const notDb = (why) => ({ root: { k: "notdb", why }, steps: [] });
/** @param {string} name @returns {Origin} */
const byName = (name) => ({ root: { k: "name", name }, steps: [], as: name });

/** @param {Origin} o @param {OriginStep} step @returns {Origin} */
function append(o, step) {
  if (o.root.k === "notdb" || o.root.k === "handle") return o.root.k === "notdb" ? o : { ...o, steps: [...o.steps, step] };
  if (o.steps.length >= MAX_STEPS) return byName("");
  // The name a value is known by: a property's name; what a call returns has none of its own.
  const as = step.s === "member" ? step.n : step.s === "type" ? o.as : undefined;
  return { root: o.root, steps: [...o.steps, step], ...(as ? { as } : {}) };
}

/**
 * @typedef {{ kind: "import", spec: string, imported: string }
 *   | { kind: "module" }
 *   | { kind: "class", key: string }
 *   | { kind: "notdb", why: string }
 *   | { kind: "var", init: ts.Expression | null, type: ts.TypeNode | null, scope: Scope, cls: ClassCtx | null, assigned: ts.Expression | null, origin?: Origin, busy?: boolean }
 *   | { kind: "param", node: ts.ParameterDeclaration, scope: Scope, cls: ClassCtx | null, origin?: Origin, busy?: boolean }
 *   | { kind: "destructure", from: ts.Expression | null, fromType: ts.TypeNode | null, key: string, scope: Scope, cls: ClassCtx | null, origin?: Origin, busy?: boolean }
 *   | { kind: "alias", method: string, receiver: ts.Expression, scope: Scope, cls: ClassCtx | null }} Binding
 */
/** @typedef {{ key: string, static: boolean }} ClassCtx */

class Scope {
  /** @param {Scope | null} parent */
  constructor(parent) {
    this.parent = parent;
    /** @type {Map<string, Binding>} */
    this.vars = new Map();
  }

  /** @param {string} name @returns {Binding | null} */
  lookup(name) {
    for (let s = /** @type {Scope | null} */ (this); s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return null;
  }
}

/** `export default function …` / `export default class …`. @param {ts.FunctionDeclaration | ts.ClassDeclaration} node */
function isDefaultExport(node) {
  return ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
}

/**
 * @param {ts.SourceFile} sf
 * @param {{ db: DatabaseMatchers, tx: TransactionMatchers, imports: ImportFact[] }} options
 * @returns {{ queries: QueryFact[], handleDecls: HandleDeclFact[], transactions: TransactionFact[], decls: Record<string, Decl>, exportNames: Record<string, string> }}
 */
export function extractDataAccess(sf, { db, tx, imports }) {
  const moduleScope = new Scope(null);
  for (const imp of imports) {
    if (imp.kind === "dynamic" || imp.kind === "require" || imp.kind === "reexport" || imp.kind === "reexport-all" || imp.kind === "side-effect") continue;
    if (imp.namespace) moduleScope.vars.set(imp.namespace, { kind: "import", spec: imp.specifier, imported: "*" });
    for (const n of imp.names ?? []) moduleScope.vars.set(n.local, { kind: "import", spec: imp.specifier, imported: n.imported });
  }
  /** Module-level declarations, by name: what other files import. @type {Map<string, () => Decl>} */
  const declMakers = new Map();
  /** @type {Record<string, string>} */
  const exportNames = {};
  /** Classes by key (module-level name, or name@pos), completed during the walk. */
  /** @type {Map<string, { ext: ts.Expression | null, dec: { expr: ts.Expression, scope: Scope }[], scope: Scope, fields: Map<string, () => Origin>, returns: Map<string, () => Origin | null>, typedReturns: Set<string>, st: Map<string, ts.CallExpression[]>, me: Map<string, ts.CallExpression[]>, tracked: boolean, module: boolean }>} */
  const classes = new Map();
  /** Where a call sits, to compute its receiver's origin when every binding is known. */
  /** @type {{ node: ts.CallExpression | ts.TaggedTemplateExpression, scope: Scope, cls: ClassCtx | null }[]} */
  const calls = [];
  /** @type {{ node: ts.ParameterDeclaration | ts.PropertyDeclaration, scope: Scope, cls: ClassCtx | null }[]} */
  const typedDecls = [];
  /** Parameters of callbacks passed to a transaction call (`db.transaction(async (trx) => …)`) are handles. */
  const txCallbackParams = new Set();
  /** `transaction` name nodes of Kysely's `db.transaction()[…].execute(cb)` chains. */
  const kyselyChains = new Set();
  /** Where each call is, to know which calls are in which class method body. @type {Map<ts.Node, { cls: string, method: string, static: boolean }>} */
  const methodOf = new Map();
  /** @type {{ cls: string, method: string, static: boolean } | null} */
  let currentMethod = null;

  const isTxMethod = (/** @type {string} */ m) => tx.specificMethod(m) || tx.genericMethod(m) || tx.flushMethod(m);

  // ---- origins -------------------------------------------------------------------------------------------

  /**
   * @param {ts.Node} expr
   * @param {Scope} scope
   * @param {ClassCtx | null} cls
   * @returns {Origin}
   */
  function originOf(expr, scope, cls) {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return bindingOrigin(scope.lookup(e.text), e.text);
    if (e.kind === ts.SyntaxKind.ThisKeyword || e.kind === ts.SyntaxKind.SuperKeyword) {
      return cls ? { root: { k: "this", cls: cls.key, static: cls.static }, steps: [] } : byName("");
    }
    if (ts.isPropertyAccessExpression(e)) return append(originOf(e.expression, scope, cls), { s: "member", n: e.name.text });
    if (ts.isElementAccessExpression(e)) {
      const arg = unwrap(e.argumentExpression);
      return append(originOf(e.expression, scope, cls), { s: "member", n: ts.isStringLiteral(arg) ? arg.text : "" });
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(callee)) {
        if (callee.name.text === "bind" || callee.name.text === "call" || callee.name.text === "apply") return byName("");
        return append(originOf(callee.expression, scope, cls), { s: "call", n: callee.name.text });
      }
      // Calling an alias (`const begin = db.transaction.bind(db)`) gives what the method gives.
      const alias = ts.isIdentifier(callee) ? scope.lookup(callee.text) : null;
      if (alias?.kind === "alias") return append(originOf(alias.receiver, alias.scope, alias.cls), { s: "call", n: alias.method });
      return append(originOf(callee, scope, cls), { s: "call" });
    }
    if (ts.isNewExpression(e)) return append(originOf(e.expression, scope, cls), { s: "new" });
    if (ts.isAwaitExpression(e)) return append(originOf(e.expression, scope, cls), { s: "await" });
    if (ts.isConditionalExpression(e)) return originOf(e.whenTrue, scope, cls);
    if (
      ts.isBinaryExpression(e) &&
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)
    ) {
      return originOf(e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? e.right : e.left, scope, cls);
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e)) return notDb("a function");
    if (
      ts.isObjectLiteralExpression(e) ||
      ts.isArrayLiteralExpression(e) ||
      ts.isStringLiteral(e) ||
      ts.isNumericLiteral(e) ||
      ts.isTemplateExpression(e) ||
      ts.isNoSubstitutionTemplateLiteral(e) ||
      e.kind === ts.SyntaxKind.TrueKeyword ||
      e.kind === ts.SyntaxKind.FalseKeyword ||
      e.kind === ts.SyntaxKind.NullKeyword
    ) {
      return notDb("a literal");
    }
    return byName("");
  }

  /**
   * @param {Binding | null} b
   * @param {string} name
   * @returns {Origin}
   */
  function bindingOrigin(b, name) {
    if (!b) return BUILTINS.has(name) ? notDb(`the built-in ${name}`) : { root: { k: "global", name }, steps: [], as: name };
    switch (b.kind) {
      case "import":
        return { root: { k: "import", spec: b.spec, name: b.imported }, steps: [], as: name };
      case "module":
        return { root: { k: "module", name }, steps: [], as: name };
      case "class":
        return { root: { k: "module", name: b.key }, steps: [], as: name };
      case "notdb":
        return notDb(b.why);
      case "alias":
        return notDb("a function");
      default: {
        if (b.origin) return b.origin;
        if (b.busy) return byName(name);
        b.busy = true;
        const o = computeBinding(b, name);
        b.busy = false;
        const last = o.steps[o.steps.length - 1];
        b.origin = o.as && (!last || last.s === "member") ? o : { ...o, as: name };
        return b.origin;
      }
    }
  }

  /**
   * @param {Extract<Binding, { kind: "var" | "param" | "destructure" }>} b
   * @param {string} name
   * @returns {Origin}
   */
  function computeBinding(b, name) {
    if (b.kind === "param") {
      if (txCallbackParams.has(b.node)) return { root: { k: "handle", why: `the transaction callback's ${name}` }, steps: [] };
      if (b.node.type) return typeOrigin(b.node.type, b.scope, name);
      if (b.node.initializer) return originOf(b.node.initializer, b.scope, b.cls);
      return byName(name);
    }
    if (b.kind === "destructure") {
      if (b.fromType) return append(typeOrigin(b.fromType, b.scope, name), { s: "member", n: b.key });
      if (b.from) return append(originOf(b.from, b.scope, b.cls), { s: "member", n: b.key });
      return byName(name);
    }
    if (b.type) return typeOrigin(b.type, b.scope, name);
    const init = b.init ?? b.assigned;
    return init ? originOf(init, b.scope, b.cls) : byName(name);
  }

  /**
   * The value a type annotation describes: `Knex.Transaction` -> import Knex, member Transaction, type.
   * @param {ts.TypeNode} t
   * @param {Scope} scope
   * @param {string} as
   * @returns {Origin}
   */
  function typeOrigin(t, scope, as) {
    if (ts.isParenthesizedTypeNode(t)) return typeOrigin(t.type, scope, as);
    if (ts.isUnionTypeNode(t) || ts.isIntersectionTypeNode(t)) {
      const ref = t.types.find((u) => ts.isTypeReferenceNode(u) || ts.isTypeQueryNode(u));
      return ref ? typeOrigin(ref, scope, as) : notDb(`typed ${short(t.getText(sf))}`);
    }
    if (ts.isTypeQueryNode(t)) return { ...entityOrigin(t.exprName, scope), as };
    if (ts.isImportTypeNode(t)) {
      // import("pg").PoolClient, typeof import("./db").db
      const arg = t.argument;
      const spec = ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) ? arg.literal.text : null;
      if (spec === null) return byName(as);
      const parts = [];
      for (let q = t.qualifier; q; q = ts.isQualifiedName(q) ? q.left : undefined) parts.unshift(ts.isQualifiedName(q) ? q.right.text : q.text);
      if (parts.length === 0) return notDb("a module");
      /** @type {Origin} */
      let o = { root: { k: "import", spec, name: /** @type {string} */ (parts[0]) }, steps: [] };
      for (const p of parts.slice(1)) o = append(o, { s: "member", n: p });
      return { ...(t.isTypeOf ? o : append(o, { s: "type" })), as };
    }
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName;
      // Promise<Knex> is what an async function returns: awaiting it gives the handle.
      if (
        ts.isIdentifier(name) &&
        (name.text === "Promise" || name.text === "PromiseLike" || name.text === "Readonly") &&
        !scope.lookup(name.text) &&
        t.typeArguments?.[0]
      ) {
        return typeOrigin(t.typeArguments[0], scope, as);
      }
      return { ...append(entityOrigin(name, scope), { s: "type" }), as };
    }
    // `any`, `unknown` and an inline shape (`{ commit(): void }`) say nothing about what the value is.
    if (t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword || ts.isTypeLiteralNode(t)) return byName(as);
    return notDb(`typed ${short(t.getText(sf))}`);
  }

  /** @param {ts.EntityName} name @param {Scope} scope @returns {Origin} */
  function entityOrigin(name, scope) {
    if (ts.isIdentifier(name)) return bindingOrigin(scope.lookup(name.text), name.text);
    return append(entityOrigin(name.left, scope), { s: "member", n: name.right.text });
  }

  // ---- the walk ------------------------------------------------------------------------------------------

  /**
   * @param {ts.BindingName} name
   * @param {Scope} scope
   * @param {(id: ts.Identifier, key: string | null) => Binding} make binding for a name (key: the property it takes)
   * @param {string | null} key
   */
  function bindNames(name, scope, make, key = null) {
    if (ts.isIdentifier(name)) {
      scope.vars.set(name.text, make(name, key));
      return;
    }
    for (const el of name.elements) {
      if (ts.isOmittedExpression(el)) continue;
      if (ts.isObjectBindingPattern(name)) {
        const k = el.propertyName ? propName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : null;
        if (ts.isIdentifier(el.name) && k !== null) scope.vars.set(el.name.text, make(el.name, k));
        else bindNames(el.name, scope, (id) => ({ kind: "var", init: null, type: null, scope, cls: null, assigned: null }), null);
      } else {
        bindNames(el.name, scope, () => ({ kind: "var", init: null, type: null, scope, cls: null, assigned: null }), null);
      }
    }
  }

  /**
   * @param {ts.VariableDeclaration} d
   * @param {Scope} scope
   * @param {ClassCtx | null} cls
   */
  function declareVariable(d, scope, cls) {
    const init = d.initializer ? unwrap(d.initializer) : null;
    // Aliases of transaction methods: `const { commit, rollback: undo } = session`, `const c = tx.commit.bind(tx)`.
    if (init && ts.isObjectBindingPattern(d.name)) {
      for (const el of d.name.elements) {
        const prop = el.propertyName ? propName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : null;
        if (ts.isIdentifier(el.name) && prop && isTxMethod(prop)) {
          scope.vars.set(el.name.text, { kind: "alias", method: prop, receiver: /** @type {ts.Expression} */ (init), scope, cls });
        } else if (ts.isIdentifier(el.name) && prop !== null) {
          scope.vars.set(el.name.text, { kind: "destructure", from: /** @type {ts.Expression} */ (init), fromType: null, key: prop, scope, cls });
        } else {
          bindNames(el.name, scope, () => ({ kind: "var", init: null, type: null, scope, cls, assigned: null }));
        }
      }
      return;
    }
    if (ts.isIdentifier(d.name) && init) {
      let target = init;
      if (ts.isCallExpression(target) && ts.isPropertyAccessExpression(target.expression) && target.expression.name.text === "bind")
        target = target.expression.expression;
      if (ts.isPropertyAccessExpression(target) && isTxMethod(target.name.text)) {
        scope.vars.set(d.name.text, { kind: "alias", method: target.name.text, receiver: target.expression, scope, cls });
        return;
      }
    }
    if (scope === moduleScope && ts.isIdentifier(d.name)) {
      scope.vars.set(d.name.text, { kind: "module" });
      const name = d.name.text;
      const fn = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : null;
      declMakers.set(
        name,
        fn
          ? () => functionDecl(fn, scope)
          : () => ({ d: "value", o: d.type ? typeOrigin(d.type, scope, name) : init ? originOf(init, scope, null) : byName(name) }),
      );
      return;
    }
    bindNames(d.name, scope, () => ({ kind: "var", init: d.initializer ?? null, type: d.type ?? null, scope, cls, assigned: null }));
  }

  /**
   * What a module-level function returns: its return type, else its (first) returned expression.
   * @param {ts.SignatureDeclaration & { body?: ts.Node }} fn
   * @param {Scope} outer
   * @returns {Decl}
   */
  function functionDecl(fn, outer) {
    return { d: "fn", r: returnOrigin(fn, outer, null) };
  }

  /**
   * @param {ts.SignatureDeclaration & { body?: ts.Node }} fn
   * @param {Scope} outer
   * @param {ClassCtx | null} cls
   * @returns {Origin | null}
   */
  function returnOrigin(fn, outer, cls) {
    const inner = scopesOfFunctions.get(fn) ?? outer;
    if (fn.type) return typeOrigin(fn.type, inner, "");
    const body = fn.body;
    if (!body) return null;
    if (!ts.isBlock(body)) return originOf(body, inner, cls);
    /** @type {ts.Expression | null} */
    let returned = null;
    /** @type {Scope} */
    let at = inner;
    /** @param {ts.Node} n */
    const find = (n) => {
      if (returned || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isReturnStatement(n) && n.expression) {
        returned = n.expression;
        at = scopesOfNodes.get(n) ?? inner;
        return;
      }
      ts.forEachChild(n, find);
    };
    ts.forEachChild(body, find);
    return returned ? originOf(returned, at, cls) : null;
  }

  /** Scopes of function bodies and of return statements, to evaluate returned expressions later. */
  const scopesOfFunctions = new Map();
  const scopesOfNodes = new Map();

  /**
   * @param {ts.ClassLikeDeclaration} node
   * @param {Scope} scope
   */
  function declareClass(node, scope) {
    const moduleLevel = scope === moduleScope && !!node.name && ts.isClassDeclaration(node);
    const key = moduleLevel && node.name ? node.name.text : `${node.name?.text ?? "class"}@${node.pos}`;
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression ?? null;
    const dec = (ts.getDecorators(node) ?? []).map((d) => ({ expr: ts.isCallExpression(d.expression) ? d.expression.expression : d.expression, scope }));
    const info = {
      ext: heritage,
      dec,
      scope,
      fields: new Map(),
      returns: new Map(),
      typedReturns: new Set(),
      st: new Map(),
      me: new Map(),
      tracked: !!heritage || dec.length > 0,
      module: moduleLevel,
    };
    classes.set(key, info);
    if (node.name && !moduleLevel) scope.vars.set(node.name.text, { kind: "class", key });
    if (moduleLevel && node.name) {
      scope.vars.set(node.name.text, { kind: "module" });
      declMakers.set(key, () => classDecl(key));
    }
    return key;
  }

  /** @param {string} key @returns {Decl} */
  function classDecl(key) {
    const info = /** @type {NonNullable<ReturnType<typeof classes.get>>} */ (classes.get(key));
    /** @type {Record<string, Origin>} */
    const f = {};
    for (const [name, make] of info.fields) f[name] = make();
    /** @type {Record<string, Origin>} */
    const rt = {};
    for (const [name, make] of info.returns) {
      const o = make();
      // Only what could be a database handle is worth keeping (a method returning a literal says nothing), and what
      // a return type declares is no handle: that is a declaration to stop at, as it is for a field's type.
      if (o && (o.root.k !== "notdb" || info.typedReturns.has(name))) rt[name] = o;
    }
    /** @param {Map<string, ts.CallExpression[]>} methods */
    const bodies = (methods) => {
      /** @type {Record<string, MethodCall[]>} */
      const out = {};
      for (const [name, list] of methods) {
        /** @type {MethodCall[]} */
        const kept = [];
        for (const call of list) {
          const where = callScopes.get(call);
          const callee = /** @type {ts.PropertyAccessExpression} */ (unwrap(call.expression));
          const o = originOf(callee.expression, where?.scope ?? info.scope, where?.cls ?? null);
          const m = callee.name.text;
          if ((db.candidateMethod(m) && o.root.k !== "notdb") || projectMethodCandidate(o) || (o.root.k === "this" && o.steps.length === 0))
            kept.push({ o, m });
          if (kept.length >= MAX_METHOD_CALLS) break;
        }
        out[name] = kept;
      }
      return out;
    };
    return {
      d: "class",
      ext: info.ext ? originOf(info.ext, info.scope, null) : null,
      dec: info.dec.map((d) => originOf(d.expr, d.scope, null)),
      f,
      ...(Object.keys(rt).length > 0 ? { rt } : {}),
      ...(info.tracked ? { st: bodies(info.st), me: bodies(info.me) } : {}),
    };
  }

  /** @type {Map<ts.Node, { scope: Scope, cls: ClassCtx | null }>} */
  const callScopes = new Map();

  /**
   * @param {ts.Node} node
   * @param {Scope} scope
   * @param {ClassCtx | null} cls
   */
  function visit(node, scope, cls) {
    const kind = node.kind;
    // Tokens (identifiers, literals, keywords) hold nothing to bind or record; types are not values.
    if (kind < ts.SyntaxKind.FirstNode || TYPE_NODE[kind]) return;
    switch (kind) {
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
        return;
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        if (scope === moduleScope) declareType(/** @type {ts.InterfaceDeclaration | ts.TypeAliasDeclaration} */ (node));
        return;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression: {
        const c = /** @type {ts.ClassDeclaration | ts.ClassExpression} */ (node);
        if (kind === ts.SyntaxKind.ClassDeclaration && scope === moduleScope && isDefaultExport(/** @type {ts.ClassDeclaration} */ (c)))
          exportNames.default = c.name ? c.name.text : `class@${c.pos}`;
        const key = declareClass(c, scope);
        visitClass(c, scope, key);
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration: {
        const f = /** @type {ts.FunctionDeclaration} */ (node);
        if (scope === moduleScope && isDefaultExport(f)) exportNames.default = f.name ? f.name.text : `class@${f.pos}`;
        if (f.name) {
          if (scope === moduleScope) {
            scope.vars.set(f.name.text, { kind: "module" });
            declMakers.set(f.name.text, () => functionDecl(f, scope));
          } else {
            scope.vars.set(f.name.text, { kind: "notdb", why: `the function ${f.name.text}` });
          }
        }
        visitFunction(f, scope, cls);
        return;
      }
      case ts.SyntaxKind.EnumDeclaration: {
        const e = /** @type {ts.EnumDeclaration} */ (node);
        if (scope !== moduleScope) scope.vars.set(e.name.text, { kind: "notdb", why: `the enum ${e.name.text}` });
        return;
      }
      case ts.SyntaxKind.VariableDeclaration:
        declareVariable(/** @type {ts.VariableDeclaration} */ (node), scope, cls);
        break;
      case ts.SyntaxKind.ExportAssignment: {
        const a = /** @type {ts.ExportAssignment} */ (node);
        if (!a.isExportEquals) {
          const e = unwrap(a.expression);
          if (ts.isIdentifier(e)) exportNames.default = e.text;
          else declMakers.set("default", () => ({ d: "value", o: originOf(a.expression, moduleScope, null) }));
        }
        break;
      }
      case ts.SyntaxKind.ExportDeclaration: {
        const d = /** @type {ts.ExportDeclaration} */ (node);
        if (!d.moduleSpecifier && d.exportClause && ts.isNamedExports(d.exportClause)) {
          for (const el of d.exportClause.elements) if (el.propertyName) exportNames[el.name.text] = el.propertyName.text;
        }
        break;
      }
      case ts.SyntaxKind.ReturnStatement:
        scopesOfNodes.set(node, scope);
        break;
      case ts.SyntaxKind.BinaryExpression:
        if (/** @type {ts.BinaryExpression} */ (node).operatorToken.kind === ts.SyntaxKind.EqualsToken)
          noteAssignment(/** @type {ts.BinaryExpression} */ (node), scope, cls);
        break;
      case ts.SyntaxKind.CallExpression:
        noteCall(/** @type {ts.CallExpression} */ (node), scope, cls);
        break;
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const t = /** @type {ts.TaggedTemplateExpression} */ (node);
        calls.push({ node: t, scope, cls });
        callScopes.set(t, { scope, cls });
        break;
      }
      case ts.SyntaxKind.Block:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.CaseBlock:
        children(node, new Scope(scope), cls);
        return;
      case ts.SyntaxKind.CatchClause: {
        const c = /** @type {ts.CatchClause} */ (node);
        const inner = new Scope(scope);
        if (c.variableDeclaration) bindNames(c.variableDeclaration.name, inner, () => ({ kind: "notdb", why: "a caught error" }));
        children(c.block, inner, cls);
        return;
      }
      default:
        if (FUNCTION_LIKE[kind]) {
          visitFunction(/** @type {ts.SignatureDeclaration} */ (node), scope, cls);
          return;
        }
    }
    children(node, scope, cls);
  }

  // One child visitor for the whole walk (a closure per visited node was a tenth of the extraction).
  /** @type {Scope} */
  let walkScope = moduleScope;
  /** @type {ClassCtx | null} */
  let walkCls = null;
  const visitChild = (/** @type {ts.Node} */ c) => visit(c, walkScope, walkCls);
  /**
   * @param {ts.Node} node
   * @param {Scope} scope
   * @param {ClassCtx | null} cls
   */
  function children(node, scope, cls) {
    const [s, c] = [walkScope, walkCls];
    walkScope = scope;
    walkCls = cls;
    ts.forEachChild(node, visitChild);
    walkScope = s;
    walkCls = c;
  }

  /** @param {ts.InterfaceDeclaration | ts.TypeAliasDeclaration} node */
  function declareType(node) {
    declMakers.set(node.name.text, () => {
      /** @type {Origin[]} */
      const b = [];
      /** @type {Record<string, Origin>} */
      const f = {};
      /** @type {Record<string, Origin>} */
      const rt = {};
      /** @param {ts.NodeArray<ts.TypeElement>} members */
      const addMembers = (members) => {
        for (const mem of members) {
          if (ts.isPropertySignature(mem) && mem.type) {
            const n = propName(mem.name);
            if (n !== null) f[n] = typeOrigin(mem.type, moduleScope, n);
          } else if (ts.isMethodSignature(mem) && mem.type) {
            const n = propName(mem.name);
            const o = typeOrigin(mem.type, moduleScope, "");
            if (n !== null) rt[n] = o;
          }
        }
      };
      if (ts.isInterfaceDeclaration(node)) {
        for (const h of node.heritageClauses ?? []) for (const t of h.types) b.push(append(originOf(t.expression, moduleScope, null), { s: "type" }));
        addMembers(node.members);
      } else if (ts.isTypeLiteralNode(node.type)) {
        addMembers(node.type.members);
      } else if (ts.isIntersectionTypeNode(node.type)) {
        for (const part of node.type.types) {
          if (ts.isTypeLiteralNode(part)) addMembers(part.members);
          else if (ts.isTypeReferenceNode(part)) b.push(typeOrigin(part, moduleScope, ""));
        }
      } else {
        b.push(typeOrigin(node.type, moduleScope, ""));
      }
      return { d: "type", b, f, ...(Object.keys(rt).length > 0 ? { rt } : {}) };
    });
  }

  /**
   * @param {ts.ClassLikeDeclaration} node
   * @param {Scope} scope
   * @param {string} key
   */
  function visitClass(node, scope, key) {
    const info = /** @type {NonNullable<ReturnType<typeof classes.get>>} */ (classes.get(key));
    for (const d of ts.getDecorators(node) ?? []) visit(d, scope, null);
    for (const h of node.heritageClauses ?? []) visit(h, scope, null);
    for (const member of node.members) {
      const ctx = { key, static: isStatic(member) };
      if (ts.isPropertyDeclaration(member)) {
        const name = propName(member.name);
        if (name !== null && !ctx.static) {
          const t = member.type;
          const init = member.initializer;
          info.fields.set(name, () => (t ? typeOrigin(t, scope, name) : init ? originOf(init, scope, ctx) : byName(name)));
          if (t) typedDecls.push({ node: member, scope, cls: ctx });
        }
        if (member.initializer) visit(member.initializer, scope, ctx);
        continue;
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const p of member.parameters) {
          const name = ts.isIdentifier(p.name) ? p.name.text : null;
          if (name && isParameterProperty(p)) {
            const t = p.type;
            info.fields.set(name, () => (t ? typeOrigin(t, scope, name) : byName(name)));
          }
        }
      }
      if (ts.isMethodDeclaration(member) && !ctx.static) {
        const name = propName(member.name);
        if (name !== null && !info.returns.has(name)) {
          info.returns.set(name, () => returnOrigin(member, scope, ctx));
          if (member.type) info.typedReturns.add(name);
        }
      }
      if ((ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) && info.tracked) {
        const name = propName(member.name);
        if (name !== null) {
          const table = ctx.static ? info.st : info.me;
          if (!table.has(name)) table.set(name, []);
          const before = currentMethod;
          currentMethod = { cls: key, method: name, static: ctx.static };
          visit(member, scope, ctx);
          currentMethod = before;
          continue;
        }
      }
      visit(member, scope, ctx);
    }
  }

  /**
   * @param {ts.SignatureDeclaration} node
   * @param {Scope} scope
   * @param {ClassCtx | null} cls `this` inside: the class for methods and constructors, inherited by arrows
   */
  function visitFunction(node, scope, cls) {
    const inner = new Scope(scope);
    scopesOfFunctions.set(node, inner);
    // `this`: a plain function has its own; methods get the class from visitClass, arrows keep the outer one.
    const own = ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) ? null : cls;
    for (const p of node.parameters) {
      if (ts.isIdentifier(p.name)) {
        inner.vars.set(p.name.text, { kind: "param", node: p, scope: inner, cls: own });
        if (p.type) typedDecls.push({ node: p, scope: inner, cls: own });
      } else if (ts.isObjectBindingPattern(p.name)) {
        bindNames(p.name, inner, (_id, key) => ({ kind: "destructure", from: null, fromType: p.type ?? null, key: key ?? "", scope: inner, cls: own }));
      } else {
        bindNames(p.name, inner, () => ({ kind: "var", init: null, type: null, scope: inner, cls: own, assigned: null }));
      }
      if (p.initializer) visit(p.initializer, inner, own);
    }
    const body = /** @type {{ body?: ts.Node }} */ (node).body;
    if (!body) return;
    if (ts.isBlock(body)) children(body, inner, own);
    else visit(body, inner, own);
  }

  /**
   * `x = expr` for a variable declared without a value; `this.x = expr` for a field the class does not type.
   * @param {ts.BinaryExpression} node
   * @param {Scope} scope
   * @param {ClassCtx | null} cls
   */
  function noteAssignment(node, scope, cls) {
    const left = unwrap(node.left);
    if (ts.isIdentifier(left)) {
      const b = scope.lookup(left.text);
      if (b && b.kind === "var" && !b.init && !b.type && !b.assigned) b.assigned = node.right;
    } else if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && cls && !cls.static) {
      const info = classes.get(cls.key);
      const name = left.name.text;
      if (info && !info.fields.has(name)) info.fields.set(name, () => originOf(node.right, scope, cls));
    }
  }

  /**
   * @param {ts.CallExpression} node
   * @param {Scope} scope
   * @param {ClassCtx | null} cls
   */
  function noteCall(node, scope, cls) {
    const callee = unwrap(node.expression);
    calls.push({ node, scope, cls });
    callScopes.set(node, { scope, cls });
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (isTxMethod(method)) {
      for (const arg of node.arguments) {
        if ((ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && arg.parameters[0] && ts.isIdentifier(arg.parameters[0].name))
          txCallbackParams.add(arg.parameters[0]);
      }
    }
    if (method === "execute") {
      // Walk down the chain under `.execute(...)` to a `.transaction()` without arguments (Kysely).
      let inner = callee.expression;
      for (let i = 0; i < 4 && ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression); i++) {
        if (inner.expression.name.text === "transaction" && inner.arguments.length === 0) {
          kyselyChains.add(inner.expression.name);
          break;
        }
        inner = inner.expression.expression;
      }
    }
    if (currentMethod) {
      const info = classes.get(currentMethod.cls);
      const table = currentMethod.static ? info?.st : info?.me;
      const list = table?.get(currentMethod.method);
      list?.push(node);
    }
  }

  children(sf, moduleScope, null);

  // ---- facts, now that every binding is known ------------------------------------------------------------

  /** @type {QueryFact[]} */
  const queries = [];
  /** @type {TransactionFact[]} */
  const transactions = [];
  for (const { node, scope, cls } of calls) {
    if (ts.isTaggedTemplateExpression(node)) {
      const text = ts.isNoSubstitutionTemplateLiteral(node.template) ? node.template.text : node.template.head.text;
      const prefix = tx.rawSql(text);
      if (prefix)
        transactions.push({
          form: `raw SQL ${prefix}`,
          method: "sql",
          kind: "sql",
          receiver: "",
          recv: null,
          receiverPos: -1,
          receiverEnd: -1,
          ...span(sf, node.template),
        });
      else {
        const tag = unwrap(node.tag);
        const form = `${short(node.tag.getText(sf))}\`…\``;
        if (ts.isPropertyAccessExpression(tag)) {
          // prisma.$queryRaw`…`: a method that takes a template.
          const recv = originOf(tag.expression, scope, cls);
          if (db.candidateMethod(tag.name.text) && recv.root.k !== "notdb") {
            queries.push({
              method: tag.name.text,
              kind: "method",
              recv,
              form,
              receiver: short(tag.expression.getText(sf)),
              receiverPos: tag.expression.getStart(sf),
              receiverEnd: tag.expression.getEnd(),
              ...span(sf, tag.name),
            });
          }
        } else {
          const recv = originOf(node.tag, scope, cls);
          if (worthResolving(recv))
            queries.push({
              method: "",
              kind: "tag",
              recv,
              form,
              receiver: short(node.tag.getText(sf)),
              receiverPos: node.tag.getStart(sf),
              receiverEnd: node.tag.getEnd(),
              ...span(sf, node.tag),
            });
        }
      }
      continue;
    }
    const callee = unwrap(node.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = callee.expression;
      const receiverText = short(receiver.getText(sf));
      const recv = originOf(receiver, scope, cls);
      const recvAt = { receiverPos: receiver.getStart(sf), receiverEnd: receiver.getEnd() };
      const sql = tx.sqlMethod(method) && node.arguments[0] ? sqlText(node.arguments[0]) : null;
      const prefix = sql !== null ? tx.rawSql(sql) : null;
      if (isTxMethod(method)) {
        const kind = tx.specificMethod(method) ? "specific" : tx.flushMethod(method) ? "flush" : "generic";
        const form =
          kind === "specific"
            ? describeSpecific(method)
            : kind === "flush"
              ? `MikroORM ${method}()`
              : method === "transaction" && kyselyChains.has(callee.name)
                ? "Kysely transaction().execute()"
                : `${method}()`;
        transactions.push({ form, method, kind, receiver: receiverText, recv, ...recvAt, ...span(sf, callee.name) });
      }
      if (prefix && node.arguments[0]) {
        transactions.push({ form: `raw SQL ${prefix}`, method, kind: "sql", receiver: receiverText, recv, ...recvAt, ...span(sf, node.arguments[0]) });
      }
      if (db.candidateMethod(method) ? recv.root.k !== "notdb" : projectMethodCandidate(recv)) {
        queries.push({ method, kind: "method", recv, form: `${receiverText}.${method}()`, receiver: receiverText, ...recvAt, ...span(sf, callee.name) });
      }
    } else if (ts.isIdentifier(callee)) {
      const b = scope.lookup(callee.text);
      if (b?.kind === "alias") {
        const recv = originOf(b.receiver, b.scope, b.cls);
        const kind = tx.specificMethod(b.method) ? "specific" : tx.flushMethod(b.method) ? "flush" : "generic";
        transactions.push({
          form: `${b.method}() through the alias ${callee.text}`,
          method: b.method,
          kind,
          receiver: short(b.receiver.getText(sf)),
          recv,
          receiverPos: b.receiver.getStart(sf),
          receiverEnd: b.receiver.getEnd(),
          ...span(sf, callee),
        });
        continue;
      }
      const recv = originOf(callee, scope, cls);
      if (worthResolving(recv)) {
        queries.push({
          method: "",
          kind: "call",
          recv,
          form: `${callee.text}(…)`,
          receiver: callee.text,
          receiverPos: callee.getStart(sf),
          receiverEnd: callee.getEnd(),
          ...span(sf, callee),
        });
      }
    }
  }

  /** @type {HandleDeclFact[]} */
  const handleDecls = [];
  for (const { node, scope } of typedDecls) {
    if (!node.type || !ts.isIdentifier(node.name)) continue;
    const type = typeOrigin(node.type, scope, node.name.text);
    if (!["import", "module", "global"].includes(type.root.k)) continue;
    if (
      type.root.k === "global" &&
      !db.any.handleTypes.has(/** @type {{ name: string }} */ (type.root).name) &&
      !db.localType(/** @type {{ name: string }} */ (type.root).name)
    )
      continue;
    handleDecls.push({ name: node.name.text, typeText: short(node.type.getText(sf)), type, ...span(sf, node.name) });
  }

  /** @type {Record<string, Decl>} */
  const decls = {};
  for (const [name, make] of declMakers) decls[name] = make();
  for (const [key, info] of classes) if (!info.module) decls[key] = classDecl(key);

  return { queries, handleDecls, transactions, decls, exportNames };
}

/**
 * A call whose method is no query name can still be one: a model's own static (`Revision.createFromDocument()`)
 * or instance method (`document.saveWithCtx()`) that runs a query. Worth a fact only when the receiver is an
 * imported or module-level thing itself, or an instance made from one.
 * @param {Origin} o
 */
function projectMethodCandidate(o) {
  if (o.root.k !== "import" && o.root.k !== "module") return false;
  const last = o.steps[o.steps.length - 1];
  return o.steps.length === 0 || last.s === "type" || last.s === "new" || last.s === "await";
}

/** A callee or template tag worth resolving as a callable handle (`knex("t")`, sql`…`). @param {Origin} o */
function worthResolving(o) {
  return o.root.k === "import" || o.root.k === "module" || o.root.k === "this" || o.root.k === "handle";
}

/** The first string of a call's arguments, with template literals taken by their head. @param {ts.Expression} arg */
function sqlText(arg) {
  const n = unwrap(arg);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text;
  return null;
}

/** @param {string} method */
function describeSpecific(method) {
  switch (method) {
    case "$transaction":
      return "Prisma $transaction()";
    case "transactional":
      return "MikroORM transactional()";
    case "startTransaction":
    case "commitTransaction":
    case "rollbackTransaction":
      return `TypeORM queryRunner.${method}()`;
    case "beginTransaction":
      return "beginTransaction()";
    default:
      return `${method}()`;
  }
}
