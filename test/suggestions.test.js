// Every suggestion must give code that compiles: lint the fixtures with suggestions, apply each one to its file, and
// type-check the whole fixture with that file changed (a wrap without its import fails with "Cannot find name").
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../eslint-plugin.js";
import { fixture, sourceFiles } from "./helpers/fixtures.js";

/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

/**
 * A type checker over a fixture's tsconfig that can replace one file's text. Parsed files are shared between the
 * programs (only the replaced file is parsed again), and only the replaced file is checked.
 * @param {string} root
 */
function checker(root) {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error(`${root}: no tsconfig`);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  /** @type {Map<string, import("typescript").SourceFile | undefined>} */
  const parsedFiles = new Map();
  /** @type {{ file: string, text: string } | null} */
  let override = null;
  host.getSourceFile = (f, lang) => {
    const abs = path.resolve(f);
    if (override && override.file === abs) return ts.createSourceFile(f, override.text, lang);
    if (!parsedFiles.has(abs)) parsedFiles.set(abs, getSourceFile(f, lang));
    return parsedFiles.get(abs);
  };
  /** @param {string | null} only */
  const diagnostics = (only) => {
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
    const files = only ? [program.getSourceFile(only)] : program.getSourceFiles().filter((f) => !f.isDeclarationFile);
    return files
      .flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)])
      .map((d) => `${d.file ? path.relative(root, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  };
  return {
    all: () => diagnostics(null),
    /** @param {string} file @param {string} text */
    withFile(file, text) {
      override = { file, text };
      try {
        return diagnostics(file);
      } finally {
        override = null;
      }
    },
  };
}

describe("suggestions produce code that type-checks", () => {
  it.each(["private-keys"])("every suggestion on fixtures/%s, applied, compiles", (name) => {
    const root = fixture(name);
    const typeCheck = checker(root);
    expect(typeCheck.all()).toEqual([]);
    const linter = new Linter({ cwd: root });
    let applied = 0;
    for (const rel of sourceFiles(root)) {
      const file = path.join(root, rel);
      const text = fs.readFileSync(file, "utf8");
      for (const message of linter.verify(text, [plugin.configs.strict], file)) {
        for (const suggestion of message.suggestions ?? []) {
          const { range, text: replacement } = suggestion.fix;
          const fixed = text.slice(0, range[0]) + replacement + text.slice(range[1]);
          expect(typeCheck.withFile(file, fixed), `${rel}:${message.line} ${suggestion.desc}`).toEqual([]);
          applied++;
        }
      }
    }
    expect(applied).toBeGreaterThanOrEqual(5);
  });
});
