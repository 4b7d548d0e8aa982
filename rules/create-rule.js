// Turns an engine check into an ESLint rule: same messages, same findings, same locations. Rules hold no logic of
// their own, so ESLint and hoc-audit cannot drift apart; they are all made from the registry (rules/index.js).
import { ESLintUtils } from "@typescript-eslint/utils";
import { docsUrl } from "../src/version.js";
import { lintFindings } from "../src/eslint/project-cache.js";
import { NOT_CHECKED, NOT_CHECKED_MESSAGE } from "../src/checks/not-checked.js";
import { optionSection } from "../src/checks/define.js";
import { createRequire } from "node:module";

/** @type {{ properties: Record<string, object>, definitions: Record<string, object> }} */
const configSchema = createRequire(import.meta.url)("../schema/hoc.config.schema.json");

/**
 * A rule's options: one object, its own section of hoc.config.json (`"hoc/surface-limits": ["warn", { "maxSchemaMethods": 8 }]`),
 * validated by ESLint against the same JSON Schema as the config file. Rules that read only shared sections take none.
 * @param {import("../src/checks/index.js").Rule} check
 */
function optionsSchema(check) {
  const section = optionSection(check);
  if (!section || !configSchema.properties[section]) return [];
  return { type: "array", items: [configSchema.properties[section]], maxItems: 1, definitions: configSchema.definitions };
}

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
      schema: /** @type {any} */ (optionsSchema(check)),
      ...(check.suggestions ? { hasSuggestions: true } : {}),
    },
    defaultOptions: /** @type {any} */ ([]),
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
