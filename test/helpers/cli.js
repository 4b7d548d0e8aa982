// Run hoc-audit in-process (same code path as the bin) and capture what it prints.
import { runCli } from "../../src/cli/main.js";

/**
 * @param {string[]} args
 * @param {string} cwd
 */
export function hocAudit(args, cwd) {
  let stdout = "";
  let stderr = "";
  const code = runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

/**
 * @param {string[]} args
 * @param {string} cwd
 */
export function hocAuditJson(args, cwd) {
  const r = hocAudit([...args, "--format", "json"], cwd);
  return { ...r, report: JSON.parse(r.stdout) };
}
