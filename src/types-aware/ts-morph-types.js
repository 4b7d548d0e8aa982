// Type information for hoc-audit: a ts-morph project holding only the files that have candidates to judge
// (and what they import), created the first time a rule asks. Files without candidates never pay for it.
import path from "node:path";
import fs from "node:fs";
import { createRequire } from "node:module";
import { carriesPrivateKeys, typeVerdict } from "./type-verdict.js";

/** @typedef {{ method: string, receiverPos: number, receiverEnd: number }} Candidate */
/** @typedef {import("../types.js").DatabaseMatchers} DatabaseMatchers */

const require = createRequire(import.meta.url);

/** @typedef {import("../types.js").TypeOracle} TypeOracle */
/** @implements {TypeOracle} */
export class TsMorphTypes {
  /**
   * @param {string} root
   * @param {(file: string, message: string) => void} onError
   */
  constructor(root, onError) {
    this.root = root;
    this.onError = onError;
    /** @type {any} */
    this.project = null;
    this.failed = false;
  }

  /**
   * Load the given files (once) into the type-checked project.
   * @param {string[]} files
   */
  prepare(files) {
    if (this.failed || files.length === 0) return;
    try {
      if (!this.project) {
        /** @type {typeof import("ts-morph")} */
        const { Project } = require("ts-morph");
        const tsconfig = path.join(this.root, "tsconfig.json");
        this.project = fs.existsSync(tsconfig)
          ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
          : new Project({ compilerOptions: { allowJs: false, strict: true, skipLibCheck: true } });
        // Declaration files the tsconfig includes (ambient `declare module`, global augmentations) shape the
        // types of everything else, and no import leads to them: add those, not the whole program.
        if (fs.existsSync(tsconfig)) {
          const { ts } = require("ts-morph");
          const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
          const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, this.root);
          for (const f of parsed.fileNames) if (/\.d\.[cm]?ts$/.test(f)) this.project.addSourceFileAtPath(f);
        }
      }
      // One file that cannot be added (unreadable, gone since it was scanned) costs its own type information only.
      let added = 0;
      for (const f of files) {
        if (this.project.getSourceFile(f)) continue;
        try {
          this.project.addSourceFileAtPath(f);
          added++;
        } catch (e) {
          this.onError(f, `type information unavailable for this file (${e instanceof Error ? e.message.split("\n")[0] : e}); it was checked syntactically`);
        }
      }
      if (added > 0) this.project.resolveSourceFileDependencies();
    } catch (e) {
      this.failed = true;
      this.onError(
        path.join(this.root, "tsconfig.json"),
        `type information unavailable (${e instanceof Error ? e.message.split("\n")[0] : e}); the transaction checks ran syntactically`,
      );
    }
  }

  /**
   * @param {string} file
   * @param {Candidate} fact
   * @param {DatabaseMatchers} m
   */
  verdict(file, fact, m) {
    if (!this.project || this.failed) return null;
    const sf = this.project.getSourceFile(file);
    if (!sf) return null;
    // ts-morph bundles its own TypeScript; the verdict code only uses the namespace it is handed.
    const { ts } = require("ts-morph");
    return typeVerdict(/** @type {any} */ (ts), this.project.getTypeChecker().compilerObject, sf.compilerNode, fact, m);
  }

  /**
   * @param {string} file
   * @param {import("../types.js").LeakFact} fact
   * @param {string[]} reservedKeys
   */
  carriesPrivateKeys(file, fact, reservedKeys) {
    if (!this.project || this.failed) return null;
    const sf = this.project.getSourceFile(file);
    if (!sf) return null;
    const { ts } = require("ts-morph");
    return carriesPrivateKeys(/** @type {any} */ (ts), this.project.getTypeChecker().compilerObject, sf.compilerNode, fact.exprPos, fact.exprEnd, reservedKeys);
  }
}
