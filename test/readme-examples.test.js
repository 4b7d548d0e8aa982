// The README's first steps, as a new user takes them: an `npm init -y` package (no "type": "module") with the
// README's eslint.config.mjs, the plugin installed under its own name, finds a layer violation.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, tempRepo } from "./helpers/fixtures.js";

/** @type {string[]} */
const temps = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** The first ```js block of the README that starts with the given comment line. @param {string} firstLine */
function readmeBlock(firstLine) {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const block = readme.split("```js\n").find((b) => b.startsWith(firstLine));
  if (!block) throw new Error(`no README block starting with ${firstLine}`);
  return block.slice(0, block.indexOf("```"));
}

describe("the README's setup", () => {
  it('its eslint.config.mjs works in a package without "type": "module"', async () => {
    const dir = tempRepo(
      {
        "package.json": JSON.stringify({ name: "app", version: "1.0.0", main: "index.js", license: "ISC" }, null, 2),
        "eslint.config.mjs": readmeBlock("// eslint.config.mjs (.mjs"),
        "src/hoc/api/cus/billing/routes.ts": `import { total } from "../../../cus/billing/L5_engines/invoice_engine";\nexport const r = total;\n`,
        "src/hoc/cus/billing/L5_engines/invoice_engine.ts": "export const total = 1;\n",
      },
      temps,
    );
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(REPO, path.join(dir, "node_modules/eslint-plugin-hoc"));
    const eslint = new ESLint({ cwd: dir });
    const results = await eslint.lintFiles(["src/**/*.ts"]);
    expect(results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${path.relative(dir, r.filePath)}:${m.line}`))).toEqual([
      "hoc/layer-boundaries src/hoc/api/cus/billing/routes.ts:1",
    ]);
  });
});
