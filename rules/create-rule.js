// Turns an engine check into an ESLint rule: same messages, same findings, same locations. Rules hold no logic of
// their own, so ESLint and hoc-audit cannot drift apart; they are all made from the registry (rules/index.js).
import { ESLintUtils } from "@typescript-eslint/utils";
import { docsUrl } from "../src/version.js";
import { lintFindings } from "../src/eslint/project-cache.js";
import { NOT_CHECKED, NOT_CHECKED_MESSAGE } from "../src/checks/not-checked.js";

const createRule = ESLintUtils.RuleCreator((name) => docsUrl(`hoc/${name}`));

/**
 * @param {import("../src/checks/index.js").Rule} check
 */
export function ruleFromCheck(check) {
  return createRule({
    name: check.id.replace(/^hoc\//, ""),
    meta: {
      type: "problem",
      docs: { description: check.description },
      messages: /** @type {Record<string, string>} */ ({ ...check.messages, [NOT_CHECKED]: NOT_CHECKED_MESSAGE }),
      schema: [],
      ...(check.suggestions ? { hasSuggestions: true } : {}),
    },
    defaultOptions: [],
    create(context) {
      return {
        Program() {
          for (const f of lintFindings(/** @type {any} */ (context), check)) {
            const suggestion = f.suggestion;
            context.report({
              loc: {
                start: { line: f.line, column: f.column - 1 },
                end: { line: f.endLine ?? f.line, column: (f.endColumn ?? f.column) - 1 },
              },
              messageId: f.messageId,
              data: f.data,
              ...(suggestion
                ? {
                    suggest: [
                      {
                        messageId: suggestion.messageId,
                        data: suggestion.data,
                        fix: (fixer) => suggestion.edits.map((e) => fixer.replaceTextRange(e.range, e.text)),
                      },
                    ],
                  }
                : {}),
            });
          }
        },
      };
    },
  });
}
