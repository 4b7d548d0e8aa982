// Where request params flow into facade calls, within each function: the params object itself, copies of it,
// rests of destructurings, spreads, explicit `_` keys, and reserved keys passed twice. A small syntactic taint
// analysis in source order (an assignment changes what a name holds from there on); sanitizers and inline
// filters that drop `_` keys make a value clean.
import ts from "../ts.js";
import { span } from "./span.js";

/** @typedef {import("../types.js").LeakFact} LeakFact */
/** @typedef {import("../types.js").PrivateKeyMatchers} PrivateKeyMatchers */
/** @typedef {{ kind: "params" | "copy" | "rest" | "deleted" | "private-literal", origin: string, key?: string }} Taint */

/** @param {ts.Expression} node @returns {ts.Expression} */
function unwrap(node) {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isNonNullExpression(n) ||
    ts.isAwaitExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isTypeAssertionExpression(n)
  )
    n = n.expression;
  return n;
}

/** @param {ts.Expression} node */
function calleeName(node) {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return "";
}

/** @param {ts.TypeNode | undefined} t */
function typeRefName(t) {
  if (!t || !ts.isTypeReferenceNode(t)) return "";
  const name = t.typeName;
  return ts.isIdentifier(name) ? name.text : name.right.text;
}

/** Does a `.filter(cb)` callback drop keys starting with "_"? (`!k.startsWith("_")`, `k[0] !== "_"`, `!/^_/.test(k)`) @param {ts.Expression | undefined} cb @param {ts.SourceFile} sf */
function dropsUnderscoreKeys(cb, sf) {
  if (!cb) return false;
  const text = cb.getText(sf).replace(/\s+/g, "");
  return (
    /!\w+(\.\w+)*\.startsWith\(["'`]_["'`]\)/.test(text) ||
    /\[0\]!==?["'`]_["'`]/.test(text) ||
    /!\/\^_\/\.test\(/.test(text) ||
    /\.startsWith\(["'`]_["'`]\)===false/.test(text)
  );
}

/**
 * @param {ts.SourceFile} sf
 * @param {PrivateKeyMatchers} m
 * @param {Map<string, string>} [importOrigins] local binding -> module specifier: what is imported from a
 *   facade module (`…/L5_engines/integrations_facade`) is a facade, whatever it is called here
 * @returns {{ leaks: LeakFact[], facadeCalls: number }}
 */
export function extractLeaks(sf, m, importOrigins = new Map()) {
  // No request params, or nothing that can be a facade (by the literal parts of the facade globs): no walk.
  if (!sf.text.includes("params") || !m.facadeTokens.some((t) => sf.text.includes(t))) return { leaks: [], facadeCalls: 0 };
  /** @type {LeakFact[]} */
  const out = [];
  let facadeCalls = 0;
  /** @type {Map<string, Taint | null>[]} */
  const scopes = [new Map()];
  /** Names that are facades in the current function: annotated `XFacade`, `new XFacade()`, `getXFacade()`. */
  /** @type {Set<string>[]} */
  const facades = [new Set()];
  /** Parameters that are operation contexts by their type annotation. @type {Set<string>[]} */
  const contexts = [new Set()];

  /** @param {string} name */
  const lookup = (name) => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].has(name)) return scopes[i].get(name) ?? null;
    return null;
  };
  /** @param {string} name @param {Taint | null} t */
  const assign = (name, t) => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (scopes[i].has(name)) {
        scopes[i].set(name, t);
        return;
      }
    }
    scopes[scopes.length - 1].set(name, t);
  };
  /** @param {string} name */
  const isFacade = (name) => m.facadeName(name) || facades.some((s) => s.has(name)) || fromFacadeModule(name);
  /** @param {string} name */
  const fromFacadeModule = (name) => {
    const spec = importOrigins.get(name);
    if (!spec) return false;
    const base = (spec.split("/").pop() ?? "").toLowerCase();
    return m.facadeTokens.some((t) => base.includes(t.toLowerCase()));
  };
  /** @param {string} name */
  const isContext = (name) => m.sourceRoot(name) || contexts.some((s) => s.has(name));

  /**
   * What an expression holds.
   * @param {ts.Expression} expr
   * @returns {Taint | null}
   */
  function taintOf(expr) {
    const n = unwrap(expr);
    if (ts.isIdentifier(n)) return lookup(n.text);
    if (ts.isPropertyAccessExpression(n) && n.name.text === "params") {
      const base = unwrap(n.expression);
      if (ts.isIdentifier(base) && isContext(base.text)) return { kind: "params", origin: n.getText(sf) };
      if (ts.isPropertyAccessExpression(base) && base.expression.kind === ts.SyntaxKind.ThisKeyword && isContext(base.name.text))
        return { kind: "params", origin: n.getText(sf) };
      return null;
    }
    if (ts.isObjectLiteralExpression(n)) {
      for (const p of n.properties) {
        if (ts.isSpreadAssignment(p)) {
          const t = taintOf(p.expression);
          if (t) return { kind: "copy", origin: t.origin };
        }
      }
      for (const p of n.properties) {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : "";
        if (key.startsWith("_")) return { kind: "private-literal", origin: "an object literal", key };
      }
      return null;
    }
    if (ts.isConditionalExpression(n)) return taintOf(n.whenTrue) ?? taintOf(n.whenFalse);
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(n.operatorToken.kind))
      return taintOf(n.left) ?? taintOf(n.right);
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (m.sanitizer(name)) return null;
      const callee = unwrap(n.expression);
      const full = ts.isPropertyAccessExpression(callee) ? `${callee.expression.getText(sf)}.${callee.name.text}` : name;
      if (full === "Object.assign") {
        for (const a of n.arguments) {
          const t = taintOf(a);
          if (t) return { kind: "copy", origin: t.origin };
        }
        return null;
      }
      if (full === "structuredClone" || full === "JSON.parse" || name === "clone" || name === "cloneDeep" || name === "omit") {
        const t = n.arguments[0] ? taintOf(n.arguments[0]) : null;
        return t && { kind: "copy", origin: t.origin };
      }
      if (full === "JSON.stringify") return null;
      // Object.fromEntries(Object.entries(p).filter(cb)): clean when cb drops "_" keys.
      if (full === "Object.fromEntries" && n.arguments[0]) {
        let inner = unwrap(n.arguments[0]);
        let filtered = false;
        while (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && ["filter", "map"].includes(inner.expression.name.text)) {
          if (inner.expression.name.text === "filter" && dropsUnderscoreKeys(inner.arguments[0], sf)) filtered = true;
          inner = unwrap(inner.expression.expression);
        }
        if (ts.isCallExpression(inner) && calleeName(inner.expression) === "entries" && inner.arguments[0]) {
          const t = taintOf(inner.arguments[0]);
          return t && !filtered ? { kind: "copy", origin: t.origin } : null;
        }
      }
      return null;
    }
    return null;
  }

  /**
   * @param {ts.CallExpression} call
   * @param {string} callText
   */
  function checkSink(call, callText) {
    facadeCalls++;
    for (const arg of call.arguments) {
      const a = unwrap(arg);
      const argText = arg.getText(sf);
      const at = span(sf, arg);
      if (ts.isObjectLiteralExpression(a)) {
        /** @type {ts.SpreadAssignment[]} */
        const taintedSpreads = [];
        for (const p of a.properties) {
          if (ts.isSpreadAssignment(p)) {
            const t = taintOf(p.expression);
            if (!t) continue;
            taintedSpreads.push(p);
            const spreadText = p.expression.getText(sf);
            out.push({
              messageId: "leakSpread",
              data: { arg: spreadText, call: callText, reserved: reservedText(), sanitizer: m.sanitizerName, origin: t.origin },
              ...span(sf, p),
              exprPos: p.expression.getStart(sf),
              exprEnd: p.expression.getEnd(),
              suggestion: wrap(p.expression),
            });
          }
        }
        for (const p of a.properties) {
          if (ts.isSpreadAssignment(p) || !p.name) continue;
          const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : "";
          if (key.startsWith("_")) {
            out.push({ messageId: "privateKey", data: { key, call: callText }, ...span(sf, p), exprPos: -1, exprEnd: -1, suggestion: null });
          } else if (m.reservedKey(key) && taintedSpreads.length > 0) {
            const spreadText = taintedSpreads[0].expression.getText(sf);
            out.push({
              messageId: "duplicateReserved",
              data: { key, call: callText, arg: spreadText, sanitizer: m.sanitizerName },
              ...span(sf, p),
              exprPos: taintedSpreads[0].expression.getStart(sf),
              exprEnd: taintedSpreads[0].expression.getEnd(),
              suggestion: null,
            });
          }
        }
        continue;
      }
      const t = taintOf(a);
      if (!t) continue;
      if (t.kind === "private-literal") {
        out.push({ messageId: "privateKey", data: { key: t.key ?? "_", call: callText }, ...at, exprPos: -1, exprEnd: -1, suggestion: null });
        continue;
      }
      const messageId = t.kind === "params" ? "leakParams" : t.kind === "rest" ? "leakRest" : "leakCopy";
      const how = t.kind === "deleted" ? "a copy with only some keys deleted" : "a copy";
      out.push({
        messageId,
        data: { arg: argText, call: callText, reserved: reservedText(), sanitizer: m.sanitizerName, origin: t.origin, how },
        ...at,
        exprPos: arg.getStart(sf),
        exprEnd: arg.getEnd(),
        suggestion: wrap(arg),
      });
    }
  }

  const reservedText = () => (m.reservedKeys.length > 0 ? m.reservedKeys.map((k) => `\`${k}\``).join(", ") : "reserved keys");

  /** @param {ts.Expression} expr @returns {import("../types.js").Suggestion} */
  function wrap(expr) {
    const text = expr.getText(sf);
    return {
      messageId: "wrapInSanitizer",
      data: { sanitizer: m.sanitizerName },
      edits: [{ range: [expr.getStart(sf), expr.getEnd()], text: `${m.sanitizerName}(${text})` }],
    };
  }

  /** @param {ts.BindingName} name @param {Taint | null} from */
  function bindPattern(name, from) {
    if (ts.isIdentifier(name)) {
      assign(name.text, from);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (el.dotDotDotToken && ts.isIdentifier(el.name)) assign(el.name.text, from ? { kind: "rest", origin: from.origin } : null);
        else if (ts.isIdentifier(el.name)) {
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          // `({ params }: OperationContext)` or `const { params } = ctx`
          assign(el.name.text, prop === "params" && from === CONTEXT ? { kind: "params", origin: "params" } : null);
        } else bindPattern(el.name, null);
      }
    }
  }
  /** A marker taint for "this value is an operation context" (only used while binding patterns). */
  const CONTEXT = /** @type {Taint} */ ({ kind: "params", origin: "(context)" });

  /** @param {ts.Node} node */
  function visit(node) {
    if (ts.isFunctionLike(node)) {
      scopes.push(new Map());
      facades.push(new Set());
      contexts.push(new Set());
      for (const p of node.parameters) {
        const typeName = typeRefName(p.type);
        if (ts.isIdentifier(p.name)) {
          if (m.contextType(typeName)) contexts[contexts.length - 1].add(p.name.text);
          if (m.facadeName(typeName)) facades[facades.length - 1].add(p.name.text);
          scopes[scopes.length - 1].set(p.name.text, null);
        } else if (
          ts.isObjectBindingPattern(p.name) &&
          (m.contextType(typeName) || p.name.elements.some((e) => ts.isIdentifier(e.name) && e.name.text === "params" && !e.propertyName))
        ) {
          bindPattern(p.name, CONTEXT);
        }
      }
      ts.forEachChild(node, visit);
      scopes.pop();
      facades.pop();
      contexts.pop();
      return;
    }
    if ((ts.isPropertyDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && m.facadeName(typeRefName(node.type))) {
      facades[0].add(node.name.text);
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      visit(node.initializer);
      const init = unwrap(node.initializer);
      if (ts.isIdentifier(node.name)) {
        if (
          (ts.isNewExpression(init) && m.facadeName(calleeName(init.expression))) ||
          (ts.isCallExpression(init) && m.facadeFactory(calleeName(init.expression))) ||
          m.facadeName(typeRefName(node.type))
        ) {
          facades[facades.length - 1].add(node.name.text);
        }
      }
      const fromContext = ts.isIdentifier(init) && isContext(init.text) ? CONTEXT : null;
      bindPattern(node.name, fromContext ?? taintOf(init));
      return;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
      visit(node.right);
      assign(node.left.text, taintOf(node.right));
      return;
    }
    if (ts.isDeleteExpression(node)) {
      const target = unwrap(node.expression);
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && ts.isIdentifier(target.expression)) {
        const t = lookup(target.expression.text);
        if (t) assign(target.expression.text, { ...t, kind: "deleted" });
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const receiver = unwrap(node.expression.expression);
      const receiverName = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : "";
      const receiverIsFacade =
        (receiverName !== "" && isFacade(receiverName)) ||
        (ts.isCallExpression(receiver) && m.facadeFactory(calleeName(receiver.expression))) ||
        (ts.isNewExpression(receiver) && m.facadeName(calleeName(receiver.expression)));
      if (receiverIsFacade) checkSink(node, `${node.expression.expression.getText(sf)}.${node.expression.name.text}`);
    }
    ts.forEachChild(node, visit);
  }

  ts.forEachChild(sf, visit);
  return { leaks: out, facadeCalls };
}
