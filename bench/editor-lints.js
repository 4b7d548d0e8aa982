#!/usr/bin/env node
// How long an editor lint takes with the project-wide rules: the first lint in a fresh ESLint process (walks
// the repository, reads every file's facts, builds the operation index) and the following ones (validate the
// cache with one stat per file, overlay the edited file, rebuild the index from cached facts).
//
//   node bench/generate.js --files 5000 --out /tmp/hoc-5k && node bench/editor-lints.js /tmp/hoc-5k
import fs from "node:fs";
import path from "node:path";
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
const config = [plugin.configs.recommended];

/** @param {string} file @param {string} [text] */
function timedLint(file, text) {
  const t = performance.now();
  const messages = linter.verify(text ?? fs.readFileSync(file, "utf8"), config, file);
  return { ms: performance.now() - t, messages: messages.length };
}

const sleep = (/** @type {number} */ ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
