#!/usr/bin/env node
// What the tsserver plugin adds to the editor: semantic diagnostics of an open file, through a real tsserver, with
// the plugin and without it, on the first request (the program is built, the project walked) and after each edit.
//
//   node bench/generate.js --files 5000 --out /tmp/hoc-5k && node bench/tsserver-lints.js /tmp/hoc-5k
import fs from "node:fs";
import path from "node:path";
import { startTsserver } from "../test/helpers/tsserver.js";

const root = path.resolve(process.argv[2] ?? "");
if (!process.argv[2] || !fs.existsSync(root)) {
  process.stderr.write("tsserver-lints: give a generated repository (node bench/generate.js --files 5000 --out DIR)\n");
  process.exit(2);
}
const routesDir = path.join(root, "src/hoc/api/cus/billing");
const route = path.join(routesDir, fs.readdirSync(routesDir).sort()[0]);
const EDITS = 15;

/** @param {boolean} plugin */
async function session(plugin) {
  const s = startTsserver({ global: plugin });
  try {
    await s.request("open", { file: route, projectRootPath: root });
    let t = performance.now();
    const first = await s.request("semanticDiagnosticsSync", { file: route });
    const firstMs = performance.now() - t;
    const ours = (first.body ?? []).filter((/** @type {any} */ d) => String(d.source ?? "").startsWith("hoc/")).length;
    /** @param {(i: number) => object} where */
    const editsAt = async (where) => {
      const times = [];
      for (let i = 0; i < EDITS; i++) {
        await s.request("change", { file: route, ...where(i) });
        const t0 = performance.now();
        await s.request("semanticDiagnosticsSync", { file: route });
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };
    // A line added at the end keeps every position; one added at the top moves every position below it (the
    // file's facts change, so the project-wide indexes are rebuilt).
    const lines = fs.readFileSync(route, "utf8").split("\n").length;
    const end = await editsAt((i) => ({ line: lines + i, offset: 1, endLine: lines + i, endOffset: 1, insertString: `// edit ${i}\n` }));
    const top = await editsAt((i) => ({ line: 1, offset: 1, endLine: 1, endOffset: 1, insertString: `// edit ${i}\n` }));
    return { firstMs, ours, end, top };
  } finally {
    s.close();
  }
}

const median = (/** @type {number[]} */ xs) => xs[Math.floor(xs.length / 2)];
const without = await session(false);
const withPlugin = await session(true);
const files = fs.existsSync(path.join(root, "hoc-expected.json")) ? JSON.parse(fs.readFileSync(path.join(root, "hoc-expected.json"), "utf8")).files : "?";
process.stdout.write(`tsserver semantic diagnostics on ${files} files (${path.basename(root)}), ${EDITS} edits of one open file\n`);
process.stdout.write(
  `  first request             without ${without.firstMs.toFixed(0).padStart(6)} ms   with ${withPlugin.firstMs.toFixed(0).padStart(6)} ms (${withPlugin.ours} hoc diagnostics)\n`,
);
for (const [label, key] of /** @type {const} */ ([
  ["edit at the end", "end"],
  ["edit at the top", "top"],
])) {
  const a = median(without[key]);
  const b = median(withPlugin[key]);
  process.stdout.write(
    `  ${`${label} (median)`.padEnd(25)} without ${a.toFixed(1).padStart(6)} ms   with ${b.toFixed(1).padStart(6)} ms   added ${(b - a).toFixed(1)} ms (target ≤ 25 ms)\n`,
  );
}
