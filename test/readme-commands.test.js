// Every `npx hoc-audit …` command of the README's shell blocks runs as written, in the order given, in a user's
// project (fixtures/layouts/folders, which has no config yet): no usage error, no unknown option, exit 0 or 1.
// (The maintainer block at the top is what .ci/run runs.)
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, tempCopy } from "./helpers/fixtures.js";
import { installHocBin, runShell } from "./helpers/shell.js";

const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1].split("\n"))
  .map((line) => line.replace(/\s+#\s.*$/, "").trim())
  .filter((line) => line.startsWith("npx hoc-audit"));

const dir = tempCopy("layouts/folders");
installHocBin(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the README's hoc-audit commands", () => {
  it("are found (the test reads the README, not a copy)", () => {
    expect(commands).toContain("npx hoc-audit init");
    expect(commands.length).toBeGreaterThan(6);
  });

  it.each(commands)("%s", (command) => {
    const r = runShell(dir, command);
    expect(r.stderr).not.toMatch(/error: (unknown option|option|missing)/);
    expect([0, 1], r.out).toContain(r.code);
  });
});
