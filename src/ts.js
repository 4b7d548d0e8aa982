// TypeScript, loaded with require(): importing the 9 MB CommonJS file through the ESM loader makes Node scan
// all of it for export names (and for ESM syntax) first, ~0.2 s of every run, before any work is done.
import { createRequire } from "node:module";

/**
 * A plain copy of the namespace: the package exports each name through a getter, and the extractors' walks read
 * `ts.isX` and `ts.SyntaxKind` for every node of every file (a getter call each time; the walks are ~20% faster
 * reading plain properties). Same functions and enums, so the copy works on any SourceFile of this TypeScript.
 * @type {typeof import("typescript")}
 */
const ts = { ...createRequire(import.meta.url)("typescript") };
export default ts;
