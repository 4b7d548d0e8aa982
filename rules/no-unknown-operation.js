// hoc/no-unknown-operation: ESLint adapter over the engine check in src/checks/no-unknown-operation.js (docs: docs/rules/no-unknown-operation.md).
import { ruleFromCheck } from "./create-rule.js";
import { noUnknownOperation } from "../src/checks/no-unknown-operation.js";

export default ruleFromCheck(noUnknownOperation);
