// Read one file from disk and parse it, turning every way a file can be bad into a one-line error.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ts from "../ts.js";

/** @typedef {{ ok: true, sourceFile: ts.SourceFile, mtimeMs: number, size: number, hash: string } | { ok: false, error: string, mtimeMs: number, size: number }} ParseResult */
/** @typedef {{ ok: true, text: string, mtimeMs: number, size: number, hash: string } | { ok: false, error: string, mtimeMs: number, size: number }} SourceRead */

/**
 * Generated code (SQL builders, i18n tables, long `a + b + …` chains) can nest deeper than a recursive walk —
 * TypeScript's own parser included — can go. A file nested deeper than this is one scan error, never the end of
 * the run. A fixed limit, not the stack that happens to be left: the verdict must not depend on the thread (workers
 * have larger stacks) or on the front end. Real code stays far below it (49 levels at most in typeorm and outline).
 */
export const MAX_DEPTH = 500;

export const TOO_DEEP = `skipped: nested more than ${MAX_DEPTH} levels deep, deeper than it can be analysed safely; split the deep expression, or exclude the file (generated code) in hoc.config.json`;

/**
 * Did this exception come from running out of stack?
 * @param {unknown} e
 */
export function isStackOverflow(e) {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Is the syntax tree deeper than MAX_DEPTH? A walk bounded by the limit, so it cannot overflow itself.
 * @param {ts.Node} root
 */
export function tooDeep(root) {
  let depth = 0;
  let over = false;
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (over) return true;
    if (++depth > MAX_DEPTH) over = true;
    else ts.forEachChild(node, visit);
    depth--;
    return over || undefined;
  };
  visit(root);
  return over;
}

/**
 * Do brackets nest deeper than MAX_DEPTH? Checked before parsing, since the parser recurses on them. Strings and
 * comments are not told apart: a bracket inside one counts, which only matters for text no one writes.
 * @param {string} text
 */
function bracketsTooDeep(text) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return true;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return false;
}

/** @param {string} file */
function scriptKind(file) {
  switch (path.extname(file)) {
    case ".tsx":
      return ts.ScriptKind.TSX;
    case ".js":
    case ".mjs":
    case ".cjs":
      return ts.ScriptKind.JS;
    case ".jsx":
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.TS;
  }
}

/**
 * How source text is parsed: the latest syntax, and no JSDoc. No fact is read from JSDoc (the markers and the header
 * are read from the comments' text), and `ts.forEachChild` never visits it, so a tree with it and one without give the
 * same facts: ESLint's parser may have parsed it or not. Skipping it saves a tenth of the parse on JSDoc-heavy code
 * (typeorm).
 * @type {ts.CreateSourceFileOptions}
 */
const PARSE_OPTIONS = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/**
 * Parse source text the way both front ends agree on (see PARSE_OPTIONS). Without parent pointers: setting them
 * costs a third of the parse, and the extractors pass parents down their walks instead.
 * @param {string} file
 * @param {string} text
 */
export function parseText(file, text) {
  return ts.createSourceFile(file, text, PARSE_OPTIONS, false, scriptKind(file));
}

/**
 * The first syntax error TypeScript recovered from, as "line:col message", or null.
 * @param {ts.SourceFile} sf
 */
export function firstSyntaxError(sf) {
  /** @type {ts.DiagnosticWithLocation[] | undefined} */
  const diags = /** @type {any} */ (sf).parseDiagnostics;
  if (!diags || diags.length === 0) return null;
  const d = diags[0];
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
  return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\.$/, "")}`;
}

/**
 * Read a source file the way both front ends agree on: a one-line error for what cannot be read, is too large or
 * is binary; otherwise its text (without a byte order mark, as ESLint reads it) and the hash of its bytes.
 * @param {string} file absolute path
 * @param {number} maxBytes
 * @returns {SourceRead}
 */
export function readSource(file, maxBytes) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = /** @type {NodeJS.ErrnoException} */ (e).code;
    const why = code === "ELOOP" ? "it is a symlink loop" : code === "ENOENT" ? "it is a broken symlink or was deleted" : `it cannot be read (${code})`;
    return { ok: false, error: `skipped: ${why}; remove it or exclude it in hoc.config.json`, mtimeMs: 0, size: 0 };
  }
  const base = { mtimeMs: stat.mtimeMs, size: stat.size };
  if (!stat.isFile()) return { ok: false, error: "skipped: not a regular file; exclude it in hoc.config.json", ...base };
  if (stat.size > maxBytes) {
    return {
      ok: false,
      error: `skipped: ${stat.size} bytes is over maxFileBytes (${maxBytes}); exclude generated files or raise maxFileBytes in hoc.config.json`,
      ...base,
    };
  }
  let buf;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return {
      ok: false,
      error: `skipped: it cannot be read (${/** @type {NodeJS.ErrnoException} */ (e).code}); fix its permissions or exclude it in hoc.config.json`,
      ...base,
    };
  }
  // UTF-16 (with its byte order mark, as Windows editors save it) is text, not binary.
  const utf16 = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
  if (!utf16 && buf.subarray(0, 8192).includes(0)) {
    return { ok: false, error: "skipped: binary content (NUL bytes) in a source file; exclude it in hoc.config.json", ...base };
  }
  // Without its byte order mark, as ESLint reads it: columns on line 1 are the same in both front ends.
  const text = (utf16 ? decodeUtf16(buf) : buf.toString("utf8")).replace(/^\uFEFF/, "");
  return { ok: true, text, ...base, hash: crypto.createHash("sha1").update(buf).digest("hex") };
}

/**
 * Parse what readSource read, turning every way it can fail into the same one-line errors.
 * @param {string} file absolute path
 * @param {SourceRead} read
 * @returns {ParseResult}
 */
export function parseSource(file, read) {
  if (!read.ok) return read;
  const base = { mtimeMs: read.mtimeMs, size: read.size };
  if (bracketsTooDeep(read.text)) return { ok: false, error: TOO_DEEP, ...base };
  let sourceFile;
  try {
    sourceFile = parseText(file, read.text);
  } catch (e) {
    // A chain without brackets (`() => () => …`) can still exhaust the parser's stack.
    if (isStackOverflow(e)) return { ok: false, error: TOO_DEEP, ...base };
    throw e;
  }
  if (tooDeep(sourceFile)) return { ok: false, error: TOO_DEEP, ...base };
  const syntax = firstSyntaxError(sourceFile);
  if (syntax) return { ok: false, error: `syntax error at ${syntax}; fix it (the file was not checked)`, ...base };
  return { ok: true, sourceFile, ...base, hash: read.hash };
}

/**
 * @param {string} file absolute path
 * @param {number} maxBytes
 * @returns {ParseResult}
 */
export function readAndParse(file, maxBytes) {
  return parseSource(file, readSource(file, maxBytes));
}

/**
 * @param {Buffer} buf starting with a UTF-16 byte order mark
 */
function decodeUtf16(buf) {
  if (buf[0] === 0xff) return buf.subarray(2).toString("utf16le");
  const swapped = Buffer.from(buf.subarray(2));
  swapped.swap16();
  return swapped.toString("utf16le");
}
