// The benchmark corpus doubles as a scale test: every planted violation is found, and nothing else.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateRepo } from "../bench/generate.js";
import { audit } from "../src/api.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-gen-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a generated 600-file HOC repository", () => {
  const { files, planted } = generateRepo({ files: 600, seed: 7 });
  for (const [rel, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }

  it("is generated deterministically from its seed", () => {
    const again = generateRepo({ files: 600, seed: 7 });
    expect([...again.files.entries()]).toEqual([...files.entries()]);
    expect(generateRepo({ files: 600, seed: 8 }).files).not.toEqual(files);
  });

  it("has every planted violation found, per rule, and no other finding", () => {
    const report = audit({ paths: [dir] });
    /** @type {Record<string, number>} */
    const found = {};
    for (const f of report.findings) found[f.ruleId] = (found[f.ruleId] ?? 0) + 1;
    const expected = Object.fromEntries(Object.entries(planted).filter(([, n]) => n > 0));
    expect(found).toEqual(expected);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    expect(report.errors).toEqual([]);
  });
});
