// The HOC default profile (design brief §3): what a zero-config run assumes.

/** @typedef {import("../types.js").LayerSpec} LayerSpec */
/** @typedef {import("../types.js").AllowEntry} AllowEntry */

/** Layers in match order: the first layer whose pattern matches a file wins. @type {LayerSpec[]} */
export const DEFAULT_LAYERS = [
  { id: "L2.1", name: "L2.1 API facade", level: 2.1, patterns: ["hoc/api/facades/<audience>/**"], aliases: ["API facade"] },
  { id: "L2", name: "L2 API", level: 2, patterns: ["hoc/api/<audience>/<domain>/**"], aliases: ["API", "HTTP"] },
  { id: "L4", name: "L4 spine", level: 4, patterns: ["hoc/<audience>/hoc_spine/**"], aliases: ["spine", "orchestrator", "orchestration"] },
  { id: "L5", name: "L5 engine", level: 5, patterns: ["hoc/<audience>/<domain>/L5_engines/**"], aliases: ["engine", "domain engine", "facade"] },
  { id: "L5.schema", name: "L5 schema", level: 5, patterns: ["hoc/<audience>/<domain>/L5_schemas/**"], aliases: ["schema", "domain schema"] },
  { id: "L6", name: "L6 driver", level: 6, patterns: ["hoc/<audience>/<domain>/L6_drivers/**"], aliases: ["driver", "domain driver"] },
  { id: "L7", name: "L7 model", level: 7, patterns: ["hoc/models/**", "app/models/**"], aliases: ["model", "models"] },
];

const SPINE_SHARED = ["hoc_spine/services/**", "hoc_spine/schemas/**", "hoc_spine/utilities/**"];

/** Who may import whom (from → entries). Missing row = the layer may import any layer. @type {Record<string, AllowEntry[]>} */
export const DEFAULT_ALLOW = {
  "L2.1": ["L2.1", "L2"],
  L2: ["L2", "L4", "L5.schema"],
  L4: ["L4", "L5", "L5.schema", "L6", "L7"],
  L5: [
    { to: "L4", targetPaths: SPINE_SHARED },
    { to: ["L5", "L5.schema", "L6"], same: ["domain"] },
    { to: "L7", typeOnly: true },
  ],
  "L5.schema": [
    { to: "L5.schema", same: ["domain"] },
    { to: "L7", typeOnly: true },
  ],
  L6: [{ to: "L4", targetPaths: ["hoc_spine/schemas/**"] }, { to: ["L5.schema", "L6"], same: ["domain"] }, "L7"],
  L7: ["L7"],
};

/** Files that belong to the HOC tree even when no layer matches (barrels at a domain root, say). */
export const DEFAULT_HOC_TREE = ["hoc/**"];

export const DEFAULT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];

/** Files above this size are reported and skipped (generated code, bundles). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Share of relative/aliased imports that may fail to resolve before the scan is declared unreliable. */
export const DEFAULT_MAX_UNRESOLVED_SHARE = 0.05;

/** How operations are registered, dispatched and bound in HOC code (design brief §3). @type {import("../types.js").OperationsConfig} */
export const DEFAULT_OPERATIONS = {
  registryReceivers: ["*registry*"],
  registerMethods: ["register", "registerOperation", "registerHandler"],
  dispatchMethods: ["execute", "dispatch", "executeOperation"],
  dispatchFunctions: ["dispatchOperation", "executeOperation"],
  decorators: ["operation", "Operation", "handlesOperation", "HandlesOperation"],
  handlerMaps: ["*OPERATION_HANDLERS*", "*HANDLER_MAP*", "HANDLERS"],
  invariantLists: ["*INVARIANTS*"],
  subOperationMaps: ["*METHOD*MAP*", "*SUB_OPERATION*"],
  aliasMaps: ["*OPERATION_ALIAS*", "*INVARIANT_ALIAS*"],
  handlerModules: ["hoc_spine/orchestrator/handlers/<domain>_handler.ts"],
  spineOperations: [],
  domainAliases: {},
};

/** What begins, commits or rolls back a transaction, and how a database handle is told from a look-alike. @type {import("../types.js").TransactionsConfig} */
export const DEFAULT_TRANSACTIONS = {
  ownerLayers: ["L4"],
  // Always a transaction boundary, whatever the receiver is called (unless it is known not to be a database).
  specificMethods: ["$transaction", "startTransaction", "commitTransaction", "rollbackTransaction", "transactional", "beginTransaction"],
  // A boundary only on a database handle (what `database` says one is: declarations first, names last).
  genericMethods: ["commit", "rollback", "begin", "transaction", "savepoint", "rollbackTo", "releaseSavepoint"],
  // MikroORM: flush() commits the unit of work; only on an entity manager.
  flushMethods: ["flush"],
  rawSqlPrefixes: ["BEGIN", "COMMIT", "ROLLBACK", "START TRANSACTION", "SAVEPOINT", "RELEASE SAVEPOINT", "SET TRANSACTION", "END TRANSACTION", "END"],
  // Methods that run SQL text (pg, mysql2, Knex raw, Prisma raw, postgres.js unsafe, TypeORM query).
  sqlMethods: [
    "query",
    "execute",
    "exec",
    "raw",
    "run",
    "unsafe",
    "none",
    "any",
    "one",
    "many",
    "$executeRaw",
    "$executeRawUnsafe",
    "$queryRaw",
    "$queryRawUnsafe",
  ],
};

/** Where request params come from, what cleans them, and what a facade is (hoc/no-private-kwargs-leak). @type {import("../types.js").PrivateKeysConfig} */
export const DEFAULT_PRIVATE_KEYS = {
  // `<name>.params` on these roots is the request's params.
  sourceRoots: ["ctx", "context", "opCtx", "operationContext"],
  // A parameter typed with one of these (`(c: OperationContext)`) is a context too, whatever its name.
  contextTypes: ["OperationContext", "HandlerContext", "RegistryContext", "OperationExecutionContext"],
  sanitizers: ["stripInternalKeys", "stripPrivateKeys", "sanitizeParams", "omitInternalKeys", "publicParams"],
  facadeNames: ["*Facade", "*facade"],
  facadeFactories: ["get*Facade", "create*Facade", "make*Facade"],
  reservedKeys: ["tenantId"],
};

/** hoc/spine-purity: where the spine's declarations and pure utilities live, and what counts as a schema object. */
export const DEFAULT_SPINE_PURITY = {
  schemaPaths: ["hoc_spine/schemas/**"],
  utilityPaths: ["hoc_spine/utilities/**"],
  // `const X = z.object({...})`: schema builders whose calls are declarations, not behaviour.
  schemaBuilders: ["z", "zod", "yup", "Joi", "joi", "t", "Type", "v", "s", "S", "Schema", "type"],
  allowConstFunctions: false,
};

/** Folders that are frozen: nothing outside them may import from them (hoc/banned-imports). */
export const DEFAULT_QUARANTINE = ["**/_frozen/**"];

/** Where operation specs live (hoc/operation-spec): fenced ```yaml blocks in Markdown, or YAML/JSON files. */
export const DEFAULT_OPERATION_SPECS = {
  files: [
    "**/OPERATION_SPEC*.md",
    "**/operation-specs/**/*.{md,yaml,yml,json}",
    "**/operation_specs/**/*.{md,yaml,yml,json}",
    "**/specs/operations/**/*.{md,yaml,yml,json}",
  ],
  required: ["spec_id", "operation_name", "domain", "owner", "idempotency", "preconditions", "postconditions", "forbidden_states"],
};

/** Guardrail documents (hoc/guardrail-linkage): Markdown tables of invariant ids and the tests that guard them. */
export const DEFAULT_GUARDRAILS = {
  files: ["**/GUARDRAIL*.md", "**/guardrails/**/*.md"],
  idPattern: "\\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\\d+\\b",
  criticalSeverities: ["CRITICAL"],
};

/** Names of existence, status and permission facts an invariant checker reads (hoc/invariant-fail-closed). */
export const DEFAULT_INVARIANT_FACT_NAMES = [
  "*exist*",
  "has*",
  "is*",
  "can*",
  "*allow*",
  "*permi*",
  "*enabled*",
  "*active*",
  "*status*",
  "*state*",
  "*role*",
  "*owner*",
  "*member*",
  "*valid*",
];

/** Where the data models are read from besides TypeScript (hoc/model-drift, hoc/data-quality). */
export const DEFAULT_PRISMA_SCHEMAS = ["**/*.prisma"];

/** hoc/model-drift: table names optional, snake_case plural, class suffixes that are not part of the table's name. */
export const DEFAULT_MODEL_DRIFT = {
  tableNames: /** @type {"optional" | "required"} */ ("optional"),
  naming: /** @type {"snake_plural" | "snake" | "pascal_plural" | "pascal" | "off"} */ ("snake_plural"),
  ignoreSuffixes: ["Entity", "Model", "Table", "Record", "Schema"],
};

/** hoc/data-quality: the columns that hold a state and should not be plain strings. */
export const DEFAULT_STATUS_COLUMNS = ["status", "state", "kind", "type"];

/** hoc/surface-limits: how large a domain schema's interfaces and a bridge class may grow. */
export const DEFAULT_SURFACE_LIMITS = { maxSchemaMethods: 12, bridgeClasses: ["*Bridge"], maxBridgeMethods: 5 };

/** hoc/schema-consumers: how many consumers a spine schema's header names at least. */
export const DEFAULT_SCHEMA_CONSUMERS = { minimum: 2 };
