// Parsing a command line with commander the way every hoc-audit command does: its messages go to the given
// streams, and a usage error is exit code 2 (help and --version are 0), never a process.exit from inside.
import { CommanderError } from "commander";

/**
 * @param {import("commander").Command} program
 * @param {string[]} argv the arguments after the command's name
 * @param {import("./main.js").Io} io
 * @returns {number | null} the exit code when the command line ends the run, else null
 */
export function parseCommand(program, argv, io) {
  program.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(argv, { from: "user" });
    return null;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
}
