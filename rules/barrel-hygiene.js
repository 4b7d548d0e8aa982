// hoc/barrel-hygiene: ESLint adapter over the engine check in src/checks/barrel-hygiene.js (docs: docs/rules/barrel-hygiene.md).
import { ruleFromCheck } from "./create-rule.js";
import { barrelHygiene } from "../src/checks/barrel-hygiene.js";

export default ruleFromCheck(barrelHygiene);
