// hoc/handler-domain-scope: ESLint adapter over the engine check in src/checks/handler-domain-scope.js (docs: docs/rules/handler-domain-scope.md).
import { ruleFromCheck } from "./create-rule.js";
import { handlerDomainScope } from "../src/checks/handler-domain-scope.js";

export default ruleFromCheck(handlerDomainScope);
