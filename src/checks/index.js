// Every rule of the plugin, by id. A rule is a pure check over the project model's facts; the ESLint rules
// in rules/ and the hoc-audit CLI both run exactly these.
import { layerBoundaries } from "./layer-boundaries.js";
import { layerHeader } from "./layer-header.js";
import { barrelHygiene } from "./barrel-hygiene.js";
import { operationOwnership } from "./operation-ownership.js";
import { noUnknownOperation } from "./no-unknown-operation.js";
import { invariantBinding } from "./invariant-binding.js";
import { transactionBoundaries } from "./transaction-boundaries.js";
import { noPrivateKwargsLeak } from "./no-private-kwargs-leak.js";
import { dataAccessBoundary } from "./data-access-boundary.js";
import { spinePurity } from "./spine-purity.js";
import { handlerDomainScope } from "./handler-domain-scope.js";
import { bannedImports } from "./banned-imports.js";

/**
 * @typedef {{
 *   id: string,
 *   meta: {
 *     description: string,
 *     defaultSeverity: import("../types.js").Severity,
 *     presets: string[],
 *     gate: { label: string, unit: string, violationWord?: string },
 *     messages: Record<string, string>,
 *     suggestions?: boolean,
 *   },
 *   checkFile(file: string, project: import("../project/project.js").Project): { findings: import("../types.js").RawFinding[], checked: number },
 *   gateChecked?(project: import("../project/project.js").Project): number,
 * }} Rule
 */

/** @type {Map<string, Rule>} */
export const RULES = new Map(
  /** @type {Rule[]} */ ([layerBoundaries, layerHeader, barrelHygiene, operationOwnership, noUnknownOperation, invariantBinding, transactionBoundaries,
    noPrivateKwargsLeak, dataAccessBoundary, spinePurity, handlerDomainScope, bannedImports]).map((r) => [r.id, r]),
);

/** Rules that read the project-wide operation index (ESLint keeps their file list fresh). */
export const PROJECT_WIDE_RULES = new Set([operationOwnership.id, noUnknownOperation.id, invariantBinding.id, handlerDomainScope.id]);
