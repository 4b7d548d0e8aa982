#!/usr/bin/env node
// The parse floor: read every source file and ts.createSourceFile it, on one thread. What any TypeScript
// linter must pay at least once; every other figure of the benchmark is a ratio to it.
import fs from "node:fs";
import path from "node:path";
import ts from "../src/ts.js";

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === ".git" || e.name === ".hoc-cache") continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(full);
  }
  return out;
}

// `floor.js DIR`, or `floor.js --list FILE`: the files named in FILE, one per line (the files an audit reads).
const files =
  process.argv[2] === "--list" ? fs.readFileSync(process.argv[3], "utf8").split("\n").filter(Boolean) : walk(path.resolve(process.argv[2] ?? "."), []);
let nodes = 0;
for (const f of files) nodes += ts.createSourceFile(f, fs.readFileSync(f, "utf8"), ts.ScriptTarget.Latest).statements.length;
process.stdout.write(`${files.length} files, ${nodes} top-level statements\n`);
