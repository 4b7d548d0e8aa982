// Find, read, validate and compile hoc.config.json (or ESLint `settings.hoc`) into a HocConfig.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { ConfigError } from "./config-error.js";
import { parseJson, readUserFile } from "./read-file.js";
import { PatternError, compilePattern } from "./pattern.js";
import {
  DEFAULT_ALLOW,
  DEFAULT_EXTENSIONS,
  DEFAULT_HOC_TREE,
  DEFAULT_LAYERS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_UNRESOLVED_SHARE,
  DEFAULT_OPERATIONS,
  DEFAULT_TRANSACTIONS,
  DEFAULT_PRIVATE_KEYS,
  DEFAULT_SPINE_PURITY,
  DEFAULT_QUARANTINE,
  DEFAULT_OPERATION_SPECS,
  DEFAULT_GUARDRAILS,
  DEFAULT_PRISMA_SCHEMAS,
  DEFAULT_MODEL_DRIFT,
  DEFAULT_STATUS_COLUMNS,
  DEFAULT_SURFACE_LIMITS,
  DEFAULT_SCHEMA_CONSUMERS,
  DEFAULT_INVARIANT_FACT_NAMES,
} from "./defaults.js";
import picomatch from "picomatch";
import { mergeList } from "./lists.js";
import { compileDatabase } from "./database.js";

/** @typedef {import("../types.js").UserConfig} UserConfig */
/** @typedef {import("../types.js").HocConfig} HocConfig */
/** @typedef {import("../types.js").CompiledLayer} CompiledLayer */
/** @typedef {import("../types.js").CompiledAllowRule} CompiledAllowRule */
/** @typedef {import("../types.js").AllowEntry} AllowEntry */
/** @typedef {import("../types.js").Severity} Severity */

export const CONFIG_FILE_NAME = "hoc.config.json";

const require = createRequire(import.meta.url);
/**
 * The JSON Schema's validator, compiled ahead (scripts/build-validator.js): compiling it at start-up cost every
 * process ~0.17 s.
 * @type {((data: unknown) => boolean) & { errors?: import("ajv").ErrorObject[] | null }}
 */
const validateSchema = require("./schema-validator.cjs");

/**
 * Walk up from `start` (a file or directory) to the nearest hoc.config.json.
 * @param {string} start
 * @returns {string | null}
 */
export function findConfigFile(start) {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Read a config file; every problem becomes a one-line ConfigError naming the file.
 * @param {string} file
 * @returns {UserConfig}
 */
export function readConfigFile(file) {
  const text = readUserFile(file, "the config file", "check the path given to --config", 1024 * 1024);
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new ConfigError(`${file}: not valid JSON${parsed.where ? ` ${parsed.where}` : ""}; fix the syntax or delete the file to use the default HOC profile`);
  return /** @type {any} */ (parsed.value);
}

/**
 * Validate a user config against the shipped JSON Schema and the semantic rules the schema cannot say.
 * @param {unknown} user
 * @param {string} where file name or "settings.hoc", used in messages
 * @returns {asserts user is UserConfig}
 */
export function validateUserConfig(user, where) {
  movedKeys(user, where);
  if (!validateSchema(user)) {
    const problems = (validateSchema.errors ?? []).map((err) => {
      const at = err.instancePath || "(top level)";
      if (err.keyword === "additionalProperties") {
        return `unknown key "${/** @type {any} */ (err.params).additionalProperty}" at ${at}`;
      }
      if (err.keyword === "propertyNames") return `bad rule id at ${at}: rule ids look like "hoc/layer-boundaries"`;
      return `${at} ${err.message}`;
    });
    throw new ConfigError(`${where}: ${[...new Set(problems)].join("; ")} (see schema/hoc.config.schema.json)`);
  }
}

/** Keys that moved, with where they live now: a clear error instead of "unknown key". */
const MOVED = {
  "transactions.dbReceiverNames": "database.receiverNames",
  "transactions.nonDbReceiverNames": "database.nonReceiverNames",
  "transactions.entityManagerNames": "database.entityManagerNames",
  "transactions.dbPackages": "database.clients.<client>.packages (see docs/rules/data-access-boundary.md)",
  "transactions.nonDbPackages": "database.nonDbPackages",
  "transactions.dbTypeNames": "database.clients.<client>.handleTypes",
  "transactions.localTypes": "database.localTypes",
  "transactions.queryMethods": "database.clients.<client>.queryMethods",
};

/** @param {unknown} user @param {string} where */
function movedKeys(user, where) {
  const tx = /** @type {{ transactions?: Record<string, unknown> }} */ (user)?.transactions;
  if (!tx || typeof tx !== "object") return;
  for (const [from, to] of Object.entries(MOVED)) {
    const key = from.split(".")[1];
    if (key in tx) throw new ConfigError(`${where}: ${from} has moved to ${to}; move it there (a list may also be { "extend": [...] } to add to the defaults)`);
  }
}

/**
 * @param {AllowEntry} entry
 * @param {Map<string, unknown>} layerIds
 * @param {string} where
 * @returns {{ targets: string[], rule: CompiledAllowRule }}
 */
function compileAllowEntry(entry, layerIds, where) {
  const obj = typeof entry === "string" ? { to: entry } : entry;
  const targets = Array.isArray(obj.to) ? obj.to : [obj.to];
  for (const t of targets) {
    if (!layerIds.has(t)) throw new ConfigError(`${where}: allow names unknown layer "${t}"; known layers: ${[...layerIds.keys()].join(", ")}`);
  }
  return {
    targets,
    rule: {
      same: obj.same ?? [],
      typeOnly: obj.typeOnly ?? false,
      targetPaths: obj.targetPaths ? obj.targetPaths.map(compilePattern) : null,
    },
  };
}

/**
 * What the config needs to know of the rules: their ids and each preset's severities. The front ends pass the
 * rule registry (src/checks/index.js); config does not import the checks, which sit above it.
 * @typedef {{ ids: string[], presetSeverity(id: string, preset: "recommended" | "strict"): Severity | null }} RuleCatalog
 */

/**
 * Turn a validated user config into the compiled form every check uses (patterns compiled once).
 * @param {UserConfig} user
 * @param {{ root: string, configFile: string | null, where: string }} origin
 * @param {RuleCatalog | null} [catalog] the rules, to validate rule ids and set severities (workers, which only
 *   extract facts, pass none)
 * @returns {HocConfig}
 */
export function compileConfig(user, origin, catalog = null) {
  try {
    return compileConfigUnchecked(user, origin, catalog);
  } catch (e) {
    // A pattern that cannot be compiled (anywhere in the config) is the config's problem, said with its file.
    if (e instanceof PatternError) throw new ConfigError(`${origin.where}: ${e.message}`);
    throw e;
  }
}

/**
 * @param {UserConfig} user
 * @param {{ root: string, configFile: string | null, where: string }} origin
 * @param {RuleCatalog | null} catalog
 * @returns {HocConfig}
 */
function compileConfigUnchecked(user, origin, catalog) {
  const { where } = origin;
  const userLayers = user.layers !== undefined;
  const specs = user.layers ?? DEFAULT_LAYERS;
  /** @type {Map<string, CompiledLayer>} */
  const layerById = new Map();
  for (const spec of specs) {
    if (layerById.has(spec.id)) throw new ConfigError(`${where}: layer id "${spec.id}" is defined twice`);
    let compiled;
    try {
      compiled = spec.patterns.map(compilePattern);
    } catch (e) {
      throw new ConfigError(`${where}: layer "${spec.id}": ${/** @type {Error} */ (e).message}`);
    }
    layerById.set(spec.id, {
      ...spec,
      level: spec.level ?? null,
      name: spec.name ?? spec.id,
      aliases: spec.aliases ?? [],
      compiled,
      allow: null,
      deny: new Set(),
      userWritten: userLayers,
    });
  }
  const allowRows = { ...(userLayers ? {} : DEFAULT_ALLOW), ...(user.allow ?? {}) };
  for (const [from, entries] of Object.entries(allowRows)) {
    const layer = layerById.get(from);
    if (!layer) throw new ConfigError(`${where}: allow has a row for unknown layer "${from}"; known layers: ${[...layerById.keys()].join(", ")}`);
    /** @type {Map<string, CompiledAllowRule[]>} */
    const index = new Map();
    for (const entry of entries) {
      const { targets, rule } = compileAllowEntry(entry, layerById, where);
      for (const t of targets) index.set(t, [...(index.get(t) ?? []), rule]);
    }
    layer.allow = index;
  }
  for (const [from, targets] of Object.entries(user.deny ?? {})) {
    const layer = layerById.get(from);
    if (!layer) throw new ConfigError(`${where}: deny has a row for unknown layer "${from}"; known layers: ${[...layerById.keys()].join(", ")}`);
    for (const t of targets) {
      if (!layerById.has(t)) throw new ConfigError(`${where}: deny.${from} names unknown layer "${t}"; known layers: ${[...layerById.keys()].join(", ")}`);
      layer.deny.add(t);
    }
  }
  /** @type {Map<string, Severity>} */
  const rules = new Map();
  // The audit runs the rules of a preset, like the ESLint configs: recommended unless the config says strict.
  const preset = user.preset ?? "recommended";
  const known = new Set(catalog?.ids ?? []);
  const unknownRule = (/** @type {string} */ id) => catalog !== null && !known.has(id);
  for (const id of known) {
    const severity = catalog?.presetSeverity(id, preset);
    if (severity) rules.set(id, severity);
  }
  for (const [id, setting] of Object.entries(user.rules ?? {})) {
    if (unknownRule(id)) throw new ConfigError(`${where}: unknown rule id "${id}"; known rules: ${[...known].join(", ")}`);
    if (setting === "off") rules.delete(id);
    else rules.set(id, setting === "error" ? "error" : "warning");
  }
  /**
   * @template {object} T
   * @param {T} defaults
   * @param {object | undefined} given
   * @param {string} section
   * @returns {T}
   */
  const lists = (defaults, given, section) => {
    /** @type {Record<string, unknown>} */
    const out = { .../** @type {Record<string, unknown>} */ (/** @type {unknown} */ (defaults)) };
    for (const [k, v] of Object.entries(given ?? {})) {
      const d = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (defaults))[k];
      out[k] = Array.isArray(d) ? mergeList(/** @type {string[]} */ (d), /** @type {import("../types.js").NameList} */ (v), `${where}: ${section}.${k}`) : v;
    }
    return /** @type {T} */ (out);
  };
  const operations = lists(DEFAULT_OPERATIONS, user.operations, "operations");
  /** @param {string[]} globs */
  const names = (globs) => {
    const match = picomatch(globs, { nocase: true });
    return (/** @type {string} */ name) => name !== "" && match(name);
  };
  // By default the layers of level 4 (the spine) own transactions, whatever the layers are called.
  const defaultOwners = [...layerById.values()].filter((l) => l.level === 4).map((l) => l.id);
  const transactions = lists({ ...DEFAULT_TRANSACTIONS, ownerLayers: defaultOwners }, user.transactions, "transactions");
  for (const id of transactions.ownerLayers) {
    if (!layerById.has(id))
      throw new ConfigError(`${where}: transactions.ownerLayers names unknown layer "${id}"; known layers: ${[...layerById.keys()].join(", ")}`);
  }
  const rawPrefixes = transactions.rawSqlPrefixes.map((p) => p.toUpperCase()).sort((a, b) => b.length - a.length);
  const privateKeys = lists(DEFAULT_PRIVATE_KEYS, user.privateKeys, "privateKeys");
  const invariantFacts = mergeList(DEFAULT_INVARIANT_FACT_NAMES, user.invariants?.factNames, `${where}: invariants.factNames`);
  /** @param {string[]} ids @param {string} key */
  const knownLayers = (ids, key) => {
    for (const id of ids)
      if (!layerById.has(id)) throw new ConfigError(`${where}: ${key} names unknown layer "${id}"; known layers: ${[...layerById.keys()].join(", ")}`);
    return ids;
  };
  // By default, data access is forbidden everywhere but the spine (4), drivers (6) and models (7).
  const dataLayers = user.dataAccess?.layers ?? [...layerById.values()].filter((l) => l.level !== null && ![4, 6, 7].includes(l.level)).map((l) => l.id);
  const purity = { ...DEFAULT_SPINE_PURITY, ...(user.spinePurity ?? {}) };
  const scopeLayers = user.handlerDomainScope?.layers ?? (layerById.has("L5") ? ["L5"] : [...layerById.values()].filter((l) => l.level === 5).map((l) => l.id));
  const exceptions = (user.exceptions ?? []).map((e, index) => {
    for (const r of e.rules ?? [])
      if (unknownRule(r)) throw new ConfigError(`${where}: exceptions[${index}] names unknown rule id "${r}"; known rules: ${[...known].join(", ")}`);
    return { pattern: compilePattern(e.path), rules: e.rules ?? null, reason: e.reason, index };
  });
  const tsconfig = path.resolve(origin.root, user.tsconfig ?? "tsconfig.json");
  if (user.tsconfig !== undefined && !isFile(tsconfig))
    throw new ConfigError(
      `${where}: tsconfig names ${user.tsconfig}, which is not a file (relative to ${origin.root}); fix the path or remove the key to use tsconfig.json`,
    );
  return {
    source: { user, origin },
    root: origin.root,
    tsconfig,
    lookThroughBarrels: user.lookThroughBarrels ?? true,
    dataAccess: { layers: knownLayers(dataLayers, "dataAccess.layers") },
    spinePurity: {
      schemaPaths: purity.schemaPaths.map(compilePattern),
      utilityPaths: purity.utilityPaths.map(compilePattern),
      schemaBuilders: purity.schemaBuilders,
      allowConstFunctions: purity.allowConstFunctions,
    },
    handlerDomainScope: { layers: knownLayers(scopeLayers, "handlerDomainScope.layers"), exceptions: user.handlerDomainScope?.exceptions ?? [] },
    bannedImports: {
      // An entry matches the import specifier as written ("moment", "lodash/*") or the imported file's path.
      entries: (user.bannedImports ?? []).map((b) => ({
        specifier: picomatch(b.module),
        path: compilePattern(b.module),
        module: b.module,
        message: b.message,
      })),
      quarantine: (user.quarantine ?? DEFAULT_QUARANTINE).map(compilePattern),
    },
    exceptions,
    operationSpecs: {
      files: mergeList(DEFAULT_OPERATION_SPECS.files, user.operationSpecs?.files, `${where}: operationSpecs.files`).map(compilePattern),
      required: mergeList(DEFAULT_OPERATION_SPECS.required, user.operationSpecs?.required, `${where}: operationSpecs.required`),
    },
    guardrails: {
      files: mergeList(DEFAULT_GUARDRAILS.files, user.guardrails?.files, `${where}: guardrails.files`).map(compilePattern),
      idPattern: guardrailIdPattern(user.guardrails?.idPattern ?? DEFAULT_GUARDRAILS.idPattern, where),
      criticalSeverities: mergeList(DEFAULT_GUARDRAILS.criticalSeverities, user.guardrails?.criticalSeverities, `${where}: guardrails.criticalSeverities`),
    },
    invariants: { factNames: invariantFacts },
    crossDomainDispatch: {
      layers: knownLayers(
        user.crossDomainDispatch?.layers ?? [...layerById.values()].filter((l) => l.level === 2).map((l) => l.id),
        "crossDomainDispatch.layers",
      ),
      allow: user.crossDomainDispatch?.allow ?? [],
    },
    models: {
      // By default the layers of level 7 hold the models, whatever they are called.
      layers: knownLayers(user.models?.layers ?? [...layerById.values()].filter((l) => l.level === 7).map((l) => l.id), "models.layers"),
      prismaSchemas: mergeList(DEFAULT_PRISMA_SCHEMAS, user.models?.prismaSchemas, `${where}: models.prismaSchemas`).map(compilePattern),
    },
    modelDrift: {
      tableNames: user.modelDrift?.tableNames ?? DEFAULT_MODEL_DRIFT.tableNames,
      naming: user.modelDrift?.naming ?? DEFAULT_MODEL_DRIFT.naming,
      ignoreSuffixes: mergeList(DEFAULT_MODEL_DRIFT.ignoreSuffixes, user.modelDrift?.ignoreSuffixes, `${where}: modelDrift.ignoreSuffixes`),
    },
    dataQuality: (() => {
      const statusColumns = mergeList(DEFAULT_STATUS_COLUMNS, user.dataQuality?.statusColumns, `${where}: dataQuality.statusColumns`);
      return { statusColumns, statusColumn: names(statusColumns), nullableForeignKeys: user.dataQuality?.nullableForeignKeys ?? [] };
    })(),
    surfaceLimits: (() => {
      // By default the domain schema layer: L5.schema, or the level-5 layers whose id or name says "schema".
      const schemaLayers =
        user.surfaceLimits?.schemaLayers ??
        (layerById.has("L5.schema")
          ? ["L5.schema"]
          : [...layerById.values()].filter((l) => l.level === 5 && /schema/i.test(`${l.id} ${l.name}`)).map((l) => l.id));
      const bridgeClasses = mergeList(DEFAULT_SURFACE_LIMITS.bridgeClasses, user.surfaceLimits?.bridgeClasses, `${where}: surfaceLimits.bridgeClasses`);
      return {
        schemaLayers: knownLayers(schemaLayers, "surfaceLimits.schemaLayers"),
        maxSchemaMethods: user.surfaceLimits?.maxSchemaMethods ?? DEFAULT_SURFACE_LIMITS.maxSchemaMethods,
        bridgeClasses,
        bridgeClass: exactNames(bridgeClasses),
        maxBridgeMethods: user.surfaceLimits?.maxBridgeMethods ?? DEFAULT_SURFACE_LIMITS.maxBridgeMethods,
      };
    })(),
    schemaConsumers: { minimum: user.schemaConsumers?.minimum ?? DEFAULT_SCHEMA_CONSUMERS.minimum },
    baseline: user.baseline ? path.resolve(origin.root, user.baseline) : null,
    cache: user.cache ? path.resolve(origin.root, user.cache) : null,
    privateKeys: {
      ...privateKeys,
      matchers: {
        sourceRoot: (n) => privateKeys.sourceRoots.includes(n),
        contextType: (t) => privateKeys.contextTypes.includes(t),
        sanitizer: (n) => privateKeys.sanitizers.includes(n),
        facadeName: exactNames(privateKeys.facadeNames),
        facadeFactory: exactNames(privateKeys.facadeFactories),
        reservedKey: (k) => privateKeys.reservedKeys.includes(k),
        reservedKeys: privateKeys.reservedKeys,
        sanitizerName: privateKeys.sanitizers[0] ?? "stripInternalKeys",
        // Text a file must contain to hold a facade call: the literal pieces of the name and factory globs.
        facadeTokens: [
          ...new Set(
            [...privateKeys.facadeNames, ...privateKeys.facadeFactories].map(
              (g) =>
                g
                  .split(/[*?[\]{}!]+/)
                  .reverse()
                  .sort((a, b) => b.length - a.length)[0] ?? "",
            ),
          ),
        ].filter((t) => t.length > 0),
      },
    },
    transactions: {
      ...transactions,
      matchers: {
        specificMethod: (n) => transactions.specificMethods.includes(n),
        genericMethod: (n) => transactions.genericMethods.includes(n),
        flushMethod: (n) => transactions.flushMethods.includes(n),
        rawSql(text) {
          const head = text.trimStart().toUpperCase();
          return rawPrefixes.find((p) => head === p || head.startsWith(`${p} `) || head.startsWith(`${p};`) || head.startsWith(`${p}\n`)) ?? null;
        },
        sqlMethod: (n) => transactions.sqlMethods.includes(n),
      },
    },
    database: compileDatabase(user.database, where),
    operations: {
      ...operations,
      handlerModulePatterns: operations.handlerModules.map(compilePattern),
      matchers: {
        registryReceiver: names(operations.registryReceivers),
        registerMethod: (n) => operations.registerMethods.includes(n),
        dispatchMethod: (n) => operations.dispatchMethods.includes(n),
        dispatchFunction: (n) => operations.dispatchFunctions.includes(n),
        decorator: (n) => operations.decorators.includes(n),
        handlerMap: names(operations.handlerMaps),
        invariantList: names(operations.invariantLists),
        subOperationMap: names(operations.subOperationMaps),
        aliasMap: names(operations.aliasMaps),
        factName: names(invariantFacts),
      },
    },
    configFile: origin.configFile,
    layers: [...layerById.values()],
    layerById,
    hocTree: (user.hocTree ?? DEFAULT_HOC_TREE).map(compilePattern),
    include: user.include ? user.include.map(compilePattern) : null,
    exclude: (user.exclude ?? []).map(compilePattern),
    extensions: user.extensions ?? DEFAULT_EXTENSIONS,
    maxFileBytes: user.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxUnresolvedShare: user.maxUnresolvedShare ?? DEFAULT_MAX_UNRESOLVED_SHARE,
    rules,
  };
}

/**
 * @param {string} source
 * @param {string} where
 */
function guardrailIdPattern(source, where) {
  try {
    return new RegExp(source);
  } catch (e) {
    throw new ConfigError(`${where}: guardrails.idPattern is not a valid regular expression (${/** @type {Error} */ (e).message}); fix it`);
  }
}

/** @param {string} p */
function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Name globs matched case-sensitively (`*Tx` matches `orderTx`, not `ctx`... except by its own spelling).
 * @param {string[]} globs
 */
function exactNames(globs) {
  const match = picomatch(globs);
  return (/** @type {string} */ name) => name !== "" && match(name);
}

/**
 * Load the config that applies to `searchFrom`: an explicit file, else the nearest hoc.config.json,
 * else the default profile rooted at `defaultRoot` (the folder that holds every scanned path).
 * @param {{ configFile?: string | null, searchFrom: string, defaultRoot: string, catalog: RuleCatalog, tsconfig?: string | null }} options
 * @returns {HocConfig}
 */
export function loadConfig({ configFile, searchFrom, defaultRoot, catalog, tsconfig }) {
  const file = configFile ? path.resolve(configFile) : findConfigFile(searchFrom);
  // --tsconfig wins over the config's key; it is a path from the current folder, as every CLI path is.
  const withTsconfig = (/** @type {UserConfig} */ user, /** @type {string} */ root) =>
    tsconfig ? { ...user, tsconfig: path.relative(root, path.resolve(tsconfig)) } : user;
  if (!file) {
    const root = path.resolve(defaultRoot);
    return compileConfig(withTsconfig({}, root), { root, configFile: null, where: tsconfig ? "--tsconfig" : "default profile" }, catalog);
  }
  const user = readConfigFile(file);
  validateUserConfig(user, file);
  // A config given with --config from outside the scanned folder describes that folder: it is the root.
  const configDir = path.dirname(file);
  const scanned = path.resolve(defaultRoot);
  const root = configFile && scanned !== configDir && !scanned.startsWith(configDir + path.sep) ? scanned : configDir;
  return compileConfig(withTsconfig(user, root), { root, configFile: file, where: tsconfig ? `${file} (with --tsconfig)` : file }, catalog);
}
