// eslint-plugin-boundaries with the element types and dependency rules equivalent to the HOC layer matrix's
// main laws (the same four that the dependency-cruiser config checks): API -> engines/drivers, engine ->
// other domain, driver -> engine, engine -> orchestrator.
import { createRequire } from "node:module";
import tsParser from "@typescript-eslint/parser";

const require = createRequire(import.meta.url);
const boundaries = require("eslint-plugin-boundaries");

export default [
  {
    files: ["**/*.ts"],
    ignores: ["**/*.d.ts"],
    languageOptions: { parser: tsParser },
    plugins: { boundaries },
    settings: {
      "import/resolver": { [require.resolve("eslint-import-resolver-typescript")]: { project: `${process.cwd()}/tsconfig.json` } },
      "boundaries/include": ["src/**/*.ts"],
      "boundaries/elements": [
        { type: "api", pattern: "src/hoc/api/*/*", mode: "folder", capture: ["audience", "domain"] },
        { type: "orchestrator", pattern: "src/hoc/*/hoc_spine/orchestrator", mode: "folder" },
        { type: "spine", pattern: "src/hoc/*/hoc_spine", mode: "folder" },
        { type: "engine", pattern: "src/hoc/*/*/L5_engines", mode: "folder", capture: ["audience", "domain"] },
        { type: "schema", pattern: "src/hoc/*/*/L5_schemas", mode: "folder", capture: ["audience", "domain"] },
        { type: "driver", pattern: "src/hoc/*/*/L6_drivers", mode: "folder", capture: ["audience", "domain"] },
        { type: "model", pattern: "src/hoc/models", mode: "folder" },
      ],
    },
    rules: {
      "boundaries/element-types": [
        2,
        {
          default: "allow",
          rules: [
            { from: "api", disallow: ["engine", "driver"] },
            { from: "engine", disallow: [["engine", { domain: "!${from.domain}" }], "orchestrator"] },
            { from: "driver", disallow: ["engine"] },
          ],
        },
      ],
    },
  },
];
