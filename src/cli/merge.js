// `hoc-audit merge <report.json...>`: per-package JSON reports into one report with one gate table (see
// src/report/merge.js for what joining the operation indexes adds).
import path from "node:path";
import { Command, Option } from "commander";
import { parseCommand } from "./parse-command.js";
import { ConfigError } from "../config/config-error.js";
import { parseJson, readUserFile } from "../config/read-file.js";
import { mergeReports } from "../report/merge.js";
import { toPosix } from "../project/tsconfig.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";

/** @typedef {import("../audit.js").Report} Report */

/**
 * @param {string[]} argv the arguments after `merge`
 * @param {import("./main.js").Io} io
 * @param {(report: Report, format: string, output: string | undefined, reports: string[], quiet: boolean) => number} emit how the audit prints a report
 * @returns {number}
 */
export function runMerge(argv, io, emit) {
  const program = new Command("hoc-audit merge")
    .description(
      "Combine per-package JSON reports (hoc-audit --format json --with-operations) into one report with one gate table; operations are joined across packages.",
    )
    .argument("<reports...>", "the JSON reports; paths in each are taken relative to its own folder")
    .addOption(new Option("-f, --format <format>", "report format").choices(["text", "json", "sarif", "markdown"]).default("text"))
    .option("-o, --output <file>", "write the report to a file (the text report still goes to stdout)")
    .option(
      "--report <format=file>",
      "also write the merged report in another format (repeatable)",
      (v, /** @type {string[]} */ acc) => [...acc, v],
      /** @type {string[]} */ ([]),
    )
    .option("-q, --quiet", "print only blocking findings");
  const ended = parseCommand(program, argv, io);
  if (ended !== null) return ended;
  const opts = program.opts();
  /** @type {import("../report/merge.js").Part[]} */
  const parts = [];
  try {
    for (const arg of program.args) {
      const file = path.resolve(io.cwd, arg);
      const parsed = parseJson(readUserFile(file, "the report", "give the JSON report hoc-audit --format json wrote"));
      if (!parsed.ok) throw new ConfigError(`${arg}: not valid JSON${parsed.where ? ` ${parsed.where}` : ""}; give a report of hoc-audit --format json`);
      const report = /** @type {Report} */ (parsed.value);
      if (report?.tool?.name !== TOOL_NAME || !Array.isArray(report.findings) || !Array.isArray(report.summary?.gates) || !Array.isArray(report.errors)) {
        throw new ConfigError(`${arg}: not a hoc-audit JSON report; write one with hoc-audit --format json --with-operations --output ${arg}`);
      }
      const root = path.resolve(path.dirname(file), typeof report.root === "string" ? report.root : ".");
      parts.push({ report, prefix: toPosix(path.relative(io.cwd, root)), where: arg });
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`hoc-audit merge: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { report, problems } = mergeReports(parts, { name: TOOL_NAME, version: TOOL_VERSION });
  for (const p of problems) io.stderr(`hoc-audit merge: note: ${p}\n`);
  return emit(report, opts.format, opts.output, opts.report, opts.quiet === true);
}
