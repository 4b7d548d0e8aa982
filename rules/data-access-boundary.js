// hoc/data-access-boundary: ESLint adapter over the engine check in src/checks/data-access-boundary.js (docs: docs/rules/data-access-boundary.md).
import { ruleFromCheck } from "./create-rule.js";
import { dataAccessBoundary } from "../src/checks/data-access-boundary.js";

export default ruleFromCheck(dataAccessBoundary);
