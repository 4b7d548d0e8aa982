// tsconfig handling: the nearest tsconfig of each folder gives the compiler options that module resolution
// uses (paths, baseUrl, moduleResolution); the root tsconfig's include/exclude/files/references decide
// which discovered files are scanned. A broken tsconfig is an error entry, never a crash.
import fs from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import ts from "../ts.js";

/** @typedef {{ file: string | null, options: ts.CompilerOptions, pathPatterns: string[], error: string | null, parsed?: boolean, cache?: ts.ModuleResolutionCache }} TsconfigInfo */

/** Options used where no tsconfig applies: resolve like a bundler, accept `.js` specifiers for `.ts` files. @type {ts.CompilerOptions} */
const FALLBACK_OPTIONS = {
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.Latest,
  allowJs: false,
  resolveJsonModule: true,
};

/** A parse host that reads config files but lists no directories: the file list comes from our own walk. */
const configOnlyHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  /** @returns {string[]} */
  readDirectory: () => [],
};

/**
 * @param {readonly ts.Diagnostic[]} diags
 */
function firstError(diags) {
  const d = diags.find((x) => x.category === ts.DiagnosticCategory.Error);
  return d ? ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\.$/, "") : null;
}

/**
 * Parse one tsconfig file with a given readDirectory.
 * @param {string} file
 * @param {ts.ParseConfigHost["readDirectory"]} readDirectory
 * @param {Set<string>} [touched] filled with every file the parse read or looked for (the bases it `extends`, found
 *   or not), whose change can change what it says
 * @returns {{ parsed: ts.ParsedCommandLine | null, error: string | null }}
 */
export function parseTsconfig(file, readDirectory = configOnlyHost.readDirectory, touched) {
  const host = touched
    ? {
        ...configOnlyHost,
        readDirectory,
        /** @param {string} f */
        fileExists: (f) => (touched.add(path.resolve(f)), configOnlyHost.fileExists(f)),
        /** @param {string} f */
        readFile: (f) => (touched.add(path.resolve(f)), configOnlyHost.readFile(f)),
      }
    : { ...configOnlyHost, readDirectory };
  touched?.add(path.resolve(file));
  const read = ts.readConfigFile(file, host.readFile);
  if (read.error) return { parsed: null, error: firstError([read.error]) };
  const parsed = ts.parseJsonConfigFileContent(read.config, host, path.dirname(file), undefined, file);
  // "No inputs were found" (TS18003) only means our empty directory listing; it is not a broken config.
  const error = firstError(parsed.errors.filter((d) => d.code !== 18003));
  return { parsed, error };
}

export class TsconfigIndex {
  /**
   * @param {(file: string, message: string) => void} onError
   * @param {{ dir: string, file: string } | null} [root] the root folder and its tsconfig (the config's `tsconfig`)
   */
  constructor(onError, root = null) {
    this.onError = onError;
    this.root = root;
    /** @type {Map<string, TsconfigInfo>} folder -> nearest tsconfig */
    this.byDir = new Map();
    /** @type {Map<string, TsconfigInfo>} tsconfig file -> parsed */
    this.byFile = new Map();
    /** The tsconfig files whose problem was said. @type {Set<string>} */
    this.said = new Set();
  }

  /**
   * The nearest tsconfig of a folder; a problem with it is said the first time a folder under it asks.
   * @param {string} dir absolute folder
   * @returns {TsconfigInfo}
   */
  forDir(dir) {
    const info = this.quietlyForDir(dir);
    this.sayProblem(info);
    return info;
  }

  /**
   * Say the problem of a tsconfig found by an earlier run's lookups (their answers kept, so not looked up again).
   * @param {string} file
   */
  sayProblemOf(file) {
    if (fs.existsSync(file)) this.sayProblem(this.load(file));
  }

  /** @param {TsconfigInfo} info */
  sayProblem(info) {
    if (info.error !== null && info.file !== null && !this.said.has(info.file)) {
      this.said.add(info.file);
      this.onError(
        info.file,
        info.parsed
          ? `tsconfig problem: ${info.error}; fix it (its own options are used, without what it extends)`
          : `tsconfig problem: ${info.error}; fix it (module resolution falls back to defaults for files under it)`,
      );
    }
  }

  /**
   * The nearest tsconfig of a folder, with no problem said (for a question a run without a cache would not ask).
   * @param {string} dir absolute folder
   * @returns {TsconfigInfo}
   */
  quietlyForDir(dir) {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const candidate = this.root && dir === this.root.dir ? this.root.file : path.join(dir, "tsconfig.json");
    let info;
    if (fs.existsSync(candidate)) info = this.load(candidate);
    else {
      const parent = path.dirname(dir);
      info =
        parent === dir || path.basename(dir) === "node_modules"
          ? { file: null, options: FALLBACK_OPTIONS, pathPatterns: [], error: null }
          : this.quietlyForDir(parent);
    }
    this.byDir.set(dir, info);
    return info;
  }

  /** @param {string} file */
  load(file) {
    const hit = this.byFile.get(file);
    if (hit) return hit;
    const { parsed, error } = parseTsconfig(file);
    // A config whose base cannot be found (an `extends` of an uninstalled package) still has its own options: its
    // `paths` above all, without which every aliased import would silently leave the layer graph.
    const options = parsed ? { ...FALLBACK_OPTIONS, ...parsed.options } : { ...FALLBACK_OPTIONS };
    if (options.moduleResolution === undefined) options.moduleResolution = FALLBACK_OPTIONS.moduleResolution;
    /** @type {TsconfigInfo} */
    const info = { file, options, pathPatterns: Object.keys(options.paths ?? {}), error, parsed: parsed !== null };
    this.byFile.set(file, info);
    return info;
  }
}

/**
 * Is `specifier` relative, absolute or one of the tsconfig `paths` aliases, i.e. one we must resolve?
 * @param {string} specifier
 * @param {string[]} pathPatterns
 */
export function isRelativeOrAliased(specifier, pathPatterns) {
  // `#src/x`: a package.json "imports" alias, always the project's own code.
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("#")) return true;
  return aliasParts(pathPatterns).some(([prefix, suffix]) =>
    suffix === null ? specifier === prefix : specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix),
  );
}

/** @type {WeakMap<string[], [string, string | null][]>} */
const aliasPartsMemo = new WeakMap();

/**
 * Each `paths` pattern as the text before and after its `*` (after: null for a pattern without one), split once per
 * tsconfig rather than once per import.
 * @param {string[]} pathPatterns
 */
function aliasParts(pathPatterns) {
  let parts = aliasPartsMemo.get(pathPatterns);
  if (!parts) {
    parts = pathPatterns.map((p) => {
      const star = p.indexOf("*");
      return star < 0 ? [p, null] : [p.slice(0, star), p.slice(star + 1)];
    });
    aliasPartsMemo.set(pathPatterns, parts);
  }
  return parts;
}

/**
 * A spec of tsconfig `include`/`exclude` as a matcher over absolute posix paths. A spec with no wildcard and
 * no extension is a folder (TypeScript's rule), so it matches everything below it.
 * @param {string} spec
 * @param {string} basePath
 */
function specMatcher(spec, basePath) {
  const abs = path.posix.join(toPosix(basePath), toPosix(spec));
  const last = abs.slice(abs.lastIndexOf("/") + 1);
  const isDir = !/[*?]/.test(last) && !last.includes(".");
  const m = picomatch(isDir ? `${abs}/**/*` : abs, { dot: false });
  // picomatch's `*` does not cross a line break: a folder with a newline in its name would silently drop out.
  return (/** @type {string} */ p) => m(p.replace(/[\n\r\u2028\u2029]/g, "\u0000"));
}

/** @param {string} p */
export function toPosix(p) {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/** A `.` or `..` segment, an empty one, or a trailing `/`: a path path.relative would normalize first. */
const NOT_NORMAL = /\/\.{1,2}(?:\/|$)|\/\/|\/$/;

/**
 * `abs` relative to `root`, with `/`. Below the root and both in normal form, that is the rest of the path: taken as
 * such (path.relative resolves both paths first, and this is asked for every file of a run).
 * @param {string} root absolute
 * @param {string} abs absolute
 */
export function posixRelative(root, abs) {
  if (path.sep === "/" && abs.length > root.length + 1 && abs.startsWith(root) && abs[root.length] === "/" && !NOT_NORMAL.test(abs) && !NOT_NORMAL.test(root))
    return abs.slice(root.length + 1);
  return toPosix(path.relative(root, abs));
}

/**
 * The subset of `candidates` that the tsconfig at `file` (and the projects it references) includes.
 * Returns null when the tsconfig cannot be parsed (the caller then keeps every candidate).
 * @param {string} file
 * @param {string[]} candidates absolute paths
 * @param {(file: string, message: string) => void} onError
 * @param {Set<string>} [seen]
 * @param {Set<string>} [touched] filled with every file read or looked for (see parseTsconfig)
 * @returns {Set<string> | null}
 */
export function filesIncludedBy(file, candidates, onError, seen = new Set(), touched) {
  if (seen.has(file)) return new Set();
  seen.add(file);
  /** @type {ts.ParseConfigHost["readDirectory"]} */
  const readDirectory = (basePath, extensions, excludes, includes) => {
    const inc = (includes ?? ["**/*"]).map((s) => specMatcher(s, basePath));
    const exc = (excludes ?? []).map((s) => specMatcher(s, basePath));
    const base = toPosix(basePath).replace(/\/$/, "") + "/";
    return candidates.filter((c) => {
      const p = toPosix(c);
      return p.startsWith(base) && extensions.some((e) => p.endsWith(e)) && inc.some((m) => m(p)) && !exc.some((m) => m(p));
    });
  };
  const { parsed, error } = parseTsconfig(file, readDirectory, touched);
  if (!parsed) {
    onError(file, `tsconfig problem: ${error}; fix it (its include/exclude were ignored, so every discovered file is scanned)`);
    return null;
  }
  // A missing base (`extends`) leaves the file's own include/exclude/files, which are used (and said, once).
  if (error) onError(file, `tsconfig problem: ${error}; fix it (its own options are used, without what it extends)`);
  const out = new Set(parsed.fileNames.map((f) => path.resolve(f)));
  for (const ref of parsed.projectReferences ?? []) {
    const refFile = ref.path.endsWith(".json") ? ref.path : path.join(ref.path, "tsconfig.json");
    const sub = filesIncludedBy(refFile, candidates, onError, seen, touched);
    if (sub) for (const f of sub) out.add(f);
  }
  return out;
}
