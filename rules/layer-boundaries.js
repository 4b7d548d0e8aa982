// hoc/layer-boundaries: ESLint adapter over the engine check in src/checks/layer-boundaries.js (docs: docs/rules/layer-boundaries.md).
import { ruleFromCheck } from "./create-rule.js";
import { layerBoundaries } from "../src/checks/layer-boundaries.js";

export default ruleFromCheck(layerBoundaries);
