// ESLint with the TypeScript parser and no rules: what every ESLint-based check pays before any rule runs.
import tsParser from "@typescript-eslint/parser";

export default [{ files: ["**/*.ts", "**/*.tsx"], ignores: ["**/*.d.ts"], languageOptions: { parser: tsParser }, rules: {} }];
