// Shared shapes of the engine. The code is plain ESM JavaScript checked by `tsc --checkJs` against these.
import type { CompiledPattern } from "./config/pattern.js";

export interface LayerSpec {
  id: string;
  name: string;
  /** Numeric level (2, 2.1, 4, 5, 6, 7): headers name it (`Layer: L5`) and it orders layers for "upward". Optional. */
  level?: number;
  patterns: string[];
  aliases?: string[];
}

export type AllowEntry = string | { to: string | string[]; same?: string[]; typeOnly?: boolean; targetPaths?: string[] };

export type Severity = "error" | "warning";
export type RuleSetting = "error" | "warn" | "warning" | "off";

export interface OperationsConfig {
  /** Receivers whose calls register or dispatch (`registry.register`), matched on the receiver's last name. */
  registryReceivers: string[];
  registerMethods: string[];
  dispatchMethods: string[];
  /** Free functions that dispatch: `dispatchOperation("x.y", ctx)`. */
  dispatchFunctions: string[];
  /** Class decorators that register: `@operation("x.y")`. */
  decorators: string[];
  /** Const objects / Maps of name -> handler. */
  handlerMaps: string[];
  /** Const arrays of `{ operation: NAME, ... }` invariant bindings. */
  invariantLists: string[];
  /** Const objects mapping a `params.method` value to an operation name. */
  subOperationMaps: string[];
  /** Const objects mapping a registry operation to an invariant operation name. */
  aliasMaps: string[];
  /** Where the handler module of a domain lives, with a <domain> capture. */
  handlerModules: string[];
  /** Operations the spine itself owns (registered outside a domain handler module on purpose). */
  spineOperations: string[];
  /** Operation-name domain -> code domain, when they are spelled differently. */
  domainAliases: Record<string, string>;
}

export interface TransactionsConfig {
  /** Layer ids that may begin, commit and roll back. */
  ownerLayers: string[];
  specificMethods: string[];
  genericMethods: string[];
  flushMethods: string[];
  rawSqlPrefixes: string[];
  sqlMethods: string[];
}

/** A list in hoc.config.json: replaces the default, or extends it (and removes from it). */
export type NameList = string[] | { extend?: string[]; remove?: string[] };

export type ClientVocabulary = import("./config/database-clients.js").ClientVocabulary;
export type UserClientVocabulary = { [K in keyof ClientVocabulary]?: K extends "callable" ? boolean : NameList };

export interface DatabaseConfig {
  clients: Record<string, ClientVocabulary>;
  receiverNames: string[];
  nonReceiverNames: string[];
  nonDbPackages: string[];
  entityManagerNames: string[];
  /** Types of the project (by name) that are database handles, e.g. a "UnitOfWork" that wraps a transaction. */
  localTypes: string[];
}

/** A client's vocabulary as Sets, for lookups. */
export interface CompiledClient {
  id: string;
  packages: (specifier: string) => boolean;
  handleTypes: Set<string>;
  modelTypes: Set<string>;
  factories: Set<string>;
  handleValues: Set<string>;
  modelFactories: Set<string>;
  modelBases: Set<string>;
  entityDecorators: Set<string>;
  handleMethods: Set<string>;
  queryMethods: Set<string>;
  modelQueryMethods: Set<string>;
  modelPassThrough: Set<string>;
  instanceWriteMethods: Set<string>;
  callable: boolean;
}

export interface DatabaseMatchers {
  /** The client a module specifier belongs to, or null. */
  clientOf(specifier: string): CompiledClient | null;
  nonDbPackage(specifier: string): boolean;
  receiverName(name: string): boolean;
  nonReceiverName(name: string): boolean;
  entityManager(name: string): boolean;
  localType(name: string): boolean;
  /** Every client's lists in one, for receivers whose client is not known (a handle known by name). */
  any: CompiledClient;
  /** Method names worth recording a candidate for: any client's query, model query or instance write method. */
  candidateMethod(name: string): boolean;
}

export interface PrivateKeysConfig {
  sourceRoots: string[];
  contextTypes: string[];
  sanitizers: string[];
  facadeNames: string[];
  facadeFactories: string[];
  /** Keys besides `_`-prefixed ones that must not reach a facade inside the params (the handler passes them explicitly). */
  reservedKeys: string[];
}

export interface PrivateKeyMatchers {
  sourceRoot(name: string): boolean;
  contextType(typeName: string): boolean;
  sanitizer(name: string): boolean;
  facadeName(name: string): boolean;
  facadeFactory(name: string): boolean;
  reservedKey(key: string): boolean;
  reservedKeys: string[];
  sanitizerName: string;
  facadeTokens: string[];
}

export interface Suggestion {
  messageId: string;
  data: Record<string, string>;
  /** Replace [start, end) of the file's text with `text`, for each edit (a wrap, and the import it needs). */
  edits: { range: [number, number]; text: string }[];
}

export interface LeakFact extends Span {
  messageId: "leakParams" | "leakCopy" | "leakRest" | "leakSpread" | "privateKey" | "duplicateReserved";
  data: Record<string, string>;
  /** The expression whose type decides, in the type-aware mode, whether it can carry private keys (-1: none). */
  exprPos: number;
  exprEnd: number;
  suggestion: Suggestion | null;
}

export interface TransactionMatchers {
  specificMethod(name: string): boolean;
  genericMethod(name: string): boolean;
  flushMethod(name: string): boolean;
  rawSql(text: string): string | null;
  sqlMethod(name: string): boolean;
}

export type TxVerdict = "db" | "ambiguous" | "not-db";

/**
 * What the code declares about a value, as a root and the steps taken from it: `this.prisma.user` is the root
 * `this` and the steps member prisma, member user. Plain data: facts are cached and cross threads. The project's
 * data index (src/project/data-index.js) turns it into a verdict, across files where the root is imported.
 */
export type OriginRoot =
  | { k: "import"; spec: string; name: string }
  | { k: "module"; name: string }
  | { k: "global"; name: string }
  | { k: "this"; cls: string | null; static: boolean }
  | { k: "handle"; why: string }
  | { k: "notdb"; why: string }
  | { k: "name"; name: string };
export type OriginStep = { s: "member"; n: string } | { s: "call"; n?: string } | { s: "new" } | { s: "await" } | { s: "type" };
export interface Origin {
  root: OriginRoot;
  steps: OriginStep[];
  /** The name the value is known by in the code, for the name fallback when nothing is declared. */
  as?: string;
}

/** A call found in a class method's body: does the method run a query? */
export interface MethodCall {
  o: Origin;
  m: string;
}

/** A module-level declaration, as other files see it through imports. */
export type Decl =
  | {
      d: "class";
      ext: Origin | null;
      dec: Origin[];
      f: Record<string, Origin>;
      rt?: Record<string, Origin>;
      st?: Record<string, MethodCall[]>;
      me?: Record<string, MethodCall[]>;
    }
  | { d: "type"; b: Origin[]; f: Record<string, Origin>; rt?: Record<string, Origin> }
  | { d: "value"; o: Origin }
  | { d: "fn"; r: Origin | null };

export interface TransactionFact extends Span {
  /** What was found, for the message: "Prisma $transaction()", "commit()", "raw SQL BEGIN". */
  form: string;
  method: string;
  kind: "specific" | "generic" | "flush" | "sql";
  /** The receiver as written (`this.session`), or "" for raw SQL passed to a query call. */
  receiver: string;
  /** What is declared about the receiver (null: none, e.g. a tagged template). */
  recv: Origin | null;
  /** Offset of the receiver expression, to ask the type checker about it (-1 when there is none). */
  receiverPos: number;
  receiverEnd: number;
}

/** A call that may run a query: `recv.method(...)`, a handle called (`knex("t")`) or tagging a template. */
export interface QueryFact extends Span {
  method: string;
  kind: "method" | "call" | "tag";
  recv: Origin;
  form: string;
  receiver: string;
  receiverPos: number;
  receiverEnd: number;
}

/** A parameter or property with a type annotation that may be a database handle. */
export interface HandleDeclFact extends Span {
  name: string;
  typeText: string;
  type: Origin;
}

export interface OperationMatchers {
  /** Names of existence, status and permission facts (invariants.factNames). */
  factName(name: string): boolean;
  registryReceiver(name: string): boolean;
  registerMethod(name: string): boolean;
  dispatchMethod(name: string): boolean;
  dispatchFunction(name: string): boolean;
  decorator(name: string): boolean;
  handlerMap(name: string): boolean;
  invariantList(name: string): boolean;
  subOperationMap(name: string): boolean;
  aliasMap(name: string): boolean;
}

export type NameRef =
  { kind: "literal"; value: string } | { kind: "ref"; path: string[] } | { kind: "param"; text: string } | { kind: "dynamic"; text: string };

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RegistrationFact extends Span {
  form: "call" | "map" | "decorator";
  handler: string;
  name: NameRef;
}

export interface DispatchFact extends Span {
  name: NameRef;
  method: string | null;
}

export interface InvariantFact extends Span {
  id: string | null;
  name: NameRef;
  /** The entry's `severity` ("CRITICAL", "HIGH", …), when it is a string literal. */
  severity: string | null;
  /** The entry's `check`: an inline function (its fail-open patterns read here), or a name to follow. */
  checker: { kind: "inline"; failOpen: FailOpenFact[] } | { kind: "ref"; name: NameRef } | null;
}

/** A place where an invariant checker passes when a fact is missing (hoc/invariant-fail-closed). */
export interface FailOpenFact extends Span {
  kind: "fallbackPasses" | "defaultPasses" | "absencePasses" | "onlyWhenPresent" | "unknownOperationPasses";
  /** The fact read (`integration_exists`), or what the catch-all switches on. */
  fact: string;
  text: string;
}

export interface SubOperationMap extends Span {
  name: string;
  entries: (Span & { method: string; name: NameRef })[];
}

export interface AliasFact extends Span {
  from: NameRef;
  to: NameRef;
}

export interface OperationFacts {
  registrations: RegistrationFact[];
  dispatches: DispatchFact[];
  invariants: InvariantFact[];
  subOperationMaps: SubOperationMap[];
  aliases: AliasFact[];
  handledMethods: string[];
  /** Fail-open patterns of the module-level functions (by name), where there are any. */
  failOpen: Record<string, FailOpenFact[]>;
  /** Module-level functions that dispatch the operation named by one of their parameters: name -> its index. */
  wrappers: Record<string, number>;
  /** Calls that pass something shaped like an operation name, in case the callee is a wrapper (decided later). */
  wrapperCalls: (Span & { callee: string[]; args: { index: number; name: NameRef }[] })[];
}

export interface UserConfig {
  $schema?: string;
  preset?: "recommended" | "strict";
  layers?: LayerSpec[];
  allow?: Record<string, AllowEntry[]>;
  /** Edges that are never allowed, whatever `allow` says: source layer id -> target layer ids. */
  deny?: Record<string, string[]>;
  hocTree?: string[];
  include?: string[];
  exclude?: string[];
  extensions?: string[];
  maxFileBytes?: number;
  maxUnresolvedShare?: number;
  /** The tsconfig that decides the scanned files and resolves imports at the root (default: tsconfig.json). */
  tsconfig?: string;
  /** Judge an import through a barrel by the modules the barrel re-exports (default) or by the barrel itself. */
  lookThroughBarrels?: boolean;
  operations?: { [K in keyof OperationsConfig]?: OperationsConfig[K] extends string[] ? NameList : OperationsConfig[K] };
  /** A baseline file (relative to the config) that both hoc-audit and ESLint read. */
  baseline?: string;
  /** The fact cache of `hoc-audit --cache` (relative to the config); ESLint reads it when it exists. */
  cache?: string;
  transactions?: { [K in keyof TransactionsConfig]?: K extends "ownerLayers" ? string[] : NameList };
  database?: {
    clients?: Record<string, UserClientVocabulary>;
    receiverNames?: NameList;
    nonReceiverNames?: NameList;
    nonDbPackages?: NameList;
    entityManagerNames?: NameList;
    localTypes?: NameList;
  };
  privateKeys?: { [K in keyof PrivateKeysConfig]?: NameList };
  dataAccess?: { layers?: string[] };
  spinePurity?: { schemaPaths?: string[]; utilityPaths?: string[]; schemaBuilders?: string[]; allowConstFunctions?: boolean };
  handlerDomainScope?: { layers?: string[]; exceptions?: { handler: string; domain: string; reason: string }[] };
  bannedImports?: { module: string; message: string }[];
  operationSpecs?: { files?: NameList; required?: NameList };
  guardrails?: { files?: NameList; idPattern?: string; criticalSeverities?: NameList };
  invariants?: { factNames?: NameList };
  crossDomainDispatch?: { layers?: string[]; allow?: { from: string; to: string; reason: string }[] };
  models?: { layers?: string[]; prismaSchemas?: NameList };
  modelDrift?: { tableNames?: "optional" | "required"; naming?: "snake_plural" | "snake" | "pascal_plural" | "pascal" | "off"; ignoreSuffixes?: NameList };
  dataQuality?: { statusColumns?: NameList; nullableForeignKeys?: NullableForeignKey[] };
  surfaceLimits?: { schemaLayers?: string[]; maxSchemaMethods?: number; bridgeClasses?: NameList; maxBridgeMethods?: number };
  schemaConsumers?: { minimum?: number };
  quarantine?: string[];
  exceptions?: { path: string; rules?: string[]; reason: string }[];
  rules?: Record<string, RuleSetting>;
}

/** A foreign key allowed to be nullable, with the reason (hoc/data-quality). */
export interface NullableForeignKey {
  model: string;
  column: string;
  reason: string;
}

export interface CompiledAllowRule {
  same: string[];
  typeOnly: boolean;
  targetPaths: CompiledPattern[] | null;
}

export interface CompiledLayer extends LayerSpec {
  /** null: the config gave none (the layer is not ordered, and no default that goes by level takes it). */
  level: number | null;
  compiled: CompiledPattern[];
  /** allow rules of this layer indexed by target layer id (null: unrestricted). */
  allow: Map<string, CompiledAllowRule[]> | null;
  /** target layer ids this layer may never import (`deny`); empty: none. */
  deny: Set<string>;
  userWritten: boolean;
}

export interface HocConfig {
  /** What this config was compiled from: workers compile their own copy (matchers are functions). */
  source: { user: UserConfig; origin: { root: string; configFile: string | null; where: string } };
  /** Absolute directory that paths are relative to. */
  root: string;
  /** Absolute path of the root tsconfig (`tsconfig`, default <root>/tsconfig.json; it need not exist). */
  tsconfig: string;
  lookThroughBarrels: boolean;
  /** Absolute path of hoc.config.json, or null for the default profile / ESLint settings. */
  configFile: string | null;
  layers: CompiledLayer[];
  layerById: Map<string, CompiledLayer>;
  hocTree: CompiledPattern[];
  include: CompiledPattern[] | null;
  exclude: CompiledPattern[];
  extensions: string[];
  maxFileBytes: number;
  maxUnresolvedShare: number;
  operations: OperationsConfig & { matchers: OperationMatchers; handlerModulePatterns: CompiledPattern[] };
  transactions: TransactionsConfig & { matchers: TransactionMatchers };
  database: DatabaseConfig & { matchers: DatabaseMatchers };
  privateKeys: PrivateKeysConfig & { matchers: PrivateKeyMatchers };
  /** Layer ids where code may not talk to the database (hoc/data-access-boundary). */
  dataAccess: { layers: string[] };
  spinePurity: { schemaPaths: CompiledPattern[]; utilityPaths: CompiledPattern[]; schemaBuilders: string[]; allowConstFunctions: boolean };
  handlerDomainScope: { layers: string[]; exceptions: { handler: string; domain: string; reason: string }[] };
  bannedImports: { entries: { specifier: (s: string) => boolean; path: CompiledPattern; module: string; message: string }[]; quarantine: CompiledPattern[] };
  operationSpecs: { files: CompiledPattern[]; required: string[] };
  guardrails: { files: CompiledPattern[]; idPattern: RegExp; criticalSeverities: string[] };
  invariants: { factNames: string[] };
  /** Layers whose dispatches may only name their own domain's operations, and the pairs allowed with a reason. */
  crossDomainDispatch: { layers: string[]; allow: { from: string; to: string; reason: string }[] };
  /** Layers that hold the data models, and the Prisma schema files (hoc/model-drift, hoc/data-quality). */
  models: { layers: string[]; prismaSchemas: CompiledPattern[] };
  modelDrift: { tableNames: "optional" | "required"; naming: "snake_plural" | "snake" | "pascal_plural" | "pascal" | "off"; ignoreSuffixes: string[] };
  dataQuality: { statusColumns: string[]; statusColumn(name: string): boolean; nullableForeignKeys: NullableForeignKey[] };
  surfaceLimits: { schemaLayers: string[]; maxSchemaMethods: number; bridgeClasses: string[]; bridgeClass(name: string): boolean; maxBridgeMethods: number };
  schemaConsumers: { minimum: number };
  exceptions: { pattern: CompiledPattern; rules: string[] | null; reason: string; index: number }[];
  /** Absolute path of the baseline named in the config, or null. */
  baseline: string | null;
  /** Absolute path of the fact cache named in the config, or null. */
  cache: string | null;
  /** Severity per rule id after config ("off" rules are absent). */
  rules: Map<string, Severity>;
}

export interface LayerInfo {
  layer: CompiledLayer;
  captures: Record<string, string>;
  /** "path" or "header": where the layer came from. */
  source: "path" | "header";
}

export interface Header {
  /** The raw text after "Layer:". */
  text: string;
  /** The level token, e.g. "L5" or "L2.1" (null if the header names no Lx token). */
  token: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type ImportKind = "static" | "type" | "side-effect" | "reexport" | "reexport-all" | "dynamic" | "require" | "import-equals";

export interface ImportedName {
  imported: string;
  local: string;
  typeOnly: boolean;
}

export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  /** Every binding is used in types only (`import type`, inline `type`, or only used in type positions). */
  typeOnly: boolean;
  /** Named bindings, or null when the whole module is taken (namespace, side effect, dynamic, require, export *). */
  names: ImportedName[] | null;
  /** The local name of `import * as ns` / `import ns = require()`. */
  namespace?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReExport {
  exported: string;
  imported: string;
  specifier: string;
}

export interface TopLevelStatement {
  kind: "import" | "reexport" | "side-effect-import" | "declaration" | "type-declaration" | "statement";
  what: string;
  /** "function", "behaviour", "call:<root>" or "" (see extract.js detailOf). */
  detail: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileFacts {
  header: Header | null;
  imports: ImportFact[];
  localExports: string[];
  reExports: ReExport[];
  starExports: string[];
  /** Only for index files (barrels) and spine schema files. */
  topLevel: TopLevelStatement[] | null;
  operations: OperationFacts;
  transactions: TransactionFact[];
  /** Calls that may run a query, judged by the project's data index. */
  queries: QueryFact[];
  /** Parameters and properties whose type may be a database handle. */
  handleDecls: HandleDeclFact[];
  /** Module-level declarations other files may import (classes, types, values, functions). */
  decls: Record<string, Decl>;
  /** Exported name -> local declaration name, where they differ (`export default Document`). */
  exportNames: Record<string, string>;
  /** Where an added import goes: the end of the last top-level import (0: the file has none). */
  importInsertAt: number;
  leaks: LeakFact[];
  /** Facade calls that received values derived from request params were looked at (the gate's count). */
  facadeCalls: number;
  /** Top-level string constants by dotted path (`OPS.QUERY`), for resolving operation names. */
  constants: Record<string, NameRef>;
  /** Data models the file declares (hoc/model-drift, hoc/data-quality). */
  models: ModelFact[];
  /** Sequelize association calls (`Post.belongsTo(User)`), joined to their models across files. */
  associations: AssociationFact[];
  /** The tombstone that retires the module, if its header has one (hoc/tombstone). */
  tombstone: MarkerFact | null;
  /** The header's `Consumers:` line (hoc/schema-consumers). */
  consumers: MarkerFact | null;
  /** Interfaces and object types with methods, classes with public methods (hoc/surface-limits). */
  surfaces: SurfaceFact[];
}

export type Orm = "typeorm" | "mikro-orm" | "sequelize" | "sequelize-typescript" | "drizzle" | "prisma";

/** A data model: a class, table definition or Prisma model the ORM maps to a table. */
/** How a model's name gives its table's (hoc/model-drift). */
export type TableNaming = "snake_plural" | "snake" | "pascal_plural" | "pascal" | "off";

export interface ModelFact extends Span {
  orm: Orm;
  /** The class, variable or Prisma model name. */
  name: string;
  /** How it is declared, for messages: "@Entity() class", "pgTable()", "Model.init", "model". */
  form: string;
  /** Other names the module exports it under (`export { Basket as BasketModel }`). */
  aliases?: string[];
  /** The table name given explicitly (value null: computed, not readable), or null when none is given. */
  table: (Span & { value: string | null }) | null;
  columns: ColumnFact[];
  relations: RelationFact[];
}

export interface ColumnFact extends Span {
  name: string;
  /** How the declaration makes the column nullable ("`nullable: true`", "optional property (`?`)"), or null. */
  nullable: string | null;
  /** The plain-string type it is declared with ("`string`", "DataTypes.STRING", "text()", "`String`"), or null. */
  plainString: string | null;
  /** The model a foreign key points at, when the declaration says so (`@ForeignKey(() => User)`, `.references(...)`). */
  references: string | null;
}

export interface RelationFact extends Span {
  property: string;
  kind: "many-to-one" | "one-to-many" | "one-to-one" | "many-to-many" | "belongs-to" | "has-many" | "has-one" | "belongs-to-many";
  /** The related model's name (null: not readable). */
  target: string | null;
  /** The inverse side's property, when the relation names it (`(user) => user.posts`, `inversedBy`). */
  inverse: string | null;
  /** The foreign-key column the relation uses, when it names one. */
  foreignKey: string | null;
  /** How an owning relation is declared nullable, or null. */
  nullable: string | null;
}

export interface AssociationFact extends Span {
  source: string;
  kind: "belongs-to" | "has-many" | "has-one" | "belongs-to-many";
  target: string;
  foreignKey: string | null;
}

/** A header line that marks the module: its tombstone (with its date) or its consumers (with their names). */
export interface MarkerFact extends Span {
  text: string;
  /** YYYY-MM-DD, for a tombstone whose date is well formed. */
  date: string | null;
  items: string[];
}

export interface SurfaceFact extends Span {
  kind: "interface" | "type" | "class";
  name: string;
  /** Methods by name (overloads once): interface methods and function-typed properties; a class's public methods. */
  methods: number;
}

export interface Location {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface RelatedLocation extends Location {
  file: string;
  message: string;
}

/** What a check produces: the front ends add severity, message and fingerprint. */
export interface RawFinding extends Location {
  ruleId: string;
  messageId: string;
  data: Record<string, string>;
  /** Stable identity of the finding within its file (no line numbers), for fingerprints. */
  key: string;
  /** A fix the user may apply (ESLint suggestion), never applied automatically. */
  suggestion?: Suggestion;
  related?: RelatedLocation[];
}

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  file: string;
  /** Which of the rule's messages, and the values filled into it: stable across rewordings of the text. */
  messageId: string;
  data: Record<string, string>;
  message: string;
  fingerprint: string;
  related?: RelatedLocation[];
  /** Set when the finding is a known exception: it is reported but does not fail the run. */
  known?: "baseline" | "exception";
  /** Why it is known (the exception's reason). */
  reason?: string;
}

export interface ScanError {
  file: string;
  message: string;
}

/** What a front end with type information can answer (null: the types say nothing, keep the syntactic verdict). */
export interface TypeOracle {
  verdict(
    file: string,
    fact: { method: string; receiverPos: number; receiverEnd: number },
    m: DatabaseMatchers,
  ): { verdict: TxVerdict; evidence: string } | null;
  carriesPrivateKeys(file: string, fact: LeakFact, reservedKeys: string[]): boolean | null;
}
