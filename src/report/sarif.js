// SARIF 2.1.0 for code-scanning uploads: one run, every rule described with help text and its docs URL,
// locations relative to the scan root, and our stable fingerprints as partialFingerprints.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { RULES } from "../checks/index.js";
import { HOMEPAGE, docsUrl } from "../version.js";
import { STALE_RULE } from "./known.js";

/** @typedef {import("../audit.js").Report} Report */
/** @typedef {import("sarif").Log} Log */
/** @typedef {import("sarif").ReportingDescriptor} ReportingDescriptor */

/** @param {string} file */
const encode = (file) => file.split("/").map(encodeURIComponent).join("/");

/**
 * @param {Report} report
 * @param {{ cwd?: string }} [options]
 * @returns {string}
 */
export function formatSarif(report, options = {}) {
  const rootDir = path.resolve(options.cwd ?? process.cwd(), report.root);
  const described = [...[...RULES.values()], STALE_RULE].map((r) => ({ id: r.id, description: r.description, level: r.severity, messages: r.messages }));
  /** @type {ReportingDescriptor[]} */
  const rules = described.map((r) => ({
    id: r.id,
    name: r.id.replace(/^hoc\//, "").replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    helpUri: docsUrl(r.id),
    help: { text: `${r.description} See ${docsUrl(r.id)}`, markdown: `${r.description}\n\n[Rule documentation](${docsUrl(r.id)})` },
    defaultConfiguration: { level: /** @type {"error" | "warning"} */ (r.level) },
    // The rule's messages by id, with the finding's data as named arguments: consumers match on ids, not text.
    messageStrings: Object.fromEntries(Object.entries(/** @type {Record<string, string>} */ (r.messages)).map(([id, text]) => [id, { text }])),
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  /** @type {Log} */
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, informationUri: HOMEPAGE, rules } },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(rootDir).href}/` } },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: f.severity,
          message: { text: f.message, id: f.messageId },
          properties: { messageId: f.messageId, data: f.data, ...(f.reason ? { knownReason: f.reason } : {}) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encode(f.file), uriBaseId: "SRCROOT" },
                region: { startLine: f.line, startColumn: f.column, ...(f.endLine ? { endLine: f.endLine, endColumn: f.endColumn } : {}) },
              },
            },
          ],
          partialFingerprints: { "hocFingerprint/v1": f.fingerprint },
          ...(f.known
            ? {
                suppressions: [
                  {
                    kind: "external",
                    justification: f.known === "baseline" ? "recorded in the hoc-audit baseline" : `known exception in hoc.config.json: ${f.reason}`,
                  },
                ],
              }
            : {}),
          ...(f.related
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i + 1,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri: encode(r.file), uriBaseId: "SRCROOT" }, region: { startLine: r.line, startColumn: r.column } },
                })),
              }
            : {}),
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: "error",
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: encode(e.file), uriBaseId: "SRCROOT" } } }],
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
