// Every rule of the plugin, one definition each (src/checks/define.js). Everything else is derived from this
// list: the ESLint adapters and presets (eslint-plugin.js), the rules hoc-audit runs, the gate table, the
// config's known rule ids, SARIF's rule descriptions and the README's rule table.
import { layerBoundaries } from "./layer-boundaries.js";
import { layerHeader } from "./layer-header.js";
import { barrelHygiene } from "./barrel-hygiene.js";
import { operationOwnership } from "./operation-ownership.js";
import { noUnknownOperation } from "./no-unknown-operation.js";
import { invariantBinding } from "./invariant-binding.js";
import { unverifiableOperation } from "./unverifiable-operation.js";
import { transactionBoundaries } from "./transaction-boundaries.js";
import { noPrivateKwargsLeak } from "./no-private-kwargs-leak.js";
import { dataAccessBoundary } from "./data-access-boundary.js";
import { spinePurity } from "./spine-purity.js";
import { handlerDomainScope } from "./handler-domain-scope.js";
import { bannedImports } from "./banned-imports.js";
import { crossDomainDispatch } from "./cross-domain-dispatch.js";
import { operationSpec } from "./operation-spec.js";
import { operationSpecCoverage } from "./operation-spec-coverage.js";
import { invariantFailClosed } from "./invariant-fail-closed.js";
import { guardrailLinkage } from "./guardrail-linkage.js";
import { guardrailCoverage } from "./guardrail-coverage.js";
import { modelDrift } from "./model-drift.js";
import { dataQuality } from "./data-quality.js";
import { tombstone } from "./tombstone.js";
import { surfaceLimits } from "./surface-limits.js";
import { schemaConsumers } from "./schema-consumers.js";

/** @typedef {import("./define.js").Check<string>} Rule */
/** @typedef {import("./define.js").Preset} Preset */

/** @type {Rule[]} */
export const CHECKS = [
  layerBoundaries,
  layerHeader,
  barrelHygiene,
  operationOwnership,
  noUnknownOperation,
  invariantBinding,
  unverifiableOperation,
  transactionBoundaries,
  noPrivateKwargsLeak,
  dataAccessBoundary,
  spinePurity,
  handlerDomainScope,
  bannedImports,
  crossDomainDispatch,
  operationSpec,
  operationSpecCoverage,
  invariantFailClosed,
  guardrailLinkage,
  guardrailCoverage,
  modelDrift,
  dataQuality,
  tombstone,
  surfaceLimits,
  schemaConsumers,
];

/** @type {Map<string, Rule>} */
export const RULES = new Map(CHECKS.map((r) => [r.id, r]));

/**
 * A rule's severity in a preset, the same for ESLint's flat configs and hoc-audit: `strict` makes every rule an
 * error, `recommended` uses the rule's own severity. Null: the rule is not in the preset.
 * @param {Rule} rule
 * @param {Preset} preset
 * @returns {import("../types.js").Severity | null}
 */
export function presetSeverity(rule, preset) {
  if (!rule.presets.includes(preset)) return null;
  return preset === "strict" ? "error" : rule.severity;
}

/** What the config needs to know of the rules (their ids and preset severities), without depending on them. */
export const CATALOG = {
  ids: [...RULES.keys()],
  presetSeverity: (/** @type {string} */ id, /** @type {Preset} */ preset) => presetSeverity(/** @type {Rule} */ (RULES.get(id)), preset),
};
