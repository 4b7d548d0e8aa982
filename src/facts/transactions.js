// Transaction-boundary candidates of one file, with a syntactic verdict on the receiver: is it a database
// handle ("db"), something else ("not-db"), or unknown ("ambiguous")? The type-aware pass (when there is type
// information) can overturn the verdict; the check decides what to report.
import ts from "../ts.js";
import { span } from "./span.js";

/** @typedef {import("../types.js").TransactionFact} TransactionFact */
/** @typedef {import("../types.js").TransactionMatchers} TransactionMatchers */
/** @typedef {import("../types.js").TxVerdict} TxVerdict */

/** Constructors and factories whose result is a database handle. */
const DB_FACTORIES = new Set(["PrismaClient", "Pool", "Client", "Kysely", "Sequelize", "DataSource", "MikroORM", "knex", "Knex", "drizzle", "createConnection", "createPool", "postgres", "connect", "getConnection", "createQueryRunner", "fork"]);

/** @param {ts.Expression} node @returns {ts.Expression} */
function unwrap(node) {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isAwaitExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

/** The name a receiver is known by: `trx` -> trx, `this.session` -> session, `deps.db` -> db, `orm.em` -> orm.em. @param {ts.Expression} node */
function receiverName(node) {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) {
    const base = unwrap(n.expression);
    if (ts.isIdentifier(base) && base.text === "orm" && n.name.text === "em") return "orm.em";
    return n.name.text;
  }
  if (ts.isCallExpression(n)) return receiverName(n.expression);
  return "";
}

/** The identifier a receiver chain starts from (`this.repo.git` -> this; `git.x` -> git). @param {ts.Expression} node @returns {string} */
function rootName(node) {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) return rootName(n.expression);
  return "";
}

/** Type annotation text without generics: `Knex.Transaction<any>` -> Knex.Transaction. @param {ts.TypeNode | undefined} t @param {ts.SourceFile} sf @returns {string} */
function typeName(t, sf) {
  if (!t) return "";
  if (ts.isTypeReferenceNode(t)) return t.typeName.getText(sf).replace(/\s+/g, "");
  if (ts.isUnionTypeNode(t)) return t.types.map((u) => typeName(u, sf)).find((x) => x && x !== "undefined" && x !== "null") ?? "";
  return t.getText(sf);
}

/** The first string of a call's arguments, with template literals taken by their head. @param {ts.Expression | undefined} arg */
function sqlText(arg) {
  if (!arg) return null;
  const n = unwrap(arg);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text;
  return null;
}

/**
 * @param {ts.SourceFile} sf
 * @param {TransactionMatchers} m
 * @param {Map<string, string>} importOrigins local binding -> module specifier
 */
export function createTransactionCollector(sf, m, importOrigins) {
  /** What is known about a name in this file: its type annotation or its initializer's origin. @type {Map<string, { verdict: TxVerdict, evidence: string }>} */
  const declared = new Map();
  /** `const { commit } = session`, `const c = tx.commit.bind(tx)`: local name -> method and receiver. @type {Map<string, { method: string, receiver: ts.Expression }>} */
  const aliases = new Map();
  /** @type {{ node: ts.Node, method: string, receiver: ts.Expression | null, form: string, sql: string | null }[]} */
  const calls = [];
  /** Query calls, judged on the nearest database handle in the receiver chain (`prisma.user.findMany`). @type {{ node: ts.Node, method: string, receiver: ts.Expression }[]} */
  const queries = [];
  /** @type {{ node: ts.Identifier, typeText: string }[]} */
  const handleDecls = [];
  /** Parameters of callbacks passed to a transaction call (`db.transaction(async (trx) => ...)`) are handles. */
  const callbackParams = new Set();
  /** The `transaction` names of `db.transaction()[.setIsolationLevel(...)].execute(...)` chains (Kysely). @type {Set<ts.Node>} */
  const kyselyChains = new Set();
  /** Types and classes this file declares itself. */
  const declaredTypes = new Set();
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) declaredTypes.add(st.name.text);
    if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) declaredTypes.add(st.name.text);
  }

  /** @param {string} name @param {TxVerdict} verdict @param {string} evidence */
  const note = (name, verdict, evidence) => {
    if (!declared.has(name) || verdict === "not-db") declared.set(name, { verdict, evidence });
  };

  /** @param {string} typeText @returns {{ verdict: TxVerdict, evidence: string } | null} */
  const fromType = (typeText) => {
    if (!typeText) return null;
    const head = typeText.split(".")[0];
    const last = typeText.split(".").pop() ?? "";
    if (m.localType(head) || m.localType(last)) return { verdict: "db", evidence: `typed ${typeText} (transactions.localTypes)` };
    const origin = importOrigins.get(head);
    if (origin && m.nonDbPackage(origin)) return { verdict: "not-db", evidence: `typed ${typeText} from ${origin}` };
    if (origin && m.dbPackage(origin)) return { verdict: "db", evidence: `typed ${typeText} from ${origin}` };
    // A well-known database type name counts only when it is not someone else's type of the same name: not
    // imported from another module, not declared in this file (effect's own `Pool` is no connection pool).
    if (origin || declaredTypes.has(head)) return null;
    if (m.dbType(typeText) || m.dbType(last)) return { verdict: "db", evidence: `typed ${typeText}` };
    return null;
  };

  /** @param {ts.Expression} init @returns {{ verdict: TxVerdict, evidence: string } | null} */
  const fromInitializer = (init) => {
    const n = unwrap(init);
    const callee = ts.isNewExpression(n) || ts.isCallExpression(n) ? n.expression : null;
    if (!callee) return null;
    const root = rootName(callee);
    const origin = importOrigins.get(root);
    if (origin && m.nonDbPackage(origin)) return { verdict: "not-db", evidence: `created by ${root} from ${origin}` };
    if (origin && m.dbPackage(origin)) return { verdict: "db", evidence: `created by ${root} from ${origin}` };
    const name = receiverName(/** @type {ts.Expression} */ (callee));
    if (DB_FACTORIES.has(name) && ts.isPropertyAccessExpression(callee)) {
      const base = verdictOf(callee.expression);
      if (base.verdict === "db") return { verdict: "db", evidence: `from ${base.evidence}` };
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(callee) && (m.genericMethod(callee.name.text) || m.specificMethod(callee.name.text))) {
      const base = verdictOf(callee.expression);
      if (base.verdict === "db") return { verdict: "db", evidence: `a transaction of ${base.evidence}` };
    }
    return null;
  };

  /**
   * @param {ts.Expression} receiver
   * @returns {{ verdict: TxVerdict, evidence: string }}
   */
  function verdictOf(receiver) {
    const name = receiverName(receiver);
    const root = rootName(receiver);
    const origin = importOrigins.get(root);
    if (origin && m.nonDbPackage(origin)) return { verdict: "not-db", evidence: `imported from ${origin}` };
    const known = declared.get(name) ?? (root !== "this" ? declared.get(root) : undefined);
    if (known?.verdict === "not-db") return known;
    if (origin && m.dbPackage(origin)) return { verdict: "db", evidence: `imported from ${origin}` };
    if (known) return known;
    if (callbackParams.has(name)) return { verdict: "db", evidence: `the transaction callback's ${name}` };
    if (m.nonDbReceiver(name)) return { verdict: "not-db", evidence: `named ${name}` };
    if (m.dbReceiver(name)) return { verdict: "db", evidence: `named ${name}` };
    return { verdict: "ambiguous", evidence: name ? `receiver ${name}` : "unknown receiver" };
  }

  /** @param {ts.Node} node */
  function visit(node) {
    // What names are: parameters and properties with type annotations, variables with initializers.
    if ((ts.isParameter(node) || ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node) || ts.isPropertySignature(node)) && ts.isIdentifier(node.name)) {
      const byType = fromType(typeName(node.type, sf));
      if (byType) note(node.name.text, byType.verdict, byType.evidence);
      if (byType?.verdict === "db" && (ts.isParameter(node) || ts.isPropertyDeclaration(node))) handleDecls.push({ node: node.name, typeText: typeName(node.type, sf) });
      else if (ts.isVariableDeclaration(node) && node.initializer) {
        const byInit = fromInitializer(node.initializer);
        if (byInit) note(node.name.text, byInit.verdict, byInit.evidence);
      }
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = unwrap(node.initializer);
      // const { commit, rollback: undo } = session
      if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : "";
          if (ts.isIdentifier(el.name) && isTxMethod(prop)) aliases.set(el.name.text, { method: prop, receiver: init });
        }
      } else if (ts.isIdentifier(node.name)) {
        // const c = tx.commit  |  const c = tx.commit.bind(tx)
        let target = init;
        if (ts.isCallExpression(target) && ts.isPropertyAccessExpression(target.expression) && target.expression.name.text === "bind") target = target.expression.expression;
        if (ts.isPropertyAccessExpression(target) && isTxMethod(target.name.text)) aliases.set(node.name.text, { method: target.name.text, receiver: target.expression });
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "execute") {
        // Walk down the chain under `.execute(...)` to a `.transaction()` without arguments.
        let inner = callee.expression;
        for (let i = 0; i < 4 && ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression); i++) {
          if (inner.expression.name.text === "transaction" && inner.arguments.length === 0) {
            kyselyChains.add(inner.expression.name);
            break;
          }
          inner = inner.expression.expression;
        }
      }
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (m.queryMethod(method)) queries.push({ node: callee.name, method, receiver: callee.expression });
        if (isTxMethod(method)) {
          calls.push({ node: callee.name, method, receiver: callee.expression, form: `${method}()`, sql: null });
          // Callback parameters of a transaction call are transaction handles.
          for (const arg of node.arguments) {
            if ((ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && arg.parameters[0] && ts.isIdentifier(arg.parameters[0].name)) callbackParams.add(arg.parameters[0].name.text);
          }
        }
        const sql = m.sqlMethod(callee.name.text) ? sqlText(node.arguments[0]) : null;
        const prefix = sql !== null ? m.rawSql(sql) : null;
        if (prefix && node.arguments[0]) calls.push({ node: node.arguments[0], method: callee.name.text, receiver: callee.expression, form: `raw SQL ${prefix}`, sql });
      } else if (ts.isIdentifier(callee)) {
        const alias = aliases.get(callee.text);
        if (alias) calls.push({ node: callee, method: alias.method, receiver: alias.receiver, form: `${alias.method}() through the alias ${callee.text}`, sql: null });
      }
    } else if (ts.isTaggedTemplateExpression(node)) {
      // sql`BEGIN` (Kysely, Drizzle, postgres.js)
      const text = ts.isNoSubstitutionTemplateLiteral(node.template) ? node.template.text : node.template.head.text;
      const prefix = m.rawSql(text);
      if (prefix) calls.push({ node: node.template, method: "sql", receiver: null, form: `raw SQL ${prefix}`, sql: text });
    }
  }

  /** @param {string} method */
  function isTxMethod(method) {
    return m.specificMethod(method) || m.genericMethod(method) || m.flushMethod(method);
  }

  /**
   * The receiver chain's nearest database handle: `prisma.user` -> prisma, `this.db` -> db.
   * @param {ts.Expression} receiver
   */
  function handleOf(receiver) {
    let r = unwrap(receiver);
    for (let depth = 0; depth < 4; depth++) {
      const v = verdictOf(r);
      // Up the chain (`prisma.user.findMany`), a name alone is not enough: `pool.invalidated.delete(k)` is a Set.
      if (v.verdict !== "ambiguous" && (depth === 0 || !v.evidence.startsWith("named"))) return { expr: r, ...v };
      if (!ts.isPropertyAccessExpression(r) && !ts.isCallExpression(r)) break;
      const next = unwrap(r.expression);
      if (next.kind === ts.SyntaxKind.ThisKeyword) break;
      r = next;
    }
    return { expr: unwrap(receiver), ...verdictOf(receiver) };
  }

  /** @returns {{ dbCalls: TransactionFact[], dbHandles: import("../types.js").FileFacts["dbHandles"] }} */
  function finishDataAccess() {
    /** @type {TransactionFact[]} */
    const dbCalls = [];
    // One query chain is one finding: `db.selectFrom(t).selectAll().execute()` is reported at selectFrom only.
    const inChain = (/** @type {typeof queries[number]} */ q) => queries.some((o) => o !== q && o.node.pos >= q.receiver.pos && o.node.end <= q.receiver.end);
    for (const q of queries) {
      if (inChain(q)) continue;
      const h = handleOf(q.receiver);
      if (h.verdict === "not-db") continue;
      dbCalls.push({
        form: `${q.receiver.getText(sf).replace(/\s+/g, " ")}.${q.method}()`,
        method: q.method,
        receiver: h.expr.getText(sf).replace(/\s+/g, " "),
        verdict: h.verdict,
        evidence: h.evidence,
        receiverPos: h.expr.getStart(sf),
        receiverEnd: h.expr.getEnd(),
        ...span(sf, q.node),
      });
    }
    const dbHandles = handleDecls.map((h) => ({ name: h.node.text, typeText: h.typeText, evidence: declared.get(h.node.text)?.evidence ?? `typed ${h.typeText}`, ...span(sf, h.node) }));
    return { dbCalls, dbHandles };
  }

  /** @returns {TransactionFact[]} */
  function finish() {
    /** @type {TransactionFact[]} */
    const out = [];
    for (const c of calls) {
      const at = span(sf, c.node);
      const receiverText = c.receiver ? c.receiver.getText(sf).replace(/\s+/g, " ") : "";
      const base = c.receiver ? verdictOf(c.receiver) : { verdict: /** @type {TxVerdict} */ ("ambiguous"), evidence: "" };
      /** @type {TxVerdict} */
      let verdict;
      let evidence = base.evidence;
      let form = c.form;
      if (c.sql !== null) {
        // SQL text that begins or ends a transaction is one, whatever runs it (a string logged is not a call).
        verdict = base.verdict === "not-db" ? "not-db" : "db";
        evidence = evidence || "SQL text";
      } else if (m.specificMethod(c.method)) {
        verdict = base.verdict === "not-db" ? "not-db" : "db";
        form = describeSpecific(c.method, c.form);
      } else if (m.flushMethod(c.method)) {
        const name = c.receiver ? receiverName(c.receiver) : "";
        verdict = base.verdict === "not-db" ? "not-db" : m.entityManager(name) || /mikro-orm/.test(evidence) ? "db" : "ambiguous";
        form = `MikroORM ${c.form}`;
      } else {
        verdict = base.verdict;
        if (c.method === "transaction" && kyselyChains.has(c.node)) form = "Kysely transaction().execute()";
      }
      out.push({
        form,
        method: c.method,
        receiver: receiverText,
        verdict,
        evidence,
        receiverPos: c.receiver ? c.receiver.getStart(sf) : -1,
        receiverEnd: c.receiver ? c.receiver.getEnd() : -1,
        ...at,
      });
    }
    return out;
  }

  return { visit, finish, finishDataAccess };
}

/** @param {string} method @param {string} fallback */
function describeSpecific(method, fallback) {
  switch (method) {
    case "$transaction": return "Prisma $transaction()";
    case "transactional": return "MikroORM transactional()";
    case "startTransaction": case "commitTransaction": case "rollbackTransaction": return `TypeORM queryRunner.${method}()`;
    case "beginTransaction": return "beginTransaction()";
    default: return fallback;
  }
}

