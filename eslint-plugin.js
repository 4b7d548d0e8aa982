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

/** @typedef {import("eslint").ESLint.Plugin & { configs: Record<"recommended" | "strict", import("eslint").Linter.Config> }} HocPlugin */

/** @type {HocPlugin} */
const plugin = {
  meta: { name: TOOL_NAME, version: TOOL_VERSION },
  rules: /** @type {any} */ (rules),
  configs: /** @type {any} */ ({}),
};

/**
 * @param {"recommended" | "strict"} preset
 * @returns {import("eslint").Linter.Config}
 */
const presetConfig = (preset) => ({
  name: `hoc/${preset}`,
  files: FILES,
  plugins: { hoc: plugin },
  languageOptions: { parser: tsParser },
  rules: presetRules(preset),
});
plugin.configs.recommended = presetConfig("recommended");
plugin.configs.strict = presetConfig("strict");

export default plugin;
