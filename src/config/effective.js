// The configuration in force, as plain JSON: what `hoc-audit --print-config` prints. Every default list is
// written out, so a user sees what a key would replace and what `{ "extend": [...] }` adds to.

/**
 * @param {import("../types.js").HocConfig} config
 */
export function effectiveConfig(config) {
  const patterns = (/** @type {{ source: string }[]} */ list) => list.map((p) => p.source);
  /** @param {object} o */
  const plain = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== "matchers" && k !== "handlerModulePatterns"));
  return {
    root: config.root,
    configFile: config.configFile,
    layers: config.layers.map((l) => ({ id: l.id, name: l.name, ...(l.level === null ? {} : { level: l.level }), patterns: l.patterns, aliases: l.aliases })),
    allow: Object.fromEntries(
      config.layers
        .filter((l) => l.allow)
        .map((l) => [
          l.id,
          [.../** @type {Map<string, import("../types.js").CompiledAllowRule[]>} */ (l.allow)].flatMap(([to, rules]) =>
            rules.map((r) => ({
              to,
              ...(r.same.length ? { same: r.same } : {}),
              ...(r.typeOnly ? { typeOnly: true } : {}),
              ...(r.targetPaths ? { targetPaths: patterns(r.targetPaths) } : {}),
            })),
          ),
        ]),
    ),
    deny: Object.fromEntries(config.layers.filter((l) => l.deny.size > 0).map((l) => [l.id, [...l.deny]])),
    tsconfig: config.tsconfig,
    lookThroughBarrels: config.lookThroughBarrels,
    hocTree: patterns(config.hocTree),
    include: config.include ? patterns(config.include) : null,
    exclude: patterns(config.exclude),
    extensions: config.extensions,
    maxFileBytes: config.maxFileBytes,
    maxUnresolvedShare: config.maxUnresolvedShare,
    operations: plain(config.operations),
    transactions: plain(config.transactions),
    database: plain(config.database),
    privateKeys: plain(config.privateKeys),
    dataAccess: config.dataAccess,
    spinePurity: { ...config.spinePurity, schemaPaths: patterns(config.spinePurity.schemaPaths), utilityPaths: patterns(config.spinePurity.utilityPaths) },
    handlerDomainScope: config.handlerDomainScope,
    bannedImports: config.bannedImports.entries.map((e) => ({ module: e.module, message: e.message })),
    quarantine: patterns(config.bannedImports.quarantine),
    operationSpecs: { files: patterns(config.operationSpecs.files), required: config.operationSpecs.required },
    guardrails: { ...config.guardrails, files: patterns(config.guardrails.files), idPattern: config.guardrails.idPattern.source },
    invariants: config.invariants,
    crossDomainDispatch: config.crossDomainDispatch,
    models: { layers: config.models.layers, prismaSchemas: patterns(config.models.prismaSchemas) },
    modelDrift: config.modelDrift,
    dataQuality: { statusColumns: config.dataQuality.statusColumns, nullableForeignKeys: config.dataQuality.nullableForeignKeys },
    surfaceLimits: {
      schemaLayers: config.surfaceLimits.schemaLayers,
      maxSchemaMethods: config.surfaceLimits.maxSchemaMethods,
      bridgeClasses: config.surfaceLimits.bridgeClasses,
      maxBridgeMethods: config.surfaceLimits.maxBridgeMethods,
    },
    schemaConsumers: config.schemaConsumers,
    exceptions: config.exceptions.map((e) => ({ path: e.pattern.source, ...(e.rules ? { rules: e.rules } : {}), reason: e.reason })),
    baseline: config.baseline,
    cache: config.cache,
    rules: Object.fromEntries(config.rules),
  };
}
