// hoc/layer-header: ESLint adapter over the engine check in src/checks/layer-header.js (docs: docs/rules/layer-header.md).
import { ruleFromCheck } from "./create-rule.js";
import { layerHeader } from "../src/checks/layer-header.js";

export default ruleFromCheck(layerHeader);
