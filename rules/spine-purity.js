// hoc/spine-purity: ESLint adapter over the engine check in src/checks/spine-purity.js (docs: docs/rules/spine-purity.md).
import { ruleFromCheck } from "./create-rule.js";
import { spinePurity } from "../src/checks/spine-purity.js";

export default ruleFromCheck(spinePurity);
