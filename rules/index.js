import layerBoundaries from "./layer-boundaries.js";
import layerHeader from "./layer-header.js";
import barrelHygiene from "./barrel-hygiene.js";
import operationOwnership from "./operation-ownership.js";
import noUnknownOperation from "./no-unknown-operation.js";
import invariantBinding from "./invariant-binding.js";
import transactionBoundaries from "./transaction-boundaries.js";
import noPrivateKwargsLeak from "./no-private-kwargs-leak.js";
import dataAccessBoundary from "./data-access-boundary.js";
import spinePurity from "./spine-purity.js";
import handlerDomainScope from "./handler-domain-scope.js";
import bannedImports from "./banned-imports.js";

/** Rules by their name inside the plugin (`hoc/<name>`). */
export const rules = {
  "layer-boundaries": layerBoundaries,
  "layer-header": layerHeader,
  "barrel-hygiene": barrelHygiene,
  "operation-ownership": operationOwnership,
  "no-unknown-operation": noUnknownOperation,
  "invariant-binding": invariantBinding,
  "transaction-boundaries": transactionBoundaries,
  "no-private-kwargs-leak": noPrivateKwargsLeak,
  "data-access-boundary": dataAccessBoundary,
  "spine-purity": spinePurity,
  "handler-domain-scope": handlerDomainScope,
  "banned-imports": bannedImports,
};
