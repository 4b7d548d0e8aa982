import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** @type {{ name: string, version: string, homepage?: string }} */
const pkg = require("../package.json");

export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
export const HOMEPAGE = pkg.homepage ?? "";
/** Where a rule's docs page lives, for SARIF `helpUri` and ESLint `meta.docs.url`. */
export const DOCS_BASE = `${HOMEPAGE}/blob/main/docs/rules/`;

/** @param {string} ruleId e.g. "hoc/layer-boundaries" */
export function docsUrl(ruleId) {
  return `${DOCS_BASE}${ruleId.replace(/^hoc\//, "")}.md`;
}
