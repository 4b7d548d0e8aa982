// hoc/invariant-binding: ESLint adapter over the engine check in src/checks/invariant-binding.js (docs: docs/rules/invariant-binding.md).
import { ruleFromCheck } from "./create-rule.js";
import { invariantBinding } from "../src/checks/invariant-binding.js";

export default ruleFromCheck(invariantBinding);
