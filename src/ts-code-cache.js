// TypeScript's 9 MB compiler, loaded with V8's code cache: compiling it is ~0.15–0.25 s of every hoc-audit process
// and of every parse worker, before any work is done. Node 20 has no module compile cache of its own
// (`module.enableCompileCache` came in Node 22), and v8-compile-cache patches the compile step of every CommonJS
// module of the process and stores the cache at compile time, before the lazily compiled functions (the parser
// and resolver) exist; this loads the one file that matters and stores its cache after the run, with them in it.
//
// Only our own processes use it (hoc-audit and its workers): in ESLint or tsserver the host has loaded
// TypeScript already, and a second copy would cost more than it saves. The cache is V8 bytecode of the installed
// `typescript` package, never of the scanned repository; it lives in the user's cache folder (as the fact cache's
// key does), keyed by the TypeScript file, its size and mtime and the V8 version, and V8 itself rejects data that
// does not fit the source. Anything that fails here falls back to a plain `require`: a cache only saves time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import crypto from "node:crypto";
import Module, { createRequire } from "node:module";

/** @type {{ script: vm.Script, store: string } | null} set while a fresh cache is still to be written */
let pending = null;

/** The folder of our per-user caches (never inside a scanned repository unless the user puts XDG_CACHE_HOME there). */
export function userCacheDir() {
  return path.resolve(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "eslint-plugin-hoc");
}

/**
 * Put the `typescript` that src/ts.js would load into the module cache, compiled from V8's code cache when there
 * is one. Call before anything imports src/ts.js.
 * @param {{ write: boolean }} options write: store a missing or outdated cache when the process exits (the main
 *   thread; workers only read it)
 */
export function preloadTypescript({ write }) {
  /** @type {string} */
  let file;
  try {
    file = createRequire(import.meta.url).resolve("typescript");
  } catch {
    return; // src/ts.js will say that the peer dependency is missing
  }
  const cache = /** @type {Record<string, unknown>} */ (/** @type {any} */ (Module)._cache);
  if (cache[file]) return;
  try {
    const stat = fs.statSync(file);
    const id = crypto.createHash("sha256").update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.versions.v8}\0${process.arch}`).digest("hex").slice(0, 24);
    const store = path.join(userCacheDir(), "code", `typescript-${id}.bin`);
    /** @type {Buffer | undefined} */
    let cachedData;
    try {
      cachedData = fs.readFileSync(store);
    } catch {
      cachedData = undefined;
    }
    const source = fs.readFileSync(file, "utf8");
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
    const mod = new Module(file);
    mod.filename = file;
    mod.paths = /** @type {any} */ (Module)._nodeModulePaths(path.dirname(file));
    script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
    cache[file] = mod;
    if (write && (!cachedData || script.cachedDataRejected)) {
      pending = { script, store };
      process.once("exit", saveCodeCache);
    }
  } catch {
    // a plain require() in src/ts.js does the work
  }
}

/** Write the code cache once the run has compiled what it uses (the parser, the resolver), atomically. */
function saveCodeCache() {
  if (!pending) return;
  const { script, store } = pending;
  pending = null;
  try {
    fs.mkdirSync(path.dirname(store), { recursive: true, mode: 0o700 });
    const tmp = `${store}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, store);
  } catch {
    // an unwritable cache folder costs the next run its head start, nothing else
  }
}
