#!/usr/bin/env node
// How long an editor lint takes with the project-wide rules: the first lint in a fresh ESLint process (walks
// the repository, screens every file's text, reads the facts of the files that can register, builds the index of
// registrations) and the following ones (validate with one stat per file, overlay the edited file, rebuild the index
// from cached facts when they changed); then, in a fresh
// process, the first lint when a `hoc-audit --cache` run left its fact cache (the config's `cache` key).
//
//   node bench/generate.js --files 5000 --out /tmp/hoc-5k && node bench/editor-lints.js /tmp/hoc-5k
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import plugin from "../eslint-plugin.js";

const root = path.resolve(process.argv[2] ?? "");
if (!process.argv[2] || !fs.existsSync(root)) {
  process.stderr.write("editor-lints: give a generated repository (node bench/generate.js --files 5000 --out DIR)\n");
  process.exit(2);
}
const routesDir = path.join(root, "src/hoc/api/cus/billing");
const route = path.join(routesDir, fs.readdirSync(routesDir).sort()[0]);
const handler = path.join(root, "src/hoc/cus/hoc_spine/orchestrator/handlers/billing_handler.ts");
const linter = new Linter({ cwd: root });
// `--fact-cache FILE`: the rules read the fact cache of a hoc-audit run (what `"cache"` in hoc.config.json does).
const factCache = process.argv[3] === "--fact-cache" ? process.argv[4] : null;
const config = [plugin.configs.recommended, ...(factCache ? [{ settings: { hoc: { cache: factCache } } }] : [])];

/** @param {string} file @param {string} [text] */
function timedLint(file, text) {
  const t = performance.now();
  const messages = linter.verify(text ?? fs.readFileSync(file, "utf8"), config, file);
  return { ms: performance.now() - t, messages: messages.length };
}

const sleep = (/** @type {number} */ ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
if (factCache) {
  const first = timedLint(route);
  sleep(300);
  const next = timedLint(route, `${fs.readFileSync(route, "utf8")}\n// edit\n`);
  process.stdout.write(`  ${"first lint reading the fact cache (cold)".padEnd(42)} ${first.ms.toFixed(1).padStart(8)} ms  (${first.messages} messages)\n`);
  process.stdout.write(`  ${"  and the lint after it".padEnd(42)} ${next.ms.toFixed(1).padStart(8)} ms  (${next.messages} messages)\n`);
  process.exit(0);
}
/** @type {[string, { ms: number, messages: number }][]} */
const rows = [];
rows.push(["first lint (cold process)", timedLint(route)]);
for (let i = 1; i <= 5; i++) {
  sleep(300); // editor pacing: lints seconds apart, so each one re-validates against the disk
  rows.push([`following lint #${i}`, timedLint(route, `${fs.readFileSync(route, "utf8")}\n// edit ${i}\n`)]);
}
sleep(300);
const original = fs.readFileSync(handler, "utf8");
fs.writeFileSync(handler, original.replace("registry.register(BILLING_OPS.QUERY, { execute: run });", ""));
rows.push(["after a registration was deleted on disk", timedLint(route)]);
fs.writeFileSync(handler, original);
const files = JSON.parse(fs.readFileSync(path.join(root, "hoc-expected.json"), "utf8")).files;
process.stdout.write(`editor lints on ${files} files (${path.basename(root)}), rules of configs.recommended\n`);
for (const [label, r] of rows) process.stdout.write(`  ${label.padEnd(42)} ${r.ms.toFixed(1).padStart(8)} ms  (${r.messages} messages)\n`);

// The same first lint in a fresh process, after `hoc-audit --cache` (the CI recipe's order, or a developer who ran
// the audit once): the rules take the facts of unchanged files from its cache instead of parsing them.
const cacheFile = path.join(os.tmpdir(), `hoc-editor-fact-cache-${process.pid}.bin`);
const here = fileURLToPath(import.meta.url);
const hocAudit = path.join(path.dirname(here), "../bin/hoc-audit.js");
spawnSync(process.execPath, [hocAudit, root, "--no-types", "--format", "json", "--output", os.devNull, "--cache", "--cache-location", cacheFile], {
  cwd: root,
});
const withCache = spawnSync(process.execPath, [here, root, "--fact-cache", cacheFile], { encoding: "utf8" });
process.stdout.write(withCache.stdout || `  (the run with the fact cache failed: ${withCache.stderr.split("\n")[0]})\n`);
fs.rmSync(cacheFile, { force: true });
