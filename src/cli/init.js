// `hoc-audit init [folder]`: look at the tree, recognise its layout, write a starter hoc.config.json (or print it
// with --dry-run), and say what was recognised and what to check by hand.
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { parseCommand } from "./parse-command.js";
import { CONFIG_FILE_NAME, compileConfig } from "../config/load-config.js";
import { ConfigError } from "../config/config-error.js";
import { recognizeLayout, starterConfig } from "../config/layouts.js";
import { discoverFiles } from "../project/discover.js";
import { toPosix } from "../project/tsconfig.js";
import { CATALOG } from "../checks/index.js";

/**
 * @param {string[]} argv the arguments after `init`
 * @param {import("./main.js").Io} io
 * @returns {number}
 */
export function runInit(argv, io) {
  const program = new Command("hoc-audit init")
    .description("Recognise the layout of a repository and write a starter hoc.config.json (with $schema) into it.")
    .argument("[folder]", "the repository (default: .)")
    .option("--dry-run", "print the config instead of writing it")
    .option("--force", "replace an existing hoc.config.json");
  const ended = parseCommand(program, argv, io);
  if (ended !== null) return ended;
  const opts = program.opts();
  const root = path.resolve(io.cwd, program.args[0] ?? ".");
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.stderr(`hoc-audit init: ${program.args[0]}: not a folder; give the repository's folder\n`);
    return 2;
  }
  const target = path.join(root, CONFIG_FILE_NAME);
  if (!opts.dryRun && !opts.force && fs.existsSync(target)) {
    io.stderr(`hoc-audit init: ${displayPath(io.cwd, target)} exists; edit it, or run with --force to replace it (--dry-run prints the new one)\n`);
    return 2;
  }
  // The files hoc-audit would read (.gitignore, tsconfig include), without any hoc.config.json.
  const defaults = compileConfig({}, { root, configFile: null, where: "init" }, CATALOG);
  /** @type {string[]} */
  const problems = [];
  const files = discoverFiles(defaults, [root], (file) => problems.push(file)).map((f) => toPosix(path.relative(root, f)));
  // What the walk could not read is counted, not dropped: the layout was judged without it.
  const unread =
    problems.length > 0
      ? ` (${problems.length} ${problems.length === 1 ? "path" : "paths"} could not be read, e.g. ${displayPath(io.cwd, problems[0])}; hoc-audit lists them)`
      : "";
  const layout = recognizeLayout(files);
  if (!layout) {
    io.stderr(
      `hoc-audit init: no layout recognised in ${files.length} source files${unread} (looked for hoc/, modules/<domain>/, controllers/services/repositories, routes/lib/queries); write "layers" and "allow" by hand (README, Configuration reference)\n`,
    );
    return 2;
  }
  const config = starterConfig(layout);
  // What init writes must load: checked with the same compiler hoc-audit uses.
  try {
    compileConfig(config, { root, configFile: target, where: target }, CATALOG);
  } catch (e) {
    if (e instanceof ConfigError) throw new Error(`init produced a config that does not load (${e.message})`);
    throw e;
  }
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (opts.dryRun) {
    io.stdout(text);
    return 0;
  }
  fs.writeFileSync(target, text);
  io.stdout(`${explain(layout, files.length, displayPath(io.cwd, target))}\n`);
  if (unread) io.stderr(`hoc-audit init: note: the layout was recognised without some files${unread}\n`);
  return 0;
}

/**
 * @param {import("../config/layouts.js").Layout} layout
 * @param {number} total source files seen
 * @param {string} written
 */
function explain(layout, total, written) {
  const lines = [`Recognised ${layout.title}, in ${total} source files. Wrote ${written}:`];
  if (layout.kind === "hoc") {
    lines.push("  no layers to write: the default HOC profile applies (see the README for what it checks).");
  } else {
    const inLayers = layout.layers.reduce((n, l) => n + l.files, 0);
    for (const l of layout.layers) lines.push(`  layer ${l.id.padEnd(10)} level ${l.level}  ${l.patterns.join(", ")}  (${l.files} files)`);
    for (const [from, entries] of Object.entries(layout.allow)) {
      const to = entries.map((e) => (typeof e === "string" ? e : `${e.to}${e.same ? ` (same ${e.same.join(", ")})` : ""}`));
      lines.push(`  ${from} may import: ${to.join(", ") || "nothing of the other layers"}`);
    }
    lines.push(`  ${total - inLayers} files are in no layer: only the rules that need no layer check them.`);
    lines.push("Check the allow matrix against what your team intends, then run `npx hoc-audit`.");
  }
  return lines.join("\n");
}

/** @param {string} cwd @param {string} abs */
function displayPath(cwd, abs) {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith("..") ? toPosix(rel) : abs;
}
