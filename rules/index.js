// The ESLint rules, one per check of the registry (src/checks/index.js), by their name inside the plugin
// (`hoc/<name>`). Adding a rule to the registry adds it here; nothing else to write.
import { CHECKS } from "../src/checks/index.js";
import { ruleFromCheck } from "./create-rule.js";

/** @type {Record<string, ReturnType<typeof ruleFromCheck>>} */
export const rules = Object.fromEntries(CHECKS.map((check) => [check.id.replace(/^hoc\//, ""), ruleFromCheck(check)]));
