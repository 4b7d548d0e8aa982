// Known exceptions, one mechanism for every rule and one decision for both front ends (`knownStatus`): a
// finding is known when a path exception with a reason in hoc.config.json covers it, when it is the import a
// handler-domain exception names, or when the baseline records its fingerprint. Known findings keep their rule's
// severity but fail nothing: hoc-audit lists them as known (with the reason), ESLint leaves them out, as it does
// with its own suppressions. An exception or baseline entry that no longer matches anything is itself a finding
// (import-linter's "loud failure when an ignore no longer matches"), so the list of known exceptions only shrinks.
import fs from "node:fs";
import path from "node:path";
import { parseJson, readUserFile } from "../config/read-file.js";
import { ConfigError } from "../config/config-error.js";
import { toPosix } from "../project/tsconfig.js";
import { formatMessage } from "./finding.js";

/** @typedef {import("../types.js").Finding} Finding */
/** @typedef {import("../types.js").HocConfig} HocConfig */
/** @typedef {{ ruleId: string, file: string, fingerprint: string, message?: string }} BaselineEntry */
/** @typedef {{ file: string, entries: BaselineEntry[], lines: number[] }} Baseline */
/**
 * @typedef {{ kind: "exception" | "baseline", reason: string, exception?: number, handlerException?: number, dispatchException?: number, foreignKeyException?: number }} KnownStatus
 */

/** Findings about the known-exception lists themselves (located in hoc.config.json and the baseline): hoc-audit only. */
export const STALE_RULE = {
  id: "hoc/stale-exception",
  description: "A baseline entry or a configured exception that no longer matches any finding: remove it, so the list of known exceptions only shrinks.",
  severity: /** @type {const} */ ("error"),
  messages: {
    baseline:
      "Baseline entry for {{ruleId}} in {{file}} no longer matches any finding ({{message}}): the violation is gone. Remove the entry (or write the baseline again with --write-baseline) so the list of known exceptions only shrinks.",
    exception:
      "Exception for {{path}} ({{reason}}) matches no finding any more: remove it from `exceptions` in hoc.config.json so it cannot hide a new violation later.",
    handlerException:
      "handlerDomainScope exception for handler `{{handler}}` → domain `{{domain}}` ({{reason}}) matches no import any more: remove it from hoc.config.json.",
    foreignKeyException:
      "dataQuality.nullableForeignKeys entry `{{model}}.{{column}}` ({{reason}}) matches no nullable foreign key any more: remove it from hoc.config.json.",
    dispatchException: "crossDomainDispatch.allow entry `{{from}}` → `{{to}}` ({{reason}}) matches no dispatch any more: remove it from hoc.config.json.",
  },
};

/**
 * @param {string} file absolute
 * @returns {Baseline}
 */
export function readBaseline(file) {
  const text = readUserFile(file, "the baseline", `write one with --write-baseline ${path.basename(file)}`);
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new ConfigError(`${file}: the baseline is not valid JSON${parsed.where ? ` ${parsed.where}` : ""}; write it again with --write-baseline`);
  /** @type {any} */
  const json = parsed.value;
  if (
    !json ||
    !Array.isArray(json.findings) ||
    json.findings.some((/** @type {any} */ f) => typeof f?.fingerprint !== "string" || typeof f?.ruleId !== "string")
  ) {
    throw new ConfigError(
      `${file}: not a hoc-audit baseline (expected { "findings": [{ "ruleId", "file", "fingerprint", ... }] }); write it again with --write-baseline`,
    );
  }
  // The line of each entry, so a stale one is reported where it can be deleted.
  // Counted incrementally: a baseline of 20,000 entries is read in one pass, not 20,000.
  const lines = [];
  let from = 0;
  let line = 1;
  for (const entry of json.findings) {
    const at = text.indexOf(entry.fingerprint, from);
    if (at < 0) {
      lines.push(1);
      continue;
    }
    for (let i = from; i < at; i++) if (text.charCodeAt(i) === 10) line++;
    lines.push(line);
    from = at;
  }
  return { file, entries: json.findings, lines };
}

/**
 * @param {Finding[]} findings
 * @param {{ name: string, version: string }} tool
 */
export function formatBaseline(findings, tool) {
  // Findings already known through a configured exception stay there; the baseline records the rest.
  const entries = findings
    .filter((f) => f.ruleId !== STALE_RULE.id && f.known !== "exception")
    .map((f) => ({
      ruleId: f.ruleId,
      file: f.file,
      fingerprint: f.fingerprint,
      message: f.message.length > 160 ? `${f.message.slice(0, 157)}...` : f.message,
    }));
  return `${JSON.stringify({ tool, note: "Known findings: hoc-audit --baseline <this file> does not fail on them. Entries that stop matching are reported, so this list only shrinks.", findings: entries }, null, 2)}\n`;
}

/**
 * The line of `needle` in a text file (1 when it cannot be found).
 * @param {string | null} file
 * @param {string} needle
 */
function lineOf(file, needle) {
  if (!file) return 1;
  try {
    const text = fs.readFileSync(file, "utf8");
    const at = text.indexOf(needle);
    return at < 0 ? 1 : text.slice(0, at).split("\n").length;
  } catch {
    return 1;
  }
}

/**
 * Is this finding known, and why? The one decision both front ends make (ESLint drops known findings,
 * hoc-audit lists them). Decided on the rule id, the file, the finding's data and its fingerprint, never on its
 * message text.
 * @param {{ ruleId: string, messageId: string, file: string, data: Record<string, string>, fingerprint: string }} f
 * @param {HocConfig} config
 * @param {Set<string> | null} baseline fingerprints recorded in the baseline
 * @returns {KnownStatus | null}
 */
export function knownStatus(f, config, baseline) {
  const exception = config.exceptions.find((e) => e.pattern.match(f.file) !== null && (!e.rules || e.rules.includes(f.ruleId)));
  if (exception) return { kind: "exception", reason: exception.reason, exception: exception.index };
  if (f.ruleId === "hoc/handler-domain-scope") {
    const i = config.handlerDomainScope.exceptions.findIndex((e) => e.handler === f.data.handler && e.domain === f.data.domain);
    if (i >= 0) return { kind: "exception", reason: config.handlerDomainScope.exceptions[i].reason, handlerException: i };
  }
  if (f.ruleId === "hoc/cross-domain-dispatch") {
    const i = config.crossDomainDispatch.allow.findIndex((e) => e.from === f.data.from && e.to === f.data.to);
    if (i >= 0) return { kind: "exception", reason: config.crossDomainDispatch.allow[i].reason, dispatchException: i };
  }
  if (f.ruleId === "hoc/data-quality" && f.messageId === "nullableForeignKey") {
    const i = config.dataQuality.nullableForeignKeys.findIndex((e) => e.model === f.data.model && e.column === f.data.column);
    if (i >= 0) return { kind: "exception", reason: config.dataQuality.nullableForeignKeys[i].reason, foreignKeyException: i };
  }
  if (baseline?.has(f.fingerprint)) return { kind: "baseline", reason: "recorded in the baseline" };
  return null;
}

/**
 * Mark known findings, and add a finding for every baseline entry or exception that matched nothing.
 * @param {Finding[]} findings sorted
 * @param {HocConfig} config
 * @param {Baseline | null} baseline
 * @param {string} root absolute
 * @returns {Finding[]} the findings, marked, plus stale ones
 */
export function applyKnown(findings, config, baseline, root) {
  const recorded = new Map((baseline?.entries ?? []).map((e, i) => [e.fingerprint, i]));
  const fingerprints = new Set(recorded.keys());
  const usedEntries = new Set();
  const usedExceptions = new Set();
  const usedHandlerExceptions = new Set();
  const usedDispatchExceptions = new Set();
  const usedForeignKeyExceptions = new Set();
  /** @type {Finding[]} */
  const out = findings.map((f) => {
    const status = knownStatus(f, config, baseline ? fingerprints : null);
    if (!status) return f;
    if (status.exception !== undefined) usedExceptions.add(status.exception);
    if (status.handlerException !== undefined) usedHandlerExceptions.add(status.handlerException);
    if (status.dispatchException !== undefined) usedDispatchExceptions.add(status.dispatchException);
    if (status.foreignKeyException !== undefined) usedForeignKeyExceptions.add(status.foreignKeyException);
    if (status.kind === "baseline") usedEntries.add(recorded.get(f.fingerprint));
    return { ...f, known: status.kind, reason: status.reason };
  });
  const rel = (/** @type {string} */ abs) => toPosix(path.relative(root, abs));
  /** @param {string} file @param {number} line @param {keyof typeof STALE_RULE.messages} messageId @param {Record<string, string>} data @param {string} key */
  const stale = (file, line, messageId, data, key) =>
    /** @type {Finding} */ ({
      ruleId: STALE_RULE.id,
      severity: STALE_RULE.severity,
      file,
      line,
      column: 1,
      messageId,
      data,
      message: formatMessage(STALE_RULE.messages[messageId], data),
      fingerprint: key,
    });
  if (baseline) {
    baseline.entries.forEach((e, i) => {
      if (usedEntries.has(i)) return;
      out.push(
        stale(
          rel(baseline.file),
          baseline.lines[i],
          "baseline",
          { ruleId: e.ruleId, file: e.file, message: (e.message ?? "").slice(0, 80) },
          `stale-baseline-${e.fingerprint}`,
        ),
      );
    });
  }
  const configFile = config.configFile;
  const configRel = configFile ? rel(configFile) : "hoc.config.json";
  for (const e of config.exceptions) {
    if (usedExceptions.has(e.index)) continue;
    out.push(
      stale(
        configRel,
        lineOf(configFile, JSON.stringify(e.pattern.source)),
        "exception",
        { path: e.pattern.source, reason: e.reason },
        `stale-exception-${e.index}-${e.pattern.source}`,
      ),
    );
  }
  if (config.rules.has("hoc/handler-domain-scope")) {
    config.handlerDomainScope.exceptions.forEach((e, i) => {
      if (usedHandlerExceptions.has(i)) return;
      out.push(
        stale(
          configRel,
          lineOf(configFile, `"${e.domain}"`),
          "handlerException",
          { handler: e.handler, domain: e.domain, reason: e.reason },
          `stale-handler-${e.handler}-${e.domain}`,
        ),
      );
    });
  }
  if (config.rules.has("hoc/cross-domain-dispatch")) {
    config.crossDomainDispatch.allow.forEach((e, i) => {
      if (usedDispatchExceptions.has(i)) return;
      out.push(
        stale(
          configRel,
          lineOf(configFile, `"${e.reason}"`),
          "dispatchException",
          { from: e.from, to: e.to, reason: e.reason },
          `stale-dispatch-${e.from}-${e.to}`,
        ),
      );
    });
  }
  if (config.rules.has("hoc/data-quality")) {
    config.dataQuality.nullableForeignKeys.forEach((e, i) => {
      if (usedForeignKeyExceptions.has(i)) return;
      out.push(
        stale(
          configRel,
          lineOf(configFile, `"${e.reason}"`),
          "foreignKeyException",
          { model: e.model, column: e.column, reason: e.reason },
          `stale-foreign-key-${e.model}-${e.column}`,
        ),
      );
    });
  }
  return out;
}
