// hoc/transaction-boundaries: ESLint adapter over the engine check in src/checks/transaction-boundaries.js
// (docs: docs/rules/transaction-boundaries.md). Uses the parser's type information when the ESLint config
// provides it (parserOptions.projectService), syntactic verdicts otherwise.
import { ruleFromCheck } from "./create-rule.js";
import { transactionBoundaries } from "../src/checks/transaction-boundaries.js";

export default ruleFromCheck(transactionBoundaries);
