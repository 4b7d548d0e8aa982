// hoc/operation-ownership: ESLint adapter over the engine check in src/checks/operation-ownership.js (docs: docs/rules/operation-ownership.md).
import { ruleFromCheck } from "./create-rule.js";
import { operationOwnership } from "../src/checks/operation-ownership.js";

export default ruleFromCheck(operationOwnership);
