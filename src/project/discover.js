// Find the source files to scan: our own walk (so symlink loops and unreadable folders become errors, not
// hangs), then the config's include/exclude, then the root tsconfig's include/exclude/files/references.
import fs from "node:fs";
import path from "node:path";
import { ALWAYS_SKIPPED, Gitignores, ignoredBy } from "./skipped.js";
import { filesIncludedBy, posixRelative, toPosix } from "./tsconfig.js";
import { RACY_MS, fileStamp } from "./file-stamp.js";

/** @typedef {import("../types.js").HocConfig} HocConfig */
/**
 * What a walk left out on purpose, for the scan gate: nothing is skipped without being counted.
 * @typedef {{ gitignoredFolders: number, gitignoredFiles: number, alwaysSkipped: number, linkedTwice: number }} SkipStats
 */
/**
 * One walk's shared state: what it collects and reports, and the repository's boundary, its .gitignore files, the
 * real folders walked already and those on the current path (loop detection).
 * @typedef {{
 *   config: HocConfig, out: string[], onError: (file: string, message: string) => void, cache: DirCache | null,
 *   listings: Listings | null,
 *   accept: (name: string, full: string) => boolean, realRoot: string, gitignores: Gitignores, walked: Set<string>,
 *   ancestors: Set<string>, stats: SkipStats, ignoreStack: import("./skipped.js").RuleStack,
 *   read: string[], watched: string[],
 * }} WalkContext
 */

/** @returns {SkipStats} */
export function emptySkipStats() {
  return { gitignoredFolders: 0, gitignoredFiles: 0, alwaysSkipped: 0, linkedTwice: 0 };
}

/**
 * @param {HocConfig} config
 * @param {Pick<WalkContext, "out" | "onError" | "cache" | "accept" | "listings">} io what to collect, and where problems go
 * @param {SkipStats} [stats]
 * @returns {WalkContext}
 */
function walkContext(config, io, stats = emptySkipStats()) {
  return {
    config,
    ...io,
    realRoot: safeRealpath(config.root),
    gitignores: gitignoresOf(config),
    walked: new Set(),
    ancestors: new Set(),
    stats,
    ignoreStack: [],
    read: [],
    watched: [],
  };
}

/**
 * Walk one folder given to the scan (its real path is walked once, and is the first ancestor).
 * @param {string} dir
 * @param {WalkContext} ctx
 */
function walkFrom(dir, ctx) {
  const real = safeRealpath(dir);
  ctx.walked.add(real);
  ctx.ancestors = new Set([real]);
  walk(dir, real, ctx);
}

/** @type {WeakMap<HocConfig, Gitignores>} */
const gitignoreCache = new WeakMap();

/** @param {HocConfig} config */
function gitignoresOf(config) {
  let g = gitignoreCache.get(config);
  if (!g) gitignoreCache.set(config, (g = new Gitignores(config.root)));
  return g;
}

/**
 * Is `real` the root or below it?
 * @param {string} real
 * @param {string} realRoot
 */
function inside(real, realRoot) {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/**
 * Folder listings kept between walks (the editor walks on every lint): a folder whose mtime has not changed since
 * it was read is not read again. A folder changed less than RACY_MS before it was read is read again next time
 * (its mtime may not tick for a change made in the same instant).
 * @typedef {Map<string, { mtimeMs: number, readAt: number, entries: fs.Dirent[] }>} DirCache
 */

/**
 * Folder listings shared by the walks of one scan whose file system does not change under it (hoc-audit's: the
 * source walk, then the documents walk): each folder is read once.
 * @typedef {Map<string, fs.Dirent[]>} Listings
 */

/**
 * @param {string} dir
 * @param {DirCache | null} cache
 * @param {Listings | null} listings
 * @returns {fs.Dirent[]}
 */
function readDir(dir, cache, listings) {
  if (!cache) {
    let entries = listings?.get(dir);
    if (!entries) {
      entries = fs.readdirSync(dir, { withFileTypes: true });
      listings?.set(dir, entries);
    }
    return entries;
  }
  const st = fs.statSync(dir);
  const hit = cache.get(dir);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.readAt - st.mtimeMs > RACY_MS) return hit.entries;
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  cache.set(dir, { mtimeMs: st.mtimeMs, readAt: Date.now(), entries });
  return entries;
}

/**
 * @param {string} dir
 * @param {string} realOfDir its real path
 * @param {WalkContext} ctx
 */
function walk(dir, realOfDir, ctx) {
  let entries;
  try {
    entries = readDir(dir, ctx.cache, ctx.listings);
    ctx.read.push(dir);
  } catch (e) {
    ctx.onError(dir, `folder skipped: it cannot be read (${/** @type {NodeJS.ErrnoException} */ (e).code}); fix its permissions or exclude it`);
    return;
  }
  // The .gitignore files that apply here: this folder's joins those of the folders above it for its subtree.
  const hasIgnoreFile = entries.some((e) => e.name === ".gitignore");
  if (hasIgnoreFile) ctx.watched.push(path.join(dir, ".gitignore"));
  const own = hasIgnoreFile ? ctx.gitignores.rulesOf(dir) : null;
  if (own) ctx.ignoreStack.push({ base: dir, rules: own });
  try {
    walkEntries(dir, realOfDir, entries, ctx);
  } finally {
    if (own) ctx.ignoreStack.pop();
  }
}

/**
 * @param {string} dir
 * @param {string} realOfDir its real path
 * @param {fs.Dirent[]} entries
 * @param {WalkContext} ctx
 */
function walkEntries(dir, realOfDir, entries, ctx) {
  const { config, onError, accept, ancestors } = ctx;
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let real = null;
    if (entry.isSymbolicLink()) {
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
      // A link out of the repository is never followed: it could reach anything (`/`, a home folder, a secret).
      if (!inside(real, ctx.realRoot)) {
        if (isDir || accept(entry.name, full))
          onError(full, "skipped: symlink to outside the repository; links are followed only within it (remove it, or exclude it)");
        continue;
      }
      if (isDir && ancestors.has(real)) {
        onError(full, `skipped: symlink loop (points back to ${toPosix(path.relative(config.root, real)) || "."}); remove the link or exclude it`);
        continue;
      }
      if (isFile && accept(entry.name, full) && !accept(path.basename(real), real)) {
        onError(full, "skipped: symlink to a file that is not a source file; remove it or exclude it");
        continue;
      }
    }
    if (isDir) {
      if (ALWAYS_SKIPPED.includes(entry.name)) {
        ctx.stats.alwaysSkipped++;
        continue;
      }
      if (ctx.ignoreStack.length > 0 && ignoredBy(ctx.ignoreStack, full, true)) {
        ctx.stats.gitignoredFolders++;
        continue;
      }
      // A folder that is no link is its parent's real path plus its name: no realpath call per folder.
      const realDir = real ?? path.join(realOfDir, entry.name);
      // Each real folder is walked once, however many links lead to it (links can fan out exponentially).
      if (ctx.walked.has(realDir)) {
        ctx.stats.linkedTwice++;
        continue;
      }
      ctx.walked.add(realDir);
      ancestors.add(realDir);
      walk(full, realDir, ctx);
      ancestors.delete(realDir);
    } else if (accept(entry.name, full)) {
      if (entry.name.includes("\\")) {
        // TypeScript reads `\` in a path as a folder separator: the file's imports, and imports of it, would break.
        onError(full, "skipped: its name contains a backslash, which TypeScript reads as a folder separator; rename it");
        continue;
      }
      if (ctx.ignoreStack.length > 0 && ignoredBy(ctx.ignoreStack, full, false)) {
        ctx.stats.gitignoredFiles++;
        continue;
      }
      // Non-regular files (FIFOs, sockets) are reported later by the reader, never opened for reading here.
      if (isFile || !entry.isSymbolicLink()) ctx.out.push(full);
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

/** @type {WeakMap<DirCache, { key: string, tsconfigs: string[], stamp: string, result: Set<string> | null }>} tsconfigs: the ones read */
const includedMemos = new WeakMap();

/**
 * A whole walk's result, kept for the editor and, through the fact cache, for the next `hoc-audit --cache`: when no
 * folder it read has changed (each one stat, no listing, no per-file work) and neither have the .gitignore and
 * tsconfig files it depended on, the next walk gives the same. A folder counts as unchanged when its mtime is the
 * one seen and it was read more than RACY_MS after that mtime (adding, removing or renaming an entry changes it).
 * @typedef {{ folders: Map<string, { mtimeMs: number, readAt: number }>, stamp: string, watched: string[], result: string[], errors: [string, string][], stats: SkipStats }} WalkMemo
 */
/** @type {WeakMap<DirCache, Map<string, WalkMemo>>} */
const walkMemos = new WeakMap();

/**
 * @param {DirCache} cache
 * @param {string} key what was walked, and for what
 * @returns {WalkMemo | null} the previous result, if still right
 */
function validWalkMemo(cache, key) {
  const memo = walkMemos.get(cache)?.get(key);
  if (!memo) return null;
  for (const [dir, seen] of memo.folders) {
    let st;
    try {
      st = fs.statSync(dir);
    } catch {
      return null;
    }
    if (st.mtimeMs !== seen.mtimeMs || seen.readAt - st.mtimeMs <= RACY_MS) return null;
  }
  return stampOf(memo.watched) === memo.stamp ? memo : null;
}

/**
 * @param {DirCache} cache
 * @param {string} key
 * @param {WalkContext} ctx the walk just made
 * @param {string[]} watched files whose change changes the result (.gitignore files, tsconfigs)
 * @param {string[]} result
 * @param {[string, string][]} errors
 */
function rememberWalk(cache, key, ctx, watched, result, errors) {
  /** @type {WalkMemo["folders"]} */
  const folders = new Map();
  for (const dir of ctx.read) {
    const hit = cache.get(dir);
    if (!hit) return;
    folders.set(dir, { mtimeMs: hit.mtimeMs, readAt: hit.readAt });
  }
  let memos = walkMemos.get(cache);
  if (!memos) walkMemos.set(cache, (memos = new Map()));
  memos.set(key, { folders, stamp: stampOf(watched), watched, result: [...result], errors, stats: { ...ctx.stats } });
}

/**
 * The walks remembered for these listings, as plain data (for the fact cache to keep).
 * @param {DirCache} cache
 * @returns {[string, WalkMemo][]}
 */
export function walkMemosOf(cache) {
  return [...(walkMemos.get(cache) ?? [])];
}

/**
 * Walks remembered by an earlier run, checked against the disk as any other when a walk asks for them. Data that is
 * not well formed is left out.
 * @param {DirCache} cache
 * @param {unknown} data what walkMemosOf gave
 */
export function rememberWalks(cache, data) {
  if (!Array.isArray(data)) return;
  let memos = walkMemos.get(cache);
  if (!memos) walkMemos.set(cache, (memos = new Map()));
  for (const item of data) {
    const [key, memo] = Array.isArray(item) ? item : [];
    if (typeof key !== "string" || !wellFormedMemo(memo)) continue;
    memos.set(key, memo);
  }
}

/** @param {any} m */
function wellFormedMemo(m) {
  return (
    typeof m === "object" &&
    m !== null &&
    m.folders instanceof Map &&
    [...m.folders.values()].every((f) => typeof f?.mtimeMs === "number" && typeof f?.readAt === "number") &&
    typeof m.stamp === "string" &&
    Array.isArray(m.watched) &&
    m.watched.every((/** @type {unknown} */ w) => typeof w === "string") &&
    Array.isArray(m.result) &&
    m.result.every((/** @type {unknown} */ f) => typeof f === "string") &&
    Array.isArray(m.errors) &&
    typeof m.stats === "object" &&
    m.stats !== null
  );
}

/**
 * The editor walks again and again over the same files: what the tsconfigs include is computed again only when the
 * file list or one of the tsconfig files read for it changed.
 * @param {DirCache} cache
 * @param {string} rootTsconfig
 * @param {string[]} files
 * @param {(file: string, message: string) => void} onError
 */
function includedMemo(cache, rootTsconfig, files, onError) {
  const key = files.join("\n");
  const memo = includedMemos.get(cache);
  if (memo && memo.key === key && memo.stamp === stampOf(memo.tsconfigs)) return memo.result;
  /** @type {Set<string>} */
  const touched = new Set();
  const result = filesIncludedBy(rootTsconfig, files, onError, new Set(), touched);
  // The tsconfigs and project references read, and the bases they extend (found or not).
  const tsconfigs = [...touched].sort();
  includedMemos.set(cache, { key, tsconfigs, stamp: stampOf(tsconfigs), result });
  return result;
}

/**
 * `file|mtime:size` of each file, one per line.
 * @param {string[]} files
 */
function stampOf(files) {
  return files.map((f) => `${f}|${fileStamp(f)}`).join("\n");
}

/**
 * @param {HocConfig} config
 * @param {string[]} paths absolute files or folders to scan (default: the config root)
 * @param {(file: string, message: string) => void} onError
 * @param {DirCache | null} [cache] folder listings to reuse across walks (the editor's)
 * @param {SkipStats} [stats] filled with what the walk left out
 * @param {Listings | null} [listings] listings to share with the other walks of a static scan
 * @returns {string[]} absolute paths, sorted
 */
export function discoverFiles(config, paths, onError, cache = null, stats = emptySkipStats(), listings = null) {
  return memoizedWalk(cache, `files\u0000${paths.join("\u0000")}`, onError, stats, (report) => walkSources(config, paths, report, cache, stats, listings));
}

/**
 * @param {HocConfig} config
 * @param {string[]} paths
 * @param {(file: string, message: string) => void} report
 * @param {DirCache | null} cache
 * @param {SkipStats} stats
 * @param {Listings | null} listings
 */
function walkSources(config, paths, report, cache, stats, listings) {
  /** @type {string[]} */
  const found = [];
  const ctx = walkContext(config, { out: found, onError: report, cache, listings, accept: (name) => hasSourceExtension(name, config) }, stats);
  for (const p of paths) {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      report(p, "path not found; check the paths given to hoc-audit");
      continue;
    }
    if (st.isDirectory()) {
      // The .gitignore files above a scanned subfolder apply to it (its own is read by the walk).
      ctx.ignoreStack = ctx.gitignores.stackFor(path.dirname(p));
      walkFrom(p, ctx);
    } else found.push(p);
  }
  let files = [...new Set(found)];
  files = files.filter((f) => includedByConfig(config, f));
  const rootTsconfig = config.tsconfig;
  /** @type {string[]} */
  let tsconfigs = [rootTsconfig];
  if (fs.existsSync(rootTsconfig)) {
    const included = cache ? includedMemo(cache, rootTsconfig, files, report) : filesIncludedBy(rootTsconfig, files, report);
    // Files the user named explicitly are scanned even when tsconfig leaves them out.
    const explicit = new Set(paths);
    if (included) files = files.filter((f) => included.has(f) || explicit.has(f));
    const read = cache ? includedMemos.get(cache)?.tsconfigs : undefined;
    if (read) tsconfigs = read;
  }
  // What a kept walk also depends on: the paths given (a named file deleted, a folder replaced) and the .gitignore
  // files (there or not) that apply to a named path from above it: read through stackFor, not listed, by this walk.
  const above = paths.flatMap((p) => ctx.gitignores.foldersDownTo(path.dirname(p)).map((d) => path.join(d, ".gitignore")));
  return { ctx, result: files.sort(), watched: [...ctx.watched, ...tsconfigs, ...paths, ...above] };
}

/**
 * Run a walk, or, for the editor (a DirCache), give the result of the last walk with the same key when nothing it
 * depended on changed; its errors are said again either way.
 * @param {DirCache | null} cache
 * @param {string} key
 * @param {(file: string, message: string) => void} onError
 * @param {SkipStats} stats
 * @param {(report: (file: string, message: string) => void) => { ctx: WalkContext, result: string[], watched: string[] }} run
 * @returns {string[]}
 */
function memoizedWalk(cache, key, onError, stats, run) {
  const memo = cache ? validWalkMemo(cache, key) : null;
  if (memo) {
    for (const [file, message] of memo.errors) onError(file, message);
    Object.assign(stats, memo.stats);
    return [...memo.result];
  }
  /** @type {[string, string][]} */
  const errors = [];
  const { ctx, result, watched } = run((file, message) => {
    errors.push([file, message]);
    onError(file, message);
  });
  if (cache) rememberWalk(cache, key, ctx, watched, result, errors);
  return result;
}

/**
 * Does the config's `include`/`exclude` take this file in? (ESLint asks it for the file it lints, so that both
 * front ends leave the same files alone.)
 * @param {HocConfig} config
 * @param {string} abs
 */
export function includedByConfig(config, abs) {
  if (!config.include && config.exclude.length === 0) return true;
  const rel = posixRelative(config.root, abs);
  if (config.include && !config.include.some((m) => m.match(rel))) return false;
  return !config.exclude.some((m) => m.match(rel));
}

/**
 * Would hoc-audit scan this file (config include/exclude, always-skipped folders, .gitignore, the root tsconfig)?
 * @param {HocConfig} config
 * @param {string} abs
 * @param {ScannedFolders | null} [folders] answers worked out per folder, kept by the caller for as long as it keeps
 *   its answers per file
 */
export function isScanned(config, abs, folders = null) {
  const rel = posixRelative(config.root, abs);
  if (rel.startsWith("../") || !includedByConfig(config, abs)) return false;
  // The same files the walk collects: source extensions, and no declaration files (`.d.ts` describe, not run).
  if (!hasSourceExtension(path.basename(abs), config)) return false;
  const dir = path.dirname(abs);
  const batch = folders ? scannedFolder(config, dir, folders) : null;
  if (batch?.candidates.has(abs)) return batch.included === null || batch.included.has(abs);
  // Listed then, a source file the config takes in, yet no candidate: a .gitignore leaves it out.
  if (batch?.names.has(path.basename(abs))) return false;
  if (gitignoresOf(config).ignoresFile(abs)) return false;
  const rootTsconfig = config.tsconfig;
  if (!fs.existsSync(rootTsconfig)) return true;
  const included = filesIncludedBy(rootTsconfig, [abs], () => {});
  return !included || included.has(abs);
}

/**
 * What isScanned works out for the files of one folder, all at once: `eslint .` asks about hundreds of files the
 * walk left out (tests, docs, scripts), and parsing the root tsconfig and stacking the .gitignore files for each
 * cost 2–3 ms a file. `candidates`: the folder's source files that pass the config and .gitignore; `included`:
 * those the root tsconfig takes in (null: no root tsconfig, or it cannot be read, so all of them), worked out
 * together as in the walk; `names`: what the folder held. A file it did not hold (new since) is asked on its own.
 * @typedef {Map<string, { names: Set<string>, candidates: Set<string>, included: Set<string> | null }>} ScannedFolders
 * @param {HocConfig} config
 * @param {string} dir
 * @param {ScannedFolders} folders
 */
function scannedFolder(config, dir, folders) {
  const hit = folders.get(dir);
  if (hit) return hit;
  /** @type {string[]} */
  let names = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // unreadable: every file is asked on its own
  }
  const gitignores = gitignoresOf(config);
  // The folder's own verdict once, then each file against the rules that apply in it (as Gitignores.ignoresFile).
  const stack = gitignores.stackFor(dir);
  const candidates = gitignores.ignoresFolder(dir)
    ? []
    : names
        .filter((n) => hasSourceExtension(n, config))
        .map((n) => path.join(dir, n))
        .filter((f) => includedByConfig(config, f) && !ignoredBy(stack, f, false));
  const rootTsconfig = config.tsconfig;
  const included = candidates.length > 0 && fs.existsSync(rootTsconfig) ? filesIncludedBy(rootTsconfig, candidates, () => {}) : null;
  const batch = { names: new Set(names), candidates: new Set(candidates), included };
  folders.set(dir, batch);
  return batch;
}

/**
 * The project's documents of one kind (operation specs, guardrail tables): the files below the root whose path
 * matches one of the patterns, whatever their extension, in the folders a source scan walks.
 * @param {HocConfig} config
 * @param {import("../config/pattern.js").CompiledPattern[]} patterns
 * @param {(file: string, message: string) => void} onError
 * @param {DirCache | null} [cache]
 * @param {Listings | null} [listings] the source walk's, in a static scan
 * @returns {string[]} absolute paths, sorted
 */
export function discoverDocuments(config, patterns, onError, cache = null, listings = null) {
  if (patterns.length === 0) return [];
  /** @type {string[]} */
  const found = [];
  const prefix = config.root.endsWith(path.sep) ? config.root : config.root + path.sep;
  const accept = (/** @type {string} */ _name, /** @type {string} */ full) => {
    // Every file of the tree is asked: the relative path by slicing, not path.relative.
    const rel = toPosix(full.startsWith(prefix) ? full.slice(prefix.length) : path.relative(config.root, full));
    return patterns.some((p) => p.match(rel) !== null) && includedByConfig(config, full);
  };
  const key = `documents\u0000${patterns.map((p) => p.source).join("\u0000")}`;
  return memoizedWalk(cache, key, onError, emptySkipStats(), (report) => {
    const ctx = walkContext(config, { out: found, onError: report, cache, listings, accept });
    walkFrom(config.root, ctx);
    return { ctx, result: found.sort(), watched: ctx.watched };
  });
}
