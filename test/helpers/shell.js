// Running documented shell commands as a user's shell would: `npx hoc-audit` resolves to this repository's bin
// through node_modules/.bin (where npm puts it), in bash with -eo pipefail as CI runners use.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO } from "./fixtures.js";

/**
 * Put a `hoc-audit` in `dir`/node_modules/.bin that runs this checkout's bin.
 * @param {string} dir
 */
export function installHocBin(dir) {
  const bin = path.join(dir, "node_modules/.bin");
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, "hoc-audit"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO, "bin/hoc-audit.js")}" "$@"\n`, { mode: 0o755 });
}

/**
 * @param {string} dir
 * @param {string} script
 * @param {Record<string, string>} [env]
 */
export function runShell(dir, script, env = {}) {
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env, PATH: `${path.join(dir, "node_modules/.bin")}${path.delimiter}${process.env.PATH}`, npm_config_offline: "true" },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stderr: r.stderr };
}
