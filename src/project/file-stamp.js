// What tells a long-lived session (the editor's) that a file it depends on changed: its mtime and size.
import fs from "node:fs";

/**
 * `mtime:size` of a file, or "missing".
 * @param {string} file
 */
export function fileStamp(file) {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return "missing";
  }
}
