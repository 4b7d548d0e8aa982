// eslint-plugin-hoc: the ESLint front end (rules + flat-config presets) and the Node API (`audit`).
import tsParser from "@typescript-eslint/parser";
import { rules } from "./rules/index.js";
import { CHECKS, presetSeverity } from "./src/checks/index.js";
import { TOOL_NAME, TOOL_VERSION } from "./src/version.js";

export { audit } from "./src/audit.js";

const FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

/**
 * A preset's rules, at the severities hoc-audit gives them in the same preset (one function decides both).
 * @param {"recommended" | "strict"} preset
 * @returns {Record<string, "error" | "warn">}
 */
function presetRules(preset) {
  /** @type {Record<string, "error" | "warn">} */
  const out = {};
  for (const rule of CHECKS) {
    const severity = presetSeverity(rule, preset);
    if (severity) out[rule.id] = severity === "error" ? "error" : "warn";
  }
  return out;
}

const plugin = {
  meta: { name: TOOL_NAME, version: TOOL_VERSION },
  rules,
  /** @type {Record<"recommended" | "strict", import("eslint").Linter.Config>} */
  configs: /** @type {any} */ ({}),
};

plugin.configs.recommended = {
  name: "hoc/recommended",
  files: FILES,
  plugins: { hoc: /** @type {any} */ (plugin) },
  languageOptions: { parser: tsParser },
  rules: presetRules("recommended"),
};
plugin.configs.strict = {
  name: "hoc/strict",
  files: FILES,
  plugins: { hoc: /** @type {any} */ (plugin) },
  languageOptions: { parser: tsParser },
  rules: presetRules("strict"),
};

export default plugin;
