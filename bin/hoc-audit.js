#!/usr/bin/env node
import { preloadTypescript } from "../src/ts-code-cache.js";

// TypeScript from V8's code cache, before the audit's modules load it (see src/ts-code-cache.js). Only a run that
// parses writes a missing cache: one of `--version` would hold none of the parser's code.
const infoOnly = process.argv.slice(2).some((a) => ["-V", "--version", "-h", "--help", "--print-config", "init"].includes(a));
preloadTypescript({ write: !infoOnly });
const { runCli } = await import("../src/cli/main.js");

// A closed pipe (`hoc-audit | head`) ends the output, not with a stack trace; a full disk or another write error is
// said in one line, and the run fails.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (/** @type {NodeJS.ErrnoException} */ e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    try {
      if (stream !== process.stderr) process.stderr.write(`hoc-audit: cannot write the report to standard output (${e.code}); use --output FILE\n`);
    } finally {
      process.exit(2);
    }
  });
}

try {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true,
  });
} catch (e) {
  // A bug of ours, not the user's input: say so in one line and point at the issue tracker.
  process.stderr.write(
    `hoc-audit: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the command you ran; set HOC_DEBUG=1 for the stack)\n`,
  );
  if (process.env.HOC_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ""}\n`);
  process.exitCode = 2;
}
