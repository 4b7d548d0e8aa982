// hoc/banned-imports: ESLint adapter over the engine check in src/checks/banned-imports.js (docs: docs/rules/banned-imports.md).
import { ruleFromCheck } from "./create-rule.js";
import { bannedImports } from "../src/checks/banned-imports.js";

export default ruleFromCheck(bannedImports);
