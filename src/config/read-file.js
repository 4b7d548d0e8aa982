// Reading the files the user names (config, baseline, cache): regular files only, of a sane size, and errors that
// say where the problem is without echoing the content (a path pointed at a secrets file must not print it).
import fs from "node:fs";
import { parseDocument } from "yaml";
import { ConfigError } from "./config-error.js";

/**
 * The text of a file the user named, or a ConfigError with one line saying why not.
 * @param {string} file
 * @param {string} what "the config file", "the baseline"
 * @param {string} fix what to do about it
 * @param {number} maxBytes
 */
export function readUserFile(file, what, fix, maxBytes = 64 * 1024 * 1024) {
  let st;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read ${what} (${/** @type {NodeJS.ErrnoException} */ (e).code ?? e}); ${fix}`);
  }
  // A device (/dev/zero), a FIFO or a folder would never end, or is not a file at all.
  if (!st.isFile()) throw new ConfigError(`${file}: ${what} is not a regular file; ${fix}`);
  if (st.size > maxBytes) throw new ConfigError(`${file}: ${what} is ${st.size} bytes, more than ${maxBytes}; ${fix}`);
  try {
    return fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    throw new ConfigError(`${file}: cannot read ${what} (${/** @type {NodeJS.ErrnoException} */ (e).code ?? e}); ${fix}`);
  }
}

/**
 * Parse JSON; on failure, where it fails (line:column when it can be told), never what the text says.
 * @param {string} text
 * @returns {{ ok: true, value: unknown } | { ok: false, where: string }}
 */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // JSON is YAML: the YAML parser says where the syntax breaks (Node 20's JSON.parse does not, and quotes the text).
    const err = parseDocument(text, { strict: true }).errors[0];
    const pos = err?.linePos?.[0];
    return { ok: false, where: pos ? `at ${pos.line}:${pos.col}` : "" };
  }
}
