// Where an invariant checker passes when a fact is missing (hoc/invariant-fail-closed). An invariant that reads
// `integration_exists` with a default of `true` passes for a context that simply lacks the fact: absence must
// fail. Facts are data keys, so which reads are "existence, status or permission facts" is decided by their name
// (`invariants.factNames`, documented); what counts as passing or failing is decided by the returned value.
import ts from "../ts.js";
import { span } from "./span.js";

/** @typedef {import("../types.js").FailOpenFact} FailOpenFact */

const PASS_KEYS = ["pass", "passed", "ok", "valid", "allowed", "success", "holds"];

/** @param {ts.Node} node @returns {ts.Node} */
function unwrap(node) {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

/**
 * What a value says about the check: "pass", "fail", or null (it says neither).
 * @param {ts.Node | undefined} node
 * @returns {"pass" | "fail" | null}
 */
export function verdictOf(node) {
  if (!node) return null;
  const n = unwrap(node);
  if (n.kind === ts.SyntaxKind.TrueKeyword) return "pass";
  if (n.kind === ts.SyntaxKind.FalseKeyword) return "fail";
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
    if (/^(pass|passed|ok|allow|allowed|valid)$/i.test(n.text)) return "pass";
    if (/^(fail|failed|deny|denied|invalid|violation)$/i.test(n.text)) return "fail";
    return null;
  }
  if (ts.isObjectLiteralExpression(n)) {
    for (const p of n.properties) {
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && PASS_KEYS.includes(p.name.text)) return verdictOf(p.initializer);
    }
  }
  return null;
}

/**
 * The fact a read names: `ctx.exists` -> exists, `facts["integration_exists"]` -> integration_exists,
 * `ctx.get("exists")` -> exists.
 * @param {ts.Node} node
 * @returns {string | null}
 */
function factRead(node) {
  const n = unwrap(node);
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression)) return n.argumentExpression.text;
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isCallExpression(n) && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) return n.arguments[0].text;
  return null;
}

/**
 * Is this a test of a fact's absence (true when it is missing)? `x === undefined`, `x == null`,
 * `typeof x === "undefined"`, `!("x" in ctx)`, `!ctx.has("x")`.
 * @param {ts.Node} node
 * @param {(name: string) => boolean} isFact
 * @returns {string | null} the fact
 */
function absenceTest(node, isFact) {
  const n = unwrap(node);
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) return presenceTest(n.operand, isFact);
  if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(n.operatorToken.kind)) {
    const [a, b] = [unwrap(n.left), unwrap(n.right)];
    const nothing = (/** @type {ts.Node} */ x) =>
      x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === "undefined") || (ts.isStringLiteral(x) && x.text === "undefined");
    const read = (/** @type {ts.Node} */ x) => (ts.isTypeOfExpression(x) ? factRead(x.expression) : factRead(x));
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      const f = read(x);
      if (nothing(y) && f && isFact(f)) return f;
    }
  }
  return null;
}

/**
 * Is this a test of a fact's presence? `x !== undefined`, `x != null`, `"x" in ctx`, `ctx.has("x")`.
 * @param {ts.Node} node
 * @param {(name: string) => boolean} isFact
 * @returns {string | null}
 */
function presenceTest(node, isFact) {
  const n = unwrap(node);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword && ts.isStringLiteral(n.left))
    return isFact(n.left.text) ? n.left.text : null;
  if (
    ts.isCallExpression(n) &&
    ts.isPropertyAccessExpression(n.expression) &&
    n.expression.name.text === "has" &&
    n.arguments[0] &&
    ts.isStringLiteral(n.arguments[0])
  ) {
    return isFact(n.arguments[0].text) ? n.arguments[0].text : null;
  }
  if (ts.isBinaryExpression(n) && [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(n.operatorToken.kind)) {
    const flipped = ts.factory.createBinaryExpression(n.left, ts.SyntaxKind.EqualsEqualsEqualsToken, n.right);
    return absenceTest(flipped, isFact);
  }
  return null;
}

/** Does a statement end the check with a failure (`return false`, `return { passed: false }`, `throw`)? @param {ts.Statement} st */
function fails(st) {
  if (ts.isThrowStatement(st)) return true;
  if (ts.isReturnStatement(st)) return verdictOf(st.expression) === "fail";
  if (ts.isBlock(st)) return st.statements.some(fails);
  return false;
}

/** Does a statement end the check with a pass? @param {ts.Statement} st @returns {boolean} */
function passes(st) {
  if (ts.isReturnStatement(st)) return verdictOf(st.expression) === "pass";
  if (ts.isBlock(st)) return st.statements.length > 0 && passes(st.statements[st.statements.length - 1]);
  return false;
}

/**
 * The fail-open patterns inside one checker function (or the invariants module's dispatch).
 * @param {ts.Node} fn a function-like node
 * @param {ts.SourceFile} sf
 * @param {(name: string) => boolean} isFact
 * @returns {FailOpenFact[]}
 */
export function failOpenIn(fn, sf, isFact) {
  /** @type {FailOpenFact[]} */
  const out = [];
  /** @param {FailOpenFact["kind"]} kind @param {string} fact @param {ts.Node} at @param {string} [shown] */
  const add = (kind, fact, at, shown) => {
    const text = (shown ?? at.getText(sf)).replace(/\s+/g, " ");
    out.push({ kind, fact, text: text.length > 70 ? `${text.slice(0, 67)}...` : text, ...span(sf, at) });
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      // ctx.exists ?? true, ctx.exists || true
      if ((op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) && verdictOf(node.right) === "pass") {
        const f = factRead(node.left);
        if (f && isFact(f)) add("fallbackPasses", f, node);
      }
      // ctx.status === undefined || …: absence makes the condition true
      if (op === ts.SyntaxKind.BarBarToken) {
        const f = absenceTest(node.left, isFact);
        if (f) add("absencePasses", f, node.left);
      }
    } else if (ts.isCallExpression(node)) {
      // ctx.get("exists", true), getFact(ctx, "exists", true)
      const nameArg = node.arguments.findIndex((a) => ts.isStringLiteral(a) && isFact(a.text));
      if (nameArg >= 0 && node.arguments.slice(nameArg + 1).some((a) => verdictOf(a) === "pass"))
        add("defaultPasses", /** @type {ts.StringLiteral} */ (node.arguments[nameArg]).text, node);
    } else if (ts.isBindingElement(node) && node.initializer && verdictOf(node.initializer) === "pass") {
      // const { exists = true } = ctx
      const name = node.propertyName && ts.isIdentifier(node.propertyName) ? node.propertyName.text : ts.isIdentifier(node.name) ? node.name.text : null;
      if (name && isFact(name)) add("defaultPasses", name, node);
    } else if (ts.isIfStatement(node)) {
      // if (ctx.exists !== undefined && !ctx.exists) return fail: the check runs only when the fact is present
      const cond = unwrap(node.expression);
      if (ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && fails(node.thenStatement)) {
        const f = presenceTest(cond.left, isFact);
        if (f) add("onlyWhenPresent", f, cond.left);
      }
    } else if (ts.isSwitchStatement(node)) {
      // switch (operation) { case "x.y": …; default: return { passed: true } }
      const subject = factRead(node.expression) ?? "";
      const opSwitch = /^(op|operation|operationName|opName|name)$/i.test(subject) && node.caseBlock.clauses.some(ts.isCaseClause);
      const dflt = node.caseBlock.clauses.find(ts.isDefaultClause);
      const passing = dflt?.statements.find(passes);
      if (opSwitch && dflt && passing) add("unknownOperationPasses", subject, dflt, `default: ${passing.getText(sf)}`);
    }
    if (ts.isFunctionLike(node) && node !== fn) return; // nested functions are checked on their own
    ts.forEachChild(node, visit);
  };
  visit(fn);
  // const check = CHECKS[operation]; if (!check) return { passed: true }: the catch-all passes what it does not know
  ts.forEachChild(fn, function lookups(node) {
    if (ts.isIfStatement(node)) {
      const cond = unwrap(node.expression);
      if (
        ts.isPrefixUnaryExpression(cond) &&
        cond.operator === ts.SyntaxKind.ExclamationToken &&
        ts.isIdentifier(unwrap(cond.operand)) &&
        passes(node.thenStatement)
      ) {
        const name = /** @type {ts.Identifier} */ (unwrap(cond.operand)).text;
        if (/check|handler|rule|invariant/i.test(name)) add("unknownOperationPasses", name, node);
      }
    }
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, lookups);
  });
  return out;
}
