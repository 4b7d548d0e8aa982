#!/usr/bin/env node
import { runCli } from "../src/cli/main.js";

try {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
  });
} catch (e) {
  // A bug of ours, not the user's input: say so in one line and point at the issue tracker.
  process.stderr.write(
    `hoc-audit: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the command you ran; set HOC_DEBUG=1 for the stack)\n`,
  );
  if (process.env.HOC_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ""}\n`);
  process.exitCode = 2;
}
