// What tells a long-lived session (the editor's), or the next run, that a file or folder it depends on changed.
import fs from "node:fs";

/**
 * A folder or file changed less than this before it was looked at may change again within the same tick of its
 * mtime (file systems keep coarse times), so what was seen of it then is looked at again next time.
 */
export const RACY_MS = 1000;

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
