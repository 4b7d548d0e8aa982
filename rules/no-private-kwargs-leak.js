// hoc/no-private-kwargs-leak: ESLint adapter over the engine check in src/checks/no-private-kwargs-leak.js
// (docs: docs/rules/no-private-kwargs-leak.md). Offers a suggestion (never an autofix) that wraps the leaking
// argument in the configured sanitizer.
import { ruleFromCheck } from "./create-rule.js";
import { noPrivateKwargsLeak } from "../src/checks/no-private-kwargs-leak.js";

export default ruleFromCheck(noPrivateKwargsLeak);
