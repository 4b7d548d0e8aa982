// TypeScript, loaded with require(): importing the 9 MB CommonJS file through the ESM loader makes Node scan
// all of it for export names (and for ESM syntax) first, ~0.2 s of every run, before any work is done.
import { createRequire } from "node:module";

/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");
export default ts;
