// Facts of the data models a file declares, read off the AST: which class or table definition is a model is
// decided by what the code imports (a decorator or table function from the ORM's own package), never by a name.
// TypeORM, MikroORM, Sequelize (Model.init, sequelize.define, associations), sequelize-typescript and Drizzle;
// Prisma's schema files are read by src/facts/prisma.js into the same shape. Nothing here is executed.
import ts from "../ts.js";
import { span } from "./span.js";
import { own } from "../own.js";

/** @typedef {import("../types.js").ModelFact} ModelFact */
/** @typedef {import("../types.js").ColumnFact} ColumnFact */
/** @typedef {import("../types.js").RelationFact} RelationFact */
/** @typedef {import("../types.js").AssociationFact} AssociationFact */
/** @typedef {import("../types.js").ImportFact} ImportFact */
/** @typedef {import("../types.js").Orm} Orm */
/** @typedef {{ orm: Orm, name: string }} OrmBinding what an imported name is: which ORM, and its exported name */

/**
 * The ORM a module specifier belongs to, or null.
 * @param {string} spec
 * @returns {Orm | null}
 */
export function ormOf(spec) {
  if (spec === "typeorm") return "typeorm";
  if (spec.startsWith("@mikro-orm/")) return "mikro-orm";
  if (spec === "sequelize-typescript") return "sequelize-typescript";
  if (spec === "sequelize" || spec === "@sequelize/core") return "sequelize";
  if (spec === "drizzle-orm" || spec.startsWith("drizzle-orm/")) return "drizzle";
  return null;
}

const CLASS_MODEL_DECORATORS = new Set(["Entity", "Table"]);
const COLUMN_DECORATORS = new Set([
  "Column",
  "PrimaryColumn",
  "PrimaryGeneratedColumn",
  "CreateDateColumn",
  "UpdateDateColumn",
  "DeleteDateColumn",
  "VersionColumn",
  "Property",
  "PrimaryKey",
  "Enum",
]);
/** Decorators that make a property a relation, by ORM spelling. */
const RELATION_DECORATORS = /** @type {Record<string, RelationFact["kind"]>} */ ({
  ManyToOne: "many-to-one",
  OneToMany: "one-to-many",
  OneToOne: "one-to-one",
  ManyToMany: "many-to-many",
  BelongsTo: "belongs-to",
  HasMany: "has-many",
  HasOne: "has-one",
  BelongsToMany: "belongs-to-many",
});
const ASSOCIATION_METHODS = /** @type {Record<string, AssociationFact["kind"]>} */ ({
  belongsTo: "belongs-to",
  hasMany: "has-many",
  hasOne: "has-one",
  belongsToMany: "belongs-to-many",
});
const DRIZZLE_TABLES = new Set(["pgTable", "mysqlTable", "sqliteTable", "singlestoreTable", "gelTable"]);
const DRIZZLE_TABLE_FACTORIES = new Set(["pgTableCreator", "mysqlTableCreator", "sqliteTableCreator", "pgSchema", "mysqlSchema"]);
/** Drizzle column builders that make a plain string column (unless given `{ enum: [...] }`). */
const DRIZZLE_STRINGS = new Set(["text", "varchar", "char", "citext"]);
/** Sequelize data types that are plain strings. */
const SEQUELIZE_STRINGS = new Set(["STRING", "TEXT", "CHAR", "CITEXT"]);
/** Column `type` values (TypeORM, MikroORM, EntitySchema) that are plain strings. */
const STRING_COLUMN_TYPES = new Set(["varchar", "text", "char", "string", "character varying", "nvarchar", "citext", "String"]);

/** @param {ts.Expression} e */
function unwrap(e) {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** @param {ts.Node | undefined} node */
function literal(node) {
  if (!node) return null;
  const e = ts.isExpression(node) ? unwrap(node) : node;
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : null;
}

/** @param {ts.PropertyName | ts.BindingName} name */
function propName(name) {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) || ts.isNumericLiteral(name) ? name.text : null;
}

/**
 * The properties of an object literal, by name.
 * @param {ts.Node | undefined} node
 * @returns {Map<string, ts.Expression>}
 */
function objectProps(node) {
  /** @type {Map<string, ts.Expression>} */
  const out = new Map();
  const e = node && ts.isExpression(node) ? unwrap(node) : node;
  if (!e || !ts.isObjectLiteralExpression(e)) return out;
  for (const p of e.properties) {
    if (ts.isPropertyAssignment(p)) {
      const n = propName(p.name);
      if (n !== null) out.set(n, p.initializer);
    } else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
  }
  return out;
}

/** @param {ts.Expression | undefined} e */
function isTrue(e) {
  return !!e && unwrap(e).kind === ts.SyntaxKind.TrueKeyword;
}

/**
 * The model an expression names: `() => User`, `(type) => User`, `"User"`, `User`, `users.id` (Drizzle).
 * @param {ts.Expression | undefined} e
 * @param {(local: string) => string} original the exported name of an imported binding
 * @returns {string | null}
 */
function targetName(e, original) {
  if (!e) return null;
  e = unwrap(e);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    const body = e.body;
    if (ts.isBlock(body)) {
      const ret = body.statements.find(ts.isReturnStatement);
      return ret?.expression ? targetName(ret.expression, original) : null;
    }
    return targetName(body, original);
  }
  const lit = literal(e);
  if (lit !== null) return lit;
  if (ts.isIdentifier(e)) return original(e.text);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) return original(e.expression.text);
  return null;
}

/**
 * The property an inverse-side function or string names: `(user) => user.posts`, `"posts"`.
 * @param {ts.Expression | undefined} e
 * @returns {string | null}
 */
function inverseName(e) {
  if (!e) return null;
  e = unwrap(e);
  const lit = literal(e);
  if (lit !== null) return lit;
  if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && !ts.isBlock(e.body)) {
    const body = unwrap(e.body);
    if (ts.isPropertyAccessExpression(body)) return body.name.text;
    if (ts.isElementAccessExpression(body)) return literal(body.argumentExpression);
  }
  return null;
}

/**
 * How a property's own type annotation declares it nullable: `x?:`, `x: T | null`, `x: T | undefined`.
 * @param {ts.PropertyDeclaration} p
 */
function typeNullability(p) {
  if (p.questionToken) return "optional property (`?`)";
  const t = p.type;
  if (t && ts.isUnionTypeNode(t)) {
    for (const m of t.types) {
      if (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword) return "`| null` in its type";
      if (m.kind === ts.SyntaxKind.UndefinedKeyword) return "`| undefined` in its type";
    }
  }
  return null;
}

/**
 * Is a property's type annotation a plain `string` (possibly `| null`)?
 * @param {ts.TypeNode | undefined} t
 */
function isPlainStringType(t) {
  if (!t) return false;
  if (t.kind === ts.SyntaxKind.StringKeyword) return true;
  if (ts.isUnionTypeNode(t)) {
    const rest = t.types.filter((m) => !(ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword) && m.kind !== ts.SyntaxKind.UndefinedKeyword);
    return rest.length === 1 && rest[0].kind === ts.SyntaxKind.StringKeyword;
  }
  return false;
}

/**
 * `DataTypes.STRING`, `DataType.STRING(32)`, `DataTypes.TEXT`: the Sequelize type name, or null.
 * @param {ts.Expression | undefined} e
 */
function sequelizeTypeName(e) {
  if (!e) return null;
  e = unwrap(e);
  if (ts.isCallExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && /^DataTypes?$/.test(e.expression.text)) return e.name.text;
  return null;
}

/**
 * @param {ts.SourceFile} sf
 * @param {ImportFact[]} imports
 * @returns {{ models: ModelFact[], associations: AssociationFact[] }}
 */
export function extractModels(sf, imports) {
  /** @type {Map<string, OrmBinding>} local name -> ORM export */
  const bound = new Map();
  /** @type {Map<string, Orm>} namespace import -> ORM */
  const namespaces = new Map();
  /** @type {Map<string, string>} local -> exported name, for every named import (to name a relation's target) */
  const exported = new Map();
  let sequelizeFile = false;
  for (const imp of imports) {
    for (const n of imp.names ?? []) if (n.imported !== "default") exported.set(n.local, n.imported);
    const orm = ormOf(imp.specifier);
    if (!orm) continue;
    if (orm === "sequelize" || orm === "sequelize-typescript") sequelizeFile = true;
    if (imp.namespace) namespaces.set(imp.namespace, orm);
    for (const n of imp.names ?? []) bound.set(n.local, { orm, name: n.imported });
  }
  /** @type {ModelFact[]} */
  const models = [];
  /** @type {AssociationFact[]} */
  const associations = [];
  // Associations are often declared in a file of their own that imports only the models (`relations.ts`): such a
  // file is read too, when its text has an association call at all.
  const associationFile = !sequelizeFile && /\.(?:belongsTo|hasMany|hasOne|belongsToMany)\s*\(/.test(sf.text);
  if (bound.size === 0 && namespaces.size === 0 && !associationFile) return { models, associations };

  const original = (/** @type {string} */ local) => exported.get(local) ?? local;
  /**
   * What an expression names, if it is an ORM export: `Entity`, `typeorm.Entity`.
   * @param {ts.Expression} e
   * @returns {OrmBinding | null}
   */
  const ormRef = (e) => {
    e = unwrap(e);
    if (ts.isIdentifier(e)) return bound.get(e.text) ?? null;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const orm = namespaces.get(e.expression.text);
      if (orm) return { orm, name: e.name.text };
    }
    return null;
  };
  /** @type {Map<string, string>} module-level string constants, for `@Entity(TABLE_NAME)` */
  const constants = new Map();
  /** @type {Map<string, OrmBinding>} locals made by Drizzle table factories: `const table = pgTableCreator(...)` */
  const tableFactories = new Map();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const lit = literal(d.initializer);
      if (lit !== null) constants.set(d.name.text, lit);
      const init = unwrap(d.initializer);
      if (ts.isCallExpression(init)) {
        const ref = ormRef(init.expression);
        if (ref && ref.orm === "drizzle" && DRIZZLE_TABLE_FACTORIES.has(ref.name)) tableFactories.set(d.name.text, ref);
      }
    }
  }
  /**
   * A table name as given: a literal, a module constant, or computed (value null).
   * @param {ts.Expression} e
   */
  const tableName = (e) => {
    const u = unwrap(e);
    const value = literal(u) ?? (ts.isIdentifier(u) ? (constants.get(u.text) ?? null) : null);
    return { value, ...span(sf, e) };
  };

  /** @type {Map<string, ModelFact>} classes extending a Sequelize Model, for `X.init(...)` */
  const sequelizeClasses = new Map();
  /** @type {Map<string, Map<string, { target: string | null, at: import("../types.js").Span }>>} their `ForeignKey<…>` properties */
  const sequelizeForeignKeys = new Map();

  /**
   * Properties typed `ForeignKey<User["id"]>` (Sequelize's type), by name, with the model they point at.
   * @param {ts.ClassDeclaration | ts.ClassExpression} cls
   */
  const declaredForeignKeys = (cls) => {
    /** @type {Map<string, { target: string | null, at: import("../types.js").Span }>} */
    const out = new Map();
    for (const m of cls.members) {
      if (!ts.isPropertyDeclaration(m) || !m.type || !ts.isTypeReferenceNode(m.type) || !ts.isIdentifier(m.type.typeName)) continue;
      const ref = bound.get(m.type.typeName.text);
      const prop = m.name && propName(m.name);
      if (!ref || ref.name !== "ForeignKey" || !prop) continue;
      const arg = m.type.typeArguments?.[0];
      // `User["id"]`, `User`: the model named first.
      const named = arg && ts.isIndexedAccessTypeNode(arg) ? arg.objectType : arg;
      const target = named && ts.isTypeReferenceNode(named) && ts.isIdentifier(named.typeName) ? original(named.typeName.text) : null;
      out.set(prop, { target, at: span(sf, m.name) });
    }
    return out;
  };

  /** @param {ts.ClassDeclaration | ts.ClassExpression} cls @param {string} name */
  const readClass = (cls, name) => {
    /** @type {{ ref: OrmBinding, call: ts.CallExpression | null, node: ts.Decorator } | null} */
    let modelDecorator = null;
    for (const dec of ts.getDecorators(cls) ?? []) {
      const call = ts.isCallExpression(dec.expression) ? dec.expression : null;
      const ref = ormRef(call ? call.expression : dec.expression);
      if (ref && CLASS_MODEL_DECORATORS.has(ref.name)) modelDecorator = { ref, call, node: dec };
    }
    const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const baseRef = base ? ormRef(base) : null;
    const at = cls.name ? span(sf, cls.name) : span(sf, cls);
    if (!modelDecorator) {
      // `class User extends Model {}` from sequelize: a model once `User.init(...)` says so.
      if (baseRef && baseRef.orm === "sequelize" && baseRef.name === "Model") {
        sequelizeClasses.set(name, { orm: "sequelize", name, form: "Model.init", table: null, columns: [], relations: [], ...at });
        sequelizeForeignKeys.set(name, declaredForeignKeys(cls));
      }
      return;
    }
    const { ref, call } = modelDecorator;
    /** @type {ModelFact} */
    const model = { orm: ref.orm, name, form: `@${ref.name}() class`, table: null, columns: [], relations: [], ...at };
    const arg = call?.arguments[0];
    if (arg) {
      const opts = objectProps(arg);
      if (ts.isObjectLiteralExpression(unwrap(arg))) {
        const t = opts.get("tableName") ?? (ref.orm === "typeorm" ? opts.get("name") : undefined) ?? opts.get("collection");
        if (t) model.table = tableName(t);
      } else model.table = tableName(arg);
    }
    for (const m of cls.members) {
      if (!ts.isPropertyDeclaration(m) || !m.name) continue;
      const prop = propName(m.name);
      if (prop === null) continue;
      readProperty(model, m, prop);
    }
    models.push(model);
  };

  /**
   * A decorated property: a column, a relation, or a foreign key (sequelize-typescript's `@ForeignKey`).
   * @param {ModelFact} model
   * @param {ts.PropertyDeclaration} m
   * @param {string} prop
   */
  const readProperty = (model, m, prop) => {
    /** @type {ColumnFact | null} */
    let column = null;
    /** @type {RelationFact | null} */
    let relation = null;
    let references = null;
    let allowNull = null;
    /** @type {string | null} */
    let joinColumn = null;
    let enumLike = false;
    for (const dec of ts.getDecorators(m) ?? []) {
      const call = ts.isCallExpression(dec.expression) ? dec.expression : null;
      const ref = ormRef(call ? call.expression : dec.expression);
      if (!ref) continue;
      const args = call?.arguments ?? ts.factory.createNodeArray();
      const at = span(sf, m.name);
      if (COLUMN_DECORATORS.has(ref.name)) {
        const opts = objectProps(args.find((a) => ts.isObjectLiteralExpression(unwrap(a))));
        const typeArg = args[0] && !ts.isObjectLiteralExpression(unwrap(args[0])) ? args[0] : opts.get("type");
        const seqType = sequelizeTypeName(typeArg);
        const typeLit = literal(typeArg);
        if (ref.name === "Enum" || opts.has("enum") || opts.has("items") || typeLit === "enum" || seqType === "ENUM") enumLike = true;
        const explicitString = (seqType !== null && SEQUELIZE_STRINGS.has(seqType)) || (typeLit !== null && STRING_COLUMN_TYPES.has(typeLit));
        const nullable = isTrue(opts.get("nullable")) ? "`nullable: true`" : isTrue(opts.get("allowNull")) ? "`allowNull: true`" : null;
        // The property's own type decides when it has one (`status: OrderStatus` is a union even over a varchar).
        const declared = m.type ? (isPlainStringType(m.type) ? "`string`" : null) : undefined;
        column = {
          name: prop,
          nullable,
          plainString:
            declared !== undefined
              ? declared && (explicitString ? (seqType ? `DataType.${seqType}` : `type "${typeLit}"`) : declared)
              : explicitString
                ? seqType
                  ? `DataType.${seqType}`
                  : `type "${typeLit}"`
                : null,
          references: null,
          ...at,
        };
      } else if (own(RELATION_DECORATORS, ref.name)) {
        const kind = /** @type {RelationFact["kind"]} */ (own(RELATION_DECORATORS, ref.name));
        const first = args[0] && ts.isObjectLiteralExpression(unwrap(args[0])) ? undefined : args[0];
        const opts = objectProps(args.find((a) => ts.isObjectLiteralExpression(unwrap(a))));
        const target = targetName(first ?? opts.get("entity") ?? opts.get("target"), original);
        // TypeORM/MikroORM name the inverse side as the second argument or `inversedBy`/`mappedBy`;
        // sequelize-typescript's second argument is the foreign key (`@BelongsTo(() => User, "authorId")`).
        const sequelizeTs = model.orm === "sequelize-typescript";
        const second = args[1] && !ts.isObjectLiteralExpression(unwrap(args[1])) ? args[1] : undefined;
        const inverse = sequelizeTs ? null : (inverseName(second) ?? inverseName(opts.get("inversedBy")) ?? inverseName(opts.get("mappedBy")));
        const fk = sequelizeTs ? (literal(second) ?? literal(opts.get("foreignKey"))) : null;
        relation = {
          property: prop,
          kind,
          target,
          inverse,
          foreignKey: fk,
          nullable: isTrue(opts.get("nullable")) ? "`nullable: true`" : null,
          ...at,
        };
      } else if (ref.name === "JoinColumn") {
        const opts = objectProps(args[0]);
        joinColumn = literal(opts.get("name"));
      } else if (ref.name === "ForeignKey") {
        references = targetName(args[0], original);
      } else if (ref.name === "AllowNull") {
        allowNull = args.length === 0 || isTrue(args[0]);
      }
    }
    const fromType = typeNullability(m);
    if (column) {
      if (enumLike) column.plainString = null;
      if (!column.nullable && allowNull) column.nullable = "`@AllowNull`";
      if (!column.nullable && fromType) column.nullable = fromType;
      column.references = references;
      model.columns.push(column);
    } else if (references) {
      // `@ForeignKey(() => User) userId` without its own @Column decorator in view: still a column.
      model.columns.push({ name: prop, nullable: allowNull ? "`@AllowNull`" : fromType, plainString: null, references, ...span(sf, m.name) });
    }
    if (relation) {
      if (!relation.nullable && fromType && (relation.kind === "many-to-one" || relation.kind === "one-to-one")) relation.nullable = fromType;
      if (joinColumn) relation.foreignKey = joinColumn;
      model.relations.push(relation);
    }
  };

  /**
   * Columns of an attributes object: Sequelize (`status: DataTypes.STRING`, `{ type, allowNull, references }`),
   * EntitySchema / defineEntity (`{ type: String, nullable: true }`).
   * @param {ModelFact} model
   * @param {ts.Expression | undefined} attrs
   */
  const readAttributeColumns = (model, attrs) => {
    const e = attrs && unwrap(attrs);
    if (!e || !ts.isObjectLiteralExpression(e)) return;
    for (const p of e.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propName(p.name);
      if (name === null) continue;
      const init = unwrap(p.initializer);
      const opts = objectProps(init);
      const typeExpr = ts.isObjectLiteralExpression(init) ? opts.get("type") : init;
      const seqType = sequelizeTypeName(typeExpr);
      const typeLit = literal(typeExpr);
      const typeIdent = typeExpr && ts.isIdentifier(unwrap(typeExpr)) ? /** @type {ts.Identifier} */ (unwrap(typeExpr)).text : null;
      const enumLike = opts.has("enum") || opts.has("items") || typeLit === "enum" || seqType === "ENUM" || opts.has("values");
      const plain =
        !enumLike && ((seqType !== null && SEQUELIZE_STRINGS.has(seqType)) || (typeLit !== null && STRING_COLUMN_TYPES.has(typeLit)) || typeIdent === "String");
      const refs = objectProps(opts.get("references"));
      model.columns.push({
        name,
        nullable: isTrue(opts.get("allowNull")) ? "`allowNull: true`" : isTrue(opts.get("nullable")) ? "`nullable: true`" : null,
        plainString: plain ? (seqType ? `DataTypes.${seqType}` : typeIdent === "String" ? "`String`" : `type "${typeLit}"`) : null,
        references: refs.has("model") ? targetName(refs.get("model"), original) : null,
        ...span(sf, p.name),
      });
    }
  };

  /**
   * Drizzle: `pgTable("users", { id: uuid("id").primaryKey(), status: text("status").notNull() })`.
   * @param {ModelFact} model
   * @param {ts.Expression | undefined} cols
   */
  const readDrizzleColumns = (model, cols) => {
    let e = cols && unwrap(cols);
    // `pgTable("t", (t) => ({ ... }))`: the column builder callback.
    if (e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && !ts.isBlock(e.body)) e = unwrap(e.body);
    if (!e || !ts.isObjectLiteralExpression(e)) return;
    for (const p of e.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propName(p.name);
      if (name === null) continue;
      /** @type {string[]} */
      const chain = [];
      let references = null;
      let builder = null;
      let builderArgs = /** @type {readonly ts.Expression[]} */ ([]);
      let x = unwrap(p.initializer);
      while (ts.isCallExpression(x)) {
        const callee = unwrap(x.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          chain.push(callee.name.text);
          if (callee.name.text === "references") references = targetName(x.arguments[0], original);
          x = unwrap(callee.expression);
        } else {
          builder = ts.isIdentifier(callee) ? callee.text : null;
          builderArgs = x.arguments;
          if (ts.isIdentifier(callee)) builder = bound.get(callee.text)?.name ?? callee.text;
          break;
        }
      }
      if (builder === null) continue;
      const opts = objectProps(builderArgs.find((a) => ts.isObjectLiteralExpression(unwrap(a))));
      const notNull = chain.includes("notNull") || chain.includes("primaryKey");
      model.columns.push({
        name,
        nullable: notNull ? null : "no `.notNull()`",
        // `.$type<Status>()` declares the column's TypeScript type: a union or enum type then, not a plain string.
        plainString: DRIZZLE_STRINGS.has(builder) && !opts.has("enum") && !chain.includes("$type") ? `${builder}()` : null,
        references,
        ...span(sf, p.name),
      });
    }
  };

  /**
   * @param {ts.Node} node
   * @param {string | null} declared the variable a call's value is assigned to
   * @param {string} cls the class the node is in (`this.belongsTo(...)` in a static method)
   */
  const visit = (node, declared, cls) => {
    if (ts.isClassDeclaration(node) && node.name) {
      readClass(node, node.name.text);
      cls = node.name.text;
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = unwrap(node.initializer);
      if (ts.isClassExpression(init)) {
        readClass(init, node.name.text);
        cls = node.name.text;
      }
      visit(init, node.name.text, cls);
      return;
    }
    if (ts.isCallExpression(node)) readCall(node, declared, cls);
    else if (ts.isNewExpression(node)) {
      const ref = ormRef(node.expression);
      if (ref && ref.name === "EntitySchema") readSchemaObject(ref, node.arguments?.[0], declared, span(sf, node));
    }
    ts.forEachChild(node, (c) => visit(c, null, cls));
  };

  /**
   * @param {ts.CallExpression} call
   * @param {string | null} declared
   * @param {string} cls
   */
  const readCall = (call, declared, cls) => {
    const callee = unwrap(call.expression);
    const ref = ormRef(callee);
    const at = span(sf, call);
    // Drizzle tables.
    if (ref && ref.orm === "drizzle" && DRIZZLE_TABLES.has(ref.name) && declared) {
      const model = /** @type {ModelFact} */ ({ orm: "drizzle", name: declared, form: `${ref.name}()`, table: null, columns: [], relations: [], ...at });
      if (call.arguments[0]) model.table = tableName(call.arguments[0]);
      readDrizzleColumns(model, call.arguments[1]);
      models.push(model);
      return;
    }
    if (declared && (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee))) {
      const factory = ts.isIdentifier(callee)
        ? tableFactories.get(callee.text)
        : ts.isIdentifier(callee.expression) && callee.name.text === "table"
          ? tableFactories.get(callee.expression.text)
          : undefined;
      if (factory) {
        const model = /** @type {ModelFact} */ ({ orm: "drizzle", name: declared, form: "table()", table: null, columns: [], relations: [], ...at });
        if (call.arguments[0]) model.table = tableName(call.arguments[0]);
        readDrizzleColumns(model, call.arguments[1]);
        models.push(model);
        return;
      }
    }
    // EntitySchema (TypeORM, MikroORM) and MikroORM's defineEntity.
    if (ref && ref.name === "defineEntity") {
      readSchemaObject(ref, call.arguments[0], declared, at);
      return;
    }
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const recv = unwrap(callee.expression);
    const recvName = ts.isIdentifier(recv)
      ? recv.text
      : ts.isPropertyAccessExpression(recv)
        ? recv.name.text
        : recv.kind === ts.SyntaxKind.ThisKeyword
          ? "this"
          : null;
    // `User.init({ ...attributes }, { sequelize, tableName })` on a class extending sequelize's Model, also as
    // `this.init(…)` / `super.init(…)` in the class's own static method.
    const initOf = recv.kind === ts.SyntaxKind.SuperKeyword || recvName === "this" ? cls : recvName;
    if (method === "init" && initOf && sequelizeClasses.has(initOf) && call.arguments[0]) {
      const base = /** @type {ModelFact} */ (sequelizeClasses.get(initOf));
      /** @type {ModelFact} */
      const model = { ...base, columns: [], relations: [] };
      const opts = objectProps(call.arguments[1]);
      const t = opts.get("tableName");
      if (t) model.table = tableName(t);
      readAttributeColumns(model, call.arguments[0]);
      // `declare userId: ForeignKey<User["id"]>` on the class: Sequelize's own declaration of a foreign key.
      const declaredKeys = sequelizeForeignKeys.get(initOf) ?? new Map();
      for (const c of model.columns) c.references ??= declaredKeys.get(c.name)?.target ?? null;
      for (const [name, { target, at }] of declaredKeys) {
        if (!model.columns.some((c) => c.name === name)) model.columns.push({ name, nullable: null, plainString: null, references: target, ...at });
      }
      models.push(model);
      return;
    }
    // `sequelize.define("User", { ... }, { tableName })`, in a file that uses Sequelize.
    if (method === "define" && sequelizeFile && literal(call.arguments[0]) !== null && call.arguments[1]) {
      const name = /** @type {string} */ (literal(call.arguments[0]));
      /** @type {ModelFact} */
      const model = { orm: "sequelize", name, form: "sequelize.define()", table: null, columns: [], relations: [], ...span(sf, call.arguments[0]) };
      const t = objectProps(call.arguments[2]).get("tableName");
      if (t) model.table = tableName(t);
      readAttributeColumns(model, call.arguments[1]);
      models.push(model);
      return;
    }
    // Associations: `Post.belongsTo(User, { foreignKey: "authorId" })`, in a file that uses Sequelize.
    // In a file that does not use Sequelize, only calls on an imported model count (the index then checks that
    // both sides are models).
    const associates = sequelizeFile || (recvName !== null && exported.has(recvName) && ts.isIdentifier(recv));
    const associationKind = own(ASSOCIATION_METHODS, method);
    if (associates && associationKind && recvName && (recvName !== "this" || cls) && call.arguments[0]) {
      const target = targetName(call.arguments[0], original);
      if (!target) return;
      const opts = objectProps(call.arguments[1]);
      const fk = opts.get("foreignKey");
      const fkName = fk ? (literal(fk) ?? literal(objectProps(fk).get("name"))) : null;
      associations.push({
        source: recvName === "this" ? cls : original(recvName),
        kind: associationKind,
        target,
        foreignKey: fkName,
        ...at,
      });
    }
  };

  /**
   * @param {OrmBinding} ref
   * @param {ts.Expression | undefined} arg
   * @param {string | null} declared
   * @param {import("../types.js").Span} at
   */
  const readSchemaObject = (ref, arg, declared, at) => {
    const opts = objectProps(arg);
    const name = literal(opts.get("name")) ?? literal(opts.get("className")) ?? declared;
    if (!name) return;
    /** @type {ModelFact} */
    const model = {
      orm: ref.orm,
      name,
      form: ref.name === "EntitySchema" ? "new EntitySchema()" : "defineEntity()",
      table: null,
      columns: [],
      relations: [],
      ...at,
    };
    const t = opts.get("tableName") ?? (ref.orm === "typeorm" ? opts.get("name") : undefined) ?? opts.get("collection");
    if (t) model.table = tableName(t);
    readAttributeColumns(model, opts.get("columns") ?? opts.get("properties"));
    models.push(model);
  };

  visit(sf, null, "");
  // `export { Basket as BasketModel }`: other files name the model by its exported name.
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || st.moduleSpecifier || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    for (const el of st.exportClause.elements) {
      const local = (el.propertyName ?? el.name).text;
      if (local === el.name.text) continue;
      for (const m of models) if (m.name === local) (m.aliases ??= []).push(el.name.text);
    }
  }
  return { models, associations };
}
