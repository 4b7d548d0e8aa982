// The `database` section compiled: each client's lists (defaults changed by the user's config) as Sets, and
// the matchers both data rules use. A user-named client that is not built in starts from empty lists.
import picomatch from "picomatch";
import { ConfigError } from "./config-error.js";
import { mergeList } from "./lists.js";
import {
  CLIENT_KEYS,
  DEFAULT_CLIENTS,
  DEFAULT_ENTITY_MANAGER_NAMES,
  DEFAULT_NON_DB_PACKAGES,
  DEFAULT_NON_RECEIVER_NAMES,
  DEFAULT_RECEIVER_NAMES,
} from "./database-clients.js";

/** @typedef {import("../types.js").ClientVocabulary} ClientVocabulary */
/** @typedef {import("../types.js").CompiledClient} CompiledClient */
/** @typedef {import("../types.js").DatabaseConfig} DatabaseConfig */
/** @typedef {import("../types.js").DatabaseMatchers} DatabaseMatchers */

const LIST_KEYS = /** @type {(keyof ClientVocabulary)[]} */ (Object.keys(CLIENT_KEYS)).filter((k) => k !== "callable");

/** @returns {ClientVocabulary} */
function emptyClient() {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const k of LIST_KEYS) out[k] = [];
  out.callable = false;
  return /** @type {ClientVocabulary} */ (out);
}

/**
 * @param {NonNullable<import("../types.js").UserConfig["database"]> | undefined} given
 * @param {string} where
 * @returns {DatabaseConfig & { matchers: DatabaseMatchers }}
 */
export function compileDatabase(given, where) {
  const user = given ?? {};
  /** @type {Record<string, ClientVocabulary>} */
  const clients = {};
  for (const [id, vocab] of Object.entries(DEFAULT_CLIENTS)) clients[id] = vocab;
  for (const [id, given] of Object.entries(user.clients ?? {})) {
    const base = clients[id] ?? emptyClient();
    /** @type {Record<string, unknown>} */
    const merged = { ...base };
    for (const k of LIST_KEYS) {
      const v = /** @type {import("../types.js").NameList | undefined} */ (given[k]);
      if (v !== undefined) merged[k] = mergeList(/** @type {string[]} */ (base[k]), v, `${where}: database.clients.${id}.${k}`);
    }
    if (given.callable !== undefined) merged.callable = given.callable;
    clients[id] = /** @type {ClientVocabulary} */ (merged);
  }
  /** @param {string} key @param {string[]} defaults */
  const list = (key, defaults) => mergeList(defaults, /** @type {any} */ (user)[key], `${where}: database.${key}`);
  const config = {
    clients,
    receiverNames: list("receiverNames", DEFAULT_RECEIVER_NAMES),
    nonReceiverNames: list("nonReceiverNames", DEFAULT_NON_RECEIVER_NAMES),
    nonDbPackages: list("nonDbPackages", DEFAULT_NON_DB_PACKAGES),
    entityManagerNames: list("entityManagerNames", DEFAULT_ENTITY_MANAGER_NAMES),
    localTypes: list("localTypes", []),
  };
  const compiled = Object.entries(clients).map(([id, v]) => compileClient(id, v));
  /** @type {Map<string, CompiledClient | null>} */
  const bySpecifier = new Map();
  const any = compileClient("any", unionOf(Object.values(clients)));
  const candidates = new Set([...any.queryMethods, ...any.modelQueryMethods, ...any.instanceWriteMethods]);
  const nonDb = picomatch(config.nonDbPackages);
  const names = (/** @type {string[]} */ globs) => {
    const match = picomatch(globs);
    return (/** @type {string} */ n) => n !== "" && match(n);
  };
  const localTypes = new Set(config.localTypes);
  /** @type {DatabaseMatchers} */
  const matchers = {
    clientOf(specifier) {
      let hit = bySpecifier.get(specifier);
      if (hit === undefined) {
        hit = compiled.find((c) => c.packages(specifier)) ?? null;
        bySpecifier.set(specifier, hit);
      }
      return hit;
    },
    nonDbPackage: (s) => nonDb(s),
    receiverName: names(config.receiverNames),
    nonReceiverName: names(config.nonReceiverNames),
    entityManager: names(config.entityManagerNames),
    localType: (t) => localTypes.has(t),
    any,
    candidateMethod: (m) => candidates.has(m),
  };
  for (const c of Object.keys(user.clients ?? {})) {
    if (clients[c].packages.length === 0)
      throw new ConfigError(`${where}: database.clients.${c} names no packages; give it "packages" (the module specifiers it is imported from)`);
  }
  return { ...config, matchers };
}

/**
 * @param {string} id
 * @param {ClientVocabulary} v
 * @returns {CompiledClient}
 */
function compileClient(id, v) {
  const match = v.packages.length > 0 ? picomatch(v.packages) : () => false;
  return {
    id,
    packages: (s) => match(s),
    handleTypes: new Set(v.handleTypes),
    modelTypes: new Set(v.modelTypes),
    factories: new Set(v.factories),
    handleValues: new Set(v.handleValues),
    modelFactories: new Set(v.modelFactories),
    modelBases: new Set(v.modelBases),
    entityDecorators: new Set(v.entityDecorators),
    handleMethods: new Set(v.handleMethods),
    queryMethods: new Set(v.queryMethods),
    modelQueryMethods: new Set(v.modelQueryMethods),
    modelPassThrough: new Set(v.modelPassThrough),
    instanceWriteMethods: new Set(v.instanceWriteMethods),
    callable: v.callable,
  };
}

/** @param {ClientVocabulary[]} all @returns {ClientVocabulary} */
function unionOf(all) {
  const out = emptyClient();
  for (const v of all) {
    for (const k of LIST_KEYS) /** @type {any} */ (out)[k] = [...new Set([.../** @type {string[]} */ (out[k]), .../** @type {string[]} */ (v[k])])];
    out.callable ||= v.callable;
  }
  // The union is for receivers whose client is unknown: a handle known by its name is not callable.
  out.callable = false;
  return out;
}
