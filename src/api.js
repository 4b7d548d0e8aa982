// The Node API: `import { audit } from "eslint-plugin-hoc/api"`. Returns the object `hoc-audit --format json` prints.
export { audit } from "./audit.js";
export { ConfigError } from "./config/config-error.js";
export { RULES } from "./checks/index.js";

/** @typedef {import("./audit.js").Report} Report the object `audit()` returns (`hoc-audit --format json`) */
/** @typedef {import("./audit.js").AuditOptions} AuditOptions */
/** @typedef {import("./audit.js").Gate} Gate */
/** @typedef {import("./types.js").Finding} Finding */
/** @typedef {import("./types.js").ScanError} ScanError */
