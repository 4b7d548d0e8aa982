// Turns an engine check into an ESLint rule: same messages, same findings, same locations. Rules hold no
// logic of their own, so ESLint and hoc-audit cannot drift apart.
import { ESLintUtils } from "@typescript-eslint/utils";
import { docsUrl } from "../src/version.js";
import { lintFindings, runCheckForLint } from "../src/eslint/project-cache.js";

const createRule = ESLintUtils.RuleCreator((name) => docsUrl(`hoc/${name}`));

/**
 * @template {string} M
 * @param {{ id: string, meta: { description: string, messages: Record<M, string>, suggestions?: boolean }, checkFile: Parameters<typeof runCheckForLint>[1]["checkFile"] }} check
 */
export function ruleFromCheck(check) {
  return createRule({
    name: check.id.replace(/^hoc\//, ""),
    meta: {
      type: "problem",
      docs: { description: check.meta.description },
      messages: check.meta.messages,
      schema: [],
      ...(check.meta.suggestions ? { hasSuggestions: true } : {}),
    },
    defaultOptions: [],
    create(context) {
      return {
        Program() {
          for (const { raw: f, message } of lintFindings(/** @type {any} */ (context), check)) {
            context.report({
              loc: {
                start: { line: f.line, column: f.column - 1 },
                end: { line: f.endLine ?? f.line, column: (f.endColumn ?? f.column) - 1 },
              },
              // A finding under a path exception carries its reason, exactly as hoc-audit prints it (ESLint
              // takes `message` only without a messageId).
              ...(message ? /** @type {{ messageId: M }} */ (/** @type {unknown} */ ({ message })) : { messageId: /** @type {M} */ (f.messageId), data: f.data }),
              ...(f.suggestion
                ? {
                    suggest: [
                      {
                        messageId: /** @type {M} */ (f.suggestion.messageId),
                        data: f.suggestion.data,
                        fix: (fixer) => fixer.replaceTextRange(/** @type {[number, number]} */ (f.suggestion?.range), /** @type {string} */ (f.suggestion?.text)),
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
