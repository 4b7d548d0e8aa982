// Type information for hoc-audit: a TypeScript program over only the files that have candidates to judge (and
// what they import, which the compiler follows), created when the audit finds such files. Files without
// candidates never pay for it. It is built with the `typescript` the project already has (a peer dependency),
// so the audit and ESLint's typed linting see the same compiler, and no second copy is installed.
import path from "node:path";
import fs from "node:fs";
import ts from "../ts.js";
import { parseTsconfig } from "../project/tsconfig.js";
import { carriesPrivateKeys, typeVerdict } from "./type-verdict.js";

/** @typedef {{ method: string, receiverPos: number, receiverEnd: number }} Candidate */
/** @typedef {import("../types.js").DatabaseMatchers} DatabaseMatchers */
/** @typedef {import("../types.js").TypeOracle} TypeOracle */

/** Options where the project has no tsconfig: strict, no JavaScript, library checks skipped. @type {ts.CompilerOptions} */
const DEFAULT_OPTIONS = { strict: true, allowJs: false, skipLibCheck: true, noEmit: true };

/** The browser's libraries: the DOM, web workers, the Windows Script Host. */
const BROWSER_LIB = /^lib\.(dom|webworker|scripthost)\b/;

/**
 * The options of the type program with the browser's libraries left out, where they cannot change a verdict.
 * A verdict is decided by the package a receiver's type or method is declared in; the libraries are declared in the
 * package `typescript`, never a database client nor a listed non-database package (unless the config lists it), so
 * they decide nothing. They shape what an expression's type is, and a backend's code does not reach a database handle
 * through the browser's globals. The DOM is most of what the libraries weigh (1.9 of 2.4 MB with ES2022's default),
 * and a file that needs it says so with `/// <reference lib="dom" />`, which still brings it in.
 * @param {ts.CompilerOptions} options
 * @param {DatabaseMatchers} m
 * @returns {ts.CompilerOptions}
 */
export function withoutBrowserLibs(options, m) {
  if (options.noLib || m.clientOf("typescript") || m.nonDbPackage("typescript")) return options;
  // Without `lib`, the target's default: lib.d.ts is ES5's with the browser's, lib.es6.d.ts ES2015's, *.full.d.ts the rest.
  const libs = options.lib ?? [
    ts
      .getDefaultLibFileName(options)
      .replace(/^lib\.d\.ts$/, "lib.es5.d.ts")
      .replace(/^lib\.es6\.d\.ts$/, "lib.es2015.d.ts")
      .replace(/\.full\.d\.ts$/, ".d.ts"),
  ];
  return { ...options, lib: libs.filter((l) => !BROWSER_LIB.test(l)) };
}

/**
 * What the audit's module resolution already learnt of the file system during this run (it does not change during a
 * scan): whether paths exist as files or folders, and where they really lead.
 * @typedef {{ files: Map<string, boolean>, dirs: Map<string, boolean>, real: Map<string, string> }} KnownAnswers
 */

/**
 * The compiler host of the type program. Two things make it cheaper than TypeScript's default, neither changing a type
 * (together, on outline's server, building the program took 1.75 s instead of 2.26 s):
 * - its module resolution asks about the same paths the audit's own resolution did: those answers are taken, and the
 *   rest asked once, here, without adding to what the audit keeps between runs;
 * - it parses only the JSDoc that type information needs (`JSDocParsingMode.ParseForTypeInfo`: in JavaScript files,
 *   where JSDoc declares types; in TypeScript files none of it).
 * @param {ts.CompilerOptions} options
 * @param {KnownAnswers | null} known
 */
function compilerHost(options, known) {
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
  if (!known) return host;
  /**
   * @template T
   * @param {Map<string, T>} answers
   * @param {(p: string) => T} ask
   */
  const recall = (answers, ask) => {
    /** @type {Map<string, T>} */
    const mine = new Map();
    return (/** @type {string} */ p) => {
      let v = answers.get(p) ?? mine.get(p);
      if (v === undefined) mine.set(p, (v = ask(p)));
      return v;
    };
  };
  host.fileExists = recall(known.files, host.fileExists.bind(host));
  host.directoryExists = recall(known.dirs, (d) => ts.sys.directoryExists(d));
  const realpath = host.realpath?.bind(host);
  if (realpath) host.realpath = recall(known.real, realpath);
  return host;
}

/** @implements {TypeOracle} */
export class ProgramTypes {
  /**
   * @param {string} tsconfig the tsconfig whose compiler options apply (it need not exist)
   * @param {DatabaseMatchers} matchers which packages decide a verdict (see withoutBrowserLibs)
   * @param {(file: string, message: string) => void} onError
   * @param {KnownAnswers | null} [known] what the audit's own module resolution already asked the file system
   */
  constructor(tsconfig, matchers, onError, known = null) {
    this.tsconfig = tsconfig;
    this.matchers = matchers;
    this.onError = onError;
    this.known = known;
    /** @type {ts.Program | null} */
    this.program = null;
    /** @type {ts.TypeChecker | null} */
    this.checker = null;
  }

  /**
   * Build the program over the given files. A tsconfig that cannot be read leaves the audit syntactic, said once.
   * @param {string[]} files
   */
  prepare(files) {
    if (files.length === 0) return;
    let options = withoutBrowserLibs(DEFAULT_OPTIONS, this.matchers);
    /** @type {string[]} */
    let declarations = [];
    if (fs.existsSync(this.tsconfig)) {
      // Our own reading of the tsconfig (a missing `extends` keeps the file's own options), listing its folders
      // with the real file system only to find its declaration files.
      const { parsed, error } = parseTsconfig(this.tsconfig, ts.sys.readDirectory);
      if (!parsed) {
        this.onError(this.tsconfig, `type information unavailable (${error}); the type-aware checks ran syntactically`);
        return;
      }
      options = withoutBrowserLibs({ ...parsed.options, noEmit: true }, this.matchers);
      // Declaration files the tsconfig includes (ambient `declare module`, global augmentations) shape the types of
      // everything else, and no import leads to them: those are added, not the whole program.
      declarations = parsed.fileNames.filter((f) => /\.d\.[cm]?ts$/.test(f));
    }
    try {
      this.program = ts.createProgram({ rootNames: [...declarations, ...files], options, host: compilerHost(options, this.known) });
      this.checker = this.program.getTypeChecker();
    } catch (e) {
      this.program = null;
      this.onError(
        this.tsconfig,
        `type information unavailable (${e instanceof Error ? e.message.split("\n")[0] : e}); the type-aware checks ran syntactically`,
      );
      return;
    }
    // A file the compiler could not read (gone since it was scanned) costs its own type information only.
    for (const f of files) {
      if (!this.program.getSourceFile(f))
        this.onError(f, "type information unavailable for this file (the compiler could not read it); it was checked syntactically");
    }
  }

  /** @param {string} file */
  sourceFile(file) {
    return this.program?.getSourceFile(path.resolve(file)) ?? null;
  }

  /**
   * @param {string} file
   * @param {Candidate} fact
   * @param {DatabaseMatchers} m
   */
  verdict(file, fact, m) {
    const sf = this.sourceFile(file);
    if (!sf || !this.checker) return null;
    return typeVerdict(ts, this.checker, sf, fact, m);
  }

  /**
   * @param {string} file
   * @param {import("../types.js").LeakFact} fact
   * @param {string[]} reservedKeys
   */
  carriesPrivateKeys(file, fact, reservedKeys) {
    const sf = this.sourceFile(file);
    if (!sf || !this.checker) return null;
    return carriesPrivateKeys(ts, this.checker, sf, fact.exprPos, fact.exprEnd, reservedKeys);
  }
}
