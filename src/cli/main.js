// hoc-audit: parse arguments, run the audit, print or write the report, exit 0/1/2.
import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { parseCommand } from "./parse-command.js";
import { audit, scan } from "../audit.js";
import { formatOperationsMarkdown, formatOperationsText, operationsListing } from "../report/operations-list.js";
import { formatBaseline } from "../report/known.js";
import { ConfigError } from "../config/config-error.js";
import { exitCodeOf } from "../report/gates.js";
import { formatText } from "../report/text.js";
import { formatJson } from "../report/json.js";
import { formatSarif } from "../report/sarif.js";
import { formatMarkdown } from "../report/markdown.js";
import { formatDot, formatMermaid } from "../report/graph.js";
import { TOOL_VERSION } from "../version.js";
import { loadConfig } from "../config/load-config.js";
import { effectiveConfig } from "../config/effective.js";
import { CATALOG } from "../checks/index.js";
import { runInit } from "./init.js";
import { runMerge } from "./merge.js";

const REPORT_FORMATS = ["text", "json", "sarif", "markdown", "mermaid", "dot"];

/** @typedef {{ stdout: (s: string) => void, stderr: (s: string) => void, cwd: string, interactive?: boolean, progressAfterMs?: number }} Io */

/**
 * Run the CLI; returns the exit code instead of exiting, so tests can call it in-process.
 * @param {string[]} argv arguments after the program name
 * @param {Io} io
 * @returns {number}
 */
export function runCli(argv, io) {
  // Subcommands come first; a folder that happens to be called `init` or `merge` is scanned as `./init`.
  if (argv[0] === "init") return runInit(argv.slice(1), io);
  if (argv[0] === "merge")
    return runMerge(argv.slice(1), io, (report, format, output, extra, quiet) => {
      const reports = reportsAsked(extra, ["text", "json", "sarif", "markdown"], "hoc-audit merge", io);
      return reports ? emitReport(report, io, { format, output, reports, quiet }) : 2;
    });
  const program = new Command("hoc-audit")
    .description(
      "Audit a HOC-layered TypeScript repository against every gate (layers, operations and their contracts, data access, transactions, private keys, data models, hygiene): a gate table, then the findings by file.",
    )
    .version(TOOL_VERSION)
    .argument("[paths...]", "files or folders to scan (default: .)")
    .addOption(new Option("-f, --format <format>", "report format").choices(REPORT_FORMATS).default("text"))
    .option("-o, --output <file>", "write the report to a file (the gate table still goes to stdout)")
    .option(
      "--report <format=file>",
      "also write a report of this run in another format (repeatable), e.g. --report sarif=hoc.sarif --report markdown=hoc.md",
      (v, /** @type {string[]} */ acc) => [...acc, v],
      /** @type {string[]} */ ([]),
    )
    .option("-r, --rule <id>", "only run this rule (repeatable)", (v, acc) => [...acc, v], /** @type {string[]} */ ([]))
    .option("-c, --config <file>", "use this hoc.config.json instead of the nearest one")
    .option(
      "--tsconfig <file>",
      "the tsconfig that decides the scanned files and resolves imports (default: the config's tsconfig, else tsconfig.json at the root)",
    )
    .option("-q, --quiet", "print only blocking findings and scan errors")
    .option("--no-types", "decide from syntax alone, without the type checker (faster; the few verdicts only types settle stay syntactic)")
    .option("-b, --baseline <file>", "do not fail on the findings recorded in this baseline; report entries that no longer match")
    .option("--write-baseline <file>", "record today's findings as known (by fingerprint) in this file, then exit 0")
    .option("--cache", "keep per-file facts in a cache and reparse only files that changed")
    .option("--cache-location <file>", "where the cache lives (default: .hoc-cache/facts.bin in the current folder)")
    .option("--threads <n>", "worker threads for parsing (default: by repository size and cores; 1 = none)", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
      return n;
    })
    .addOption(new Option("-l, --list <what>", "print an index instead of the audit (text or --format json)").choices(["operations"]))
    .option("--with-operations", "put the operation index in the JSON report (what hoc-audit merge joins across packages)")
    .option("--exit-zero", "exit 0 even with blocking findings (still 2 for a usage error or a scan that cannot be trusted)")
    .option("--no-progress", "no progress line on stderr (it is shown only on a terminal, for audits over a second)")
    .option("--print-config", "print the configuration in force (every default list written out) as JSON, then exit")
    .addHelpText(
      "after",
      [
        "",
        "Commands:",
        "  hoc-audit init [folder] [--dry-run] [--force]   write a starter hoc.config.json for the folder's layout",
        "  hoc-audit merge <report.json...> [-f format]    one report and gate table from per-package JSON reports",
        "",
        "Exit codes:",
        "  0  no blocking finding (warnings and known exceptions do not fail)",
        "  1  a blocking finding, a file that could not be checked, or a stale exception",
        "  2  a usage or configuration error, no path that exists, a tree with no HOC-shaped",
        "     file, or a scan whose imports mostly do not resolve (the layer graph has holes)",
      ].join("\n"),
    );
  const ended = parseCommand(program, argv, io);
  if (ended !== null) return ended;
  const opts = program.opts();
  const reports = reportsAsked(opts.report, REPORT_FORMATS, "hoc-audit", io);
  if (!reports) return 2;
  if (opts.printConfig) return printConfig(program.args, opts, io);
  if (opts.list) return listIndex(program.args, opts, io);
  let report;
  // Progress only for a person watching a terminal: never in piped or machine-readable output.
  const progress = io.interactive && opts.progress !== false ? progressLine(io, io.progressAfterMs ?? 1000) : null;
  try {
    report = audit({
      paths: program.args,
      cwd: io.cwd,
      configFile: opts.config ?? null,
      tsconfig: opts.tsconfig ?? null,
      rules: opts.rule,
      types: opts.types,
      baseline: opts.writeBaseline ? null : opts.baseline,
      cache: opts.cache || opts.cacheLocation !== undefined,
      cacheLocation: opts.cacheLocation,
      threads: opts.threads,
      matrix: opts.withOperations === true || [opts.format, ...reports.map((r) => r.format)].includes("markdown"),
      graph: [opts.format, ...reports.map((r) => r.format)].some((f) => ["markdown", "mermaid", "dot"].includes(f)),
      onNote: (message) => io.stderr(`hoc-audit: note: ${message}\n`),
      onProgress: progress?.update,
    });
    progress?.clear();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`hoc-audit: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const err of report.errors) io.stderr(`hoc-audit: ${err.file}: ${err.message}\n`);
  if (opts.writeBaseline) {
    const out = path.resolve(io.cwd, opts.writeBaseline);
    try {
      writeAtomically(out, formatBaseline(report.findings, report.tool));
    } catch (e) {
      io.stderr(`hoc-audit: ${opts.writeBaseline}: cannot write the baseline (${/** @type {NodeJS.ErrnoException} */ (e).code}); choose another path\n`);
      return 2;
    }
    io.stdout(
      `${report.findings.length} findings recorded as known in ${opts.writeBaseline}; run with --baseline ${opts.writeBaseline} (or "baseline" in hoc.config.json)\n`,
    );
    return 0;
  }
  return emitReport(report, io, { format: opts.format, output: opts.output, reports, quiet: opts.quiet === true, exitZero: opts.exitZero === true });
}

/**
 * The extra reports `--report FORMAT=FILE` asks for; null (said on stderr) when one is not of that form.
 * @param {string[]} values
 * @param {string[]} formats
 * @param {string} who
 * @param {Io} io
 * @returns {{ format: string, file: string }[] | null}
 */
function reportsAsked(values, formats, who, io) {
  const reports = [];
  for (const r of values) {
    const m = /^([a-z]+)=(.+)$/.exec(r);
    if (!m || !formats.includes(m[1])) {
      io.stderr(`${who}: --report ${r}: expected FORMAT=FILE with FORMAT one of ${formats.join(", ")} (e.g. --report sarif=hoc.sarif)\n`);
      return null;
    }
    reports.push({ format: m[1], file: m[2] });
  }
  return reports;
}

/**
 * Print and write a report in the formats asked, and give the exit code it calls for.
 * @param {import("../audit.js").Report} report
 * @param {Io} io
 * @param {{ format: string, output?: string, reports: { format: string, file: string }[], quiet: boolean, exitZero?: boolean }} how
 * @returns {number}
 */
function emitReport(report, io, how) {
  /** @param {string} format */
  const render = (format) =>
    format === "json"
      ? formatJson(report)
      : format === "sarif"
        ? formatSarif(report, { cwd: io.cwd })
        : format === "markdown"
          ? formatMarkdown(report)
          : format === "mermaid"
            ? formatMermaid(/** @type {import("../checks/layer-graph.js").LayerGraph} */ (report.layers))
            : format === "dot"
              ? formatDot(/** @type {import("../checks/layer-graph.js").LayerGraph} */ (report.layers))
              : formatText(report, { quiet: how.quiet });
  // More reports of the same run (a CI job wants SARIF for code scanning and Markdown for its summary).
  for (const { format, file } of how.reports) {
    try {
      writeAtomically(path.resolve(io.cwd, file), render(format));
    } catch (e) {
      io.stderr(`hoc-audit: ${file}: cannot write the ${format} report (${/** @type {NodeJS.ErrnoException} */ (e).code}); choose another --report path\n`);
      return 2;
    }
  }
  const rendered = render(how.format);
  if (how.output) {
    const out = path.resolve(io.cwd, how.output);
    try {
      writeAtomically(out, rendered);
    } catch (e) {
      io.stderr(`hoc-audit: ${how.output}: cannot write the report (${/** @type {NodeJS.ErrnoException} */ (e).code}); choose another --output path\n`);
      return 2;
    }
    io.stdout(formatText(report, { quiet: how.quiet }));
  } else {
    io.stdout(rendered);
  }
  const code = exitCodeOf(report);
  // --exit-zero: findings do not fail (a per-package task whose verdict the merge gives); an untrustworthy scan does.
  return how.exitZero && code === 1 ? 0 : code;
}

/**
 * @param {string[]} paths
 * @param {Record<string, any>} opts
 * @param {Io} io
 */
function listIndex(paths, opts, io) {
  let scanned;
  try {
    scanned = scan({ paths, cwd: io.cwd, configFile: opts.config ?? null, tsconfig: opts.tsconfig ?? null });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`hoc-audit: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const listing = operationsListing(scanned.project);
  // What could not be read is said here too (after the listing read the documents): a listing that silently
  // leaves files out would mislead.
  for (const [file, message] of scanned.project.errors) io.stderr(`hoc-audit: ${scanned.project.rel(file) || "."}: ${message}\n`);
  io.stdout(
    opts.format === "json"
      ? `${JSON.stringify(listing, null, 2)}\n`
      : opts.format === "markdown"
        ? formatOperationsMarkdown(listing)
        : formatOperationsText(listing),
  );
  return scanned.project.errors.size > 0 ? 1 : 0;
}

/**
 * @param {string[]} paths
 * @param {Record<string, any>} opts
 * @param {Io} io
 */
function printConfig(paths, opts, io) {
  const scanned = (paths.length > 0 ? paths : ["."]).map((p) => path.resolve(io.cwd, p));
  try {
    const config = loadConfig({
      configFile: opts.config ? path.resolve(io.cwd, opts.config) : null,
      searchFrom: scanned[0],
      defaultRoot: scanned[0],
      catalog: CATALOG,
      tsconfig: opts.tsconfig ? path.resolve(io.cwd, opts.tsconfig) : null,
    });
    io.stdout(`${JSON.stringify(effectiveConfig(config), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`hoc-audit: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * Write a whole file or nothing: a run killed midway leaves the previous baseline or report, never a truncated one.
 * @param {string} out
 * @param {string} text
 */
function writeAtomically(out, text) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * One line on stderr, rewritten in place: `reading files 1,234/4,686`. Shown once the audit has run for
 * `afterMs`, at most ten times a second, and erased when reading is done.
 * @param {Io} io
 * @param {number} afterMs
 */
function progressLine(io, afterMs) {
  const start = performance.now();
  let last = -Infinity;
  let shown = false;
  return {
    update(/** @type {number} */ done, /** @type {number} */ total) {
      const now = performance.now();
      if (now - start < afterMs || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      io.stderr(`\rhoc-audit: reading files ${done.toLocaleString("en")}/${total.toLocaleString("en")}`);
    },
    clear() {
      if (shown) io.stderr("\r\u001b[K");
    },
  };
}
