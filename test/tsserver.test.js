// The language-service plugin inside a real tsserver: configured in a tsconfig as a user would, its diagnostics
// follow unsaved edits of other open files, deletions and creations on disk; it offers the sanitizer fix; a broken
// plugin setup never takes tsserver's own diagnostics away.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTsserver } from "./helpers/tsserver.js";
import { tempCopy } from "./helpers/fixtures.js";

/** @type {(() => void)[]} */
const cleanups = [];
afterAll(() => {
  for (const c of cleanups) c();
});

/**
 * A copy of a fixture whose tsconfig turns the plugin on, as the README says.
 * @param {string} name
 */
function withPlugin(name) {
  const dir = tempCopy(name);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const tsconfig = path.join(dir, "tsconfig.json");
  const config = JSON.parse(fs.readFileSync(tsconfig, "utf8"));
  config.compilerOptions = { ...config.compilerOptions, plugins: [{ name: "eslint-plugin-hoc/tsserver" }] };
  fs.writeFileSync(tsconfig, JSON.stringify(config, null, 2));
  return dir;
}

function server() {
  const s = startTsserver();
  cleanups.push(() => s.close());
  return s;
}

/**
 * Our diagnostics of a file, as `rule line:col category`.
 * @param {ReturnType<typeof startTsserver>} s
 * @param {string} file
 */
async function hocDiagnostics(s, file) {
  const r = await s.request("semanticDiagnosticsSync", { file, includeLinePosition: true });
  return /** @type {any[]} */ (r.body ?? []).filter((d) => String(d.source ?? "").startsWith("hoc/"));
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe("the tsserver plugin", () => {
  it("adds the rules' findings to an open file's semantic diagnostics, with the rule as source", async () => {
    const dir = withPlugin("operations");
    const s = server();
    const routes = path.join(dir, "src/hoc/api/cus/integrations/integrations_routes.ts");
    await s.request("open", { file: routes, projectRootPath: dir });
    const diags = await hocDiagnostics(s, routes);
    const unknown = diags.find((d) => d.source === "hoc/no-unknown-operation");
    expect(unknown).toMatchObject({ category: "error", startLocation: { line: 17, offset: 27 }, code: expect.any(Number) });
    expect(unknown.message).toMatch(/^Dispatch of `integrations.querry`, which no handler registers/);
  });

  it("follows an unsaved edit of another open file, a deletion and a creation on disk", async () => {
    const dir = withPlugin("operations");
    const s = server();
    const routes = path.join(dir, "src/hoc/api/cus/integrations/integrations_routes.ts");
    const handler = path.join(dir, "src/hoc/cus/hoc_spine/orchestrator/handlers/integrations_handler.ts");
    await s.request("open", { file: routes, projectRootPath: dir });
    await s.request("open", { file: handler, projectRootPath: dir });
    const unknownLines = async () =>
      (await hocDiagnostics(s, routes))
        .filter((d) => d.source === "hoc/no-unknown-operation")
        .map((d) => d.startLocation.line)
        .sort((a, b) => a - b);
    expect(await unknownLines()).toEqual([17]);

    // Rename the registration of integrations.sync in the (open, unsaved) handler: the route's dispatch of it
    // becomes unknown, and is known again when the edit is undone.
    const text = fs.readFileSync(handler, "utf8").split("\n");
    const line = text.findIndex((l) => l.includes('"integrations.sync"')) + 1;
    const offset = text[line - 1].indexOf("integrations.sync") + 1 + "integrations.".length;
    await s.request("change", { file: handler, line, offset, endLine: line, endOffset: offset + 4, insertString: "synchronise" });
    await hocDiagnostics(s, handler);
    expect(await unknownLines()).toEqual([13, 17]);
    await s.request("change", { file: handler, line, offset, endLine: line, endOffset: offset + "synchronise".length, insertString: "sync" });
    await hocDiagnostics(s, handler);
    expect(await unknownLines()).toEqual([17]);

    // Deleted on disk (and closed in the editor): every dispatch it served is unknown.
    await s.request("close", { file: handler });
    fs.rmSync(handler);
    await sleep(1500);
    expect(await unknownLines()).toEqual([5, 9, 13, 17]);

    // A new handler on disk registers the misspelled name: that dispatch is known again.
    fs.writeFileSync(
      path.join(path.dirname(handler), "search_handler.ts"),
      'import { registry } from "../registry";\nregistry.register("integrations.querry", { execute: async () => [] });\n',
    );
    await sleep(1500);
    expect(await unknownLines()).toEqual([5, 9, 13]);
  });

  it("offers the sanitizer wrap, with its import, as a code fix", async () => {
    const dir = withPlugin("private-keys");
    const s = server();
    const file = path.join(dir, "src/hoc/cus/hoc_spine/orchestrator/handlers/integrations_handler.ts");
    await s.request("open", { file, projectRootPath: dir });
    const leak = (await hocDiagnostics(s, file)).find((d) => d.source === "hoc/no-private-kwargs-leak" && d.startLocation.line === 9);
    expect(leak).toBeDefined();
    const r = await s.request("getCodeFixes", {
      file,
      startLine: leak.startLocation.line,
      startOffset: leak.startLocation.offset,
      endLine: leak.endLocation.line,
      endOffset: leak.endLocation.offset,
      errorCodes: [leak.code],
    });
    const fix = /** @type {any[]} */ (r.body ?? []).find((f) => f.fixName === "hoc/no-private-kwargs-leak");
    expect(fix.description).toBe("Wrap it in `stripInternalKeys(…)`.");
    expect(fix.changes[0].textChanges.map((/** @type {any} */ c) => c.newText)).toContain("stripInternalKeys(ctx.params)");
  });

  it("a plugin that cannot start leaves tsserver's own diagnostics, and says why in tsserver's log", async () => {
    const dir = withPlugin("operations");
    // A config error the plugin cannot get past: every file's hoc diagnostics are missing, TypeScript's remain.
    fs.writeFileSync(path.join(dir, "hoc.config.json"), "{ not json");
    const file = path.join(dir, "src/hoc/api/cus/integrations/integrations_routes.ts");
    fs.appendFileSync(file, "\nexport const wrong: number = 'a string';\n");
    const s = server();
    await s.request("open", { file, projectRootPath: dir });
    const r = await s.request("semanticDiagnosticsSync", { file, includeLinePosition: true });
    const all = /** @type {any[]} */ (r.body ?? []);
    expect(all.some((d) => d.code === 2322)).toBe(true);
    expect(all.some((d) => String(d.source ?? "").startsWith("hoc/"))).toBe(false);
    expect(s.log).toMatch(/\[eslint-plugin-hoc\] no diagnostics for .*integrations_routes\.ts: .*hoc\.config\.json: not valid JSON/);
  });
});
