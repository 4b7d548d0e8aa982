// The Node API: `import { audit } from "eslint-plugin-hoc/api"`. Returns the object `hoc-audit --format json` prints.
export { audit } from "./audit.js";
export { ConfigError } from "./config/config-error.js";
export { RULES } from "./checks/index.js";
