// Layer and path patterns: picomatch globs plus `<name>` placeholders that capture one path segment.
// A pattern floats (may start at any directory) unless it starts with "./" or "/", because the part of
// the path before `hoc/` is free in the HOC layout (`src/hoc/...`, `backend/src/app/hoc/...`).
import picomatch from "picomatch";

const PLACEHOLDER = /<([A-Za-z_][A-Za-z0-9_]*)>/g;

/**
 * @typedef {{ source: string, captureNames: string[], match(relPath: string): Record<string, string> | null }} CompiledPattern
 */

/** A pattern that cannot be used; the config loader adds which file it is in. */
export class PatternError extends Error {}

/**
 * Compile a pattern once; matching is a single RegExp test.
 * @param {string} pattern
 * @returns {CompiledPattern}
 */
export function compilePattern(pattern) {
  /** @type {string[]} */
  const captureNames = [];
  let glob = pattern.replace(PLACEHOLDER, (_, name) => {
    if (captureNames.includes(name)) {
      throw new PatternError(`pattern "${pattern}" uses <${name}> twice; each placeholder may appear once`);
    }
    captureNames.push(name);
    return `__hoccap${captureNames.length - 1}__`;
  });
  // Backtracking on `*a*a*a…` grows exponentially with the path: a pattern that could hang a run is refused.
  for (const segment of glob.split("/")) {
    if (segment !== "**" && (segment.match(/\*+/g) ?? []).length > 3) {
      throw new PatternError(
        `pattern "${pattern}" has more than three \`*\` in one folder name ("${segment}"), which can take exponential time to match; simplify it`,
      );
    }
  }
  glob = glob.replace(/(?:\*\*\/)+/g, "**/");
  if (glob.startsWith("./")) glob = glob.slice(2);
  else if (glob.startsWith("/")) glob = glob.slice(1);
  else if (!glob.startsWith("**/")) glob = `**/${glob}`;
  // "folder/**" means the files under the folder: a placeholder before it must be a folder, not a file name.
  if (glob.endsWith("/**")) glob = `${glob}/*`;
  let source = picomatch.makeRe(glob, { dot: true }).source;
  captureNames.forEach((name, i) => {
    source = source.replace(`__hoccap${i}__`, `(?<${name}>[^/]+)`);
  });
  const re = new RegExp(source);
  return {
    source: pattern,
    captureNames,
    match(relPath) {
      const m = re.exec(relPath);
      if (!m) return null;
      return m.groups ? { ...m.groups } : {};
    },
  };
}
