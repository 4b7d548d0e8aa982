// Find the source files to scan: our own walk (so symlink loops and unreadable folders become errors, not
// hangs), then the config's include/exclude, then the root tsconfig's include/exclude/files/references.
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_EXCLUDE_DIRS } from "../config/defaults.js";
import { filesIncludedBy, toPosix } from "./tsconfig.js";

/** @typedef {import("../types.js").HocConfig} HocConfig */

/**
 * Folder listings kept between walks (the editor walks on every lint): a folder whose mtime has not changed since
 * it was read is not read again. A folder changed less than RACY_MS before it was read is read again next time
 * (its mtime may not tick for a change made in the same instant).
 * @typedef {Map<string, { mtimeMs: number, readAt: number, entries: fs.Dirent[] }>} DirCache
 */
const RACY_MS = 1000;

/**
 * @param {string} dir
 * @param {DirCache | null} cache
 * @returns {fs.Dirent[]}
 */
function readDir(dir, cache) {
  if (!cache) return fs.readdirSync(dir, { withFileTypes: true });
  const st = fs.statSync(dir);
  const hit = cache.get(dir);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.readAt - st.mtimeMs > RACY_MS) return hit.entries;
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  cache.set(dir, { mtimeMs: st.mtimeMs, readAt: Date.now(), entries });
  return entries;
}

/**
 * @param {string} dir
 * @param {HocConfig} config
 * @param {string[]} out
 * @param {Set<string>} ancestors real paths of the folders on the current path (loop detection)
 * @param {(file: string, message: string) => void} onError
 * @param {DirCache | null} cache
 * @param {(name: string, full: string) => boolean} accept which files to collect
 */
function walk(dir, config, out, ancestors, onError, cache, accept) {
  let entries;
  try {
    entries = readDir(dir, cache);
  } catch (e) {
    onError(dir, `folder skipped: it cannot be read (${/** @type {NodeJS.ErrnoException} */ (e).code}); fix its permissions or exclude it`);
    return;
  }
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let real;
      try {
        real = fs.realpathSync(full);
        const st = fs.statSync(real);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (e) {
        const code = /** @type {NodeJS.ErrnoException} */ (e).code;
        if (accept(entry.name, full) || code === "ELOOP") {
          onError(
            full,
            code === "ELOOP" ? "skipped: symlink loop; remove the link or exclude it" : `skipped: broken symlink (${code}); remove it or exclude it`,
          );
        }
        continue;
      }
      if (isDir && ancestors.has(real)) {
        onError(full, `skipped: symlink loop (points back to ${toPosix(path.relative(config.root, real)) || "."}); remove the link or exclude it`);
        continue;
      }
    }
    if (isDir) {
      if (DEFAULT_EXCLUDE_DIRS.includes(entry.name)) continue;
      const real = safeRealpath(full);
      ancestors.add(real);
      walk(full, config, out, ancestors, onError, cache, accept);
      ancestors.delete(real);
    } else if (accept(entry.name, full)) {
      // Non-regular files (FIFOs, sockets) are reported later by the reader, never opened for reading here.
      if (isFile || !entry.isSymbolicLink()) out.push(full);
    }
  }
}

/** @param {string} p */
function safeRealpath(p) {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * @param {string} name
 * @param {HocConfig} config
 */
function hasSourceExtension(name, config) {
  if (name.endsWith(".d.ts") || name.endsWith(".d.mts") || name.endsWith(".d.cts")) return false;
  return config.extensions.some((e) => name.endsWith(e));
}

/**
 * @param {HocConfig} config
 * @param {string[]} paths absolute files or folders to scan (default: the config root)
 * @param {(file: string, message: string) => void} onError
 * @param {DirCache | null} [cache] folder listings to reuse across walks (the editor's)
 * @returns {string[]} absolute paths, sorted
 */
export function discoverFiles(config, paths, onError, cache = null) {
  /** @type {string[]} */
  const found = [];
  for (const p of paths) {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      onError(p, "path not found; check the paths given to hoc-audit");
      continue;
    }
    if (st.isDirectory()) walk(p, config, found, new Set([safeRealpath(p)]), onError, cache, (name) => hasSourceExtension(name, config));
    else found.push(p);
  }
  let files = [...new Set(found)];
  files = files.filter((f) => includedByConfig(config, f));
  const rootTsconfig = path.join(config.root, "tsconfig.json");
  if (fs.existsSync(rootTsconfig)) {
    const included = filesIncludedBy(rootTsconfig, files, onError);
    // Files the user named explicitly are scanned even when tsconfig leaves them out.
    const explicit = new Set(paths);
    if (included) files = files.filter((f) => included.has(f) || explicit.has(f));
  }
  return files.sort();
}

/**
 * Does the config's `include`/`exclude` take this file in? (ESLint asks it for the file it lints, so that both
 * front ends leave the same files alone.)
 * @param {HocConfig} config
 * @param {string} abs
 */
export function includedByConfig(config, abs) {
  const rel = toPosix(path.relative(config.root, abs));
  if (config.include && !config.include.some((m) => m.match(rel))) return false;
  return !config.exclude.some((m) => m.match(rel));
}

/**
 * Would hoc-audit scan this file (config include/exclude, skipped folders, the root tsconfig)?
 * @param {HocConfig} config
 * @param {string} abs
 */
export function isScanned(config, abs) {
  const rel = toPosix(path.relative(config.root, abs));
  if (rel.startsWith("../") || !includedByConfig(config, abs)) return false;
  if (
    rel
      .split("/")
      .slice(0, -1)
      .some((dir) => DEFAULT_EXCLUDE_DIRS.includes(dir))
  )
    return false;
  const rootTsconfig = path.join(config.root, "tsconfig.json");
  if (!fs.existsSync(rootTsconfig)) return true;
  const included = filesIncludedBy(rootTsconfig, [abs], () => {});
  return !included || included.has(abs);
}

/**
 * The project's documents of one kind (operation specs, guardrail tables): the files below the root whose path
 * matches one of the patterns, whatever their extension, in the folders a source scan walks.
 * @param {HocConfig} config
 * @param {import("../config/pattern.js").CompiledPattern[]} patterns
 * @param {(file: string, message: string) => void} onError
 * @param {DirCache | null} [cache]
 * @returns {string[]} absolute paths, sorted
 */
export function discoverDocuments(config, patterns, onError, cache = null) {
  if (patterns.length === 0) return [];
  /** @type {string[]} */
  const found = [];
  const accept = (/** @type {string} */ _name, /** @type {string} */ full) => {
    const rel = toPosix(path.relative(config.root, full));
    return patterns.some((p) => p.match(rel) !== null) && includedByConfig(config, full);
  };
  walk(config.root, config, found, new Set([safeRealpath(config.root)]), onError, cache, accept);
  return found.sort();
}
