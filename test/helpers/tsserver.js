// A real tsserver (the one in the project's `typescript`), spoken to over its stdio protocol, for the plugin tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { REPO } from "./fixtures.js";

/**
 * Start tsserver with eslint-plugin-hoc findable as a plugin (a probe folder whose node_modules links to this repo);
 * `global`: on for every project, also those without a tsconfig (tsserver's --globalPlugins).
 * @param {{ global?: boolean }} [options]
 * @returns {{ request(command: string, args?: object): Promise<any>, close(): void, log: string }}
 */
export function startTsserver({ global = false } = {}) {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-tsserver-probe-"));
  fs.mkdirSync(path.join(probe, "node_modules"));
  fs.symlinkSync(REPO, path.join(probe, "node_modules/eslint-plugin-hoc"));
  const logFile = path.join(probe, "tsserver.log");
  const child = spawn(
    process.execPath,
    [
      ...(process.env.HOC_TSSERVER_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.HOC_TSSERVER_PROF] : []),
      path.join(REPO, "node_modules/typescript/lib/tsserver.js"),
      "--pluginProbeLocations",
      probe,
      "--disableAutomaticTypingAcquisition",
      ...(global ? ["--globalPlugins", "eslint-plugin-hoc/tsserver"] : []),
      "--logVerbosity",
      "normal",
      "--logFile",
      logFile,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  let seq = 0;
  /** @type {Map<number, (body: any) => void>} */
  const waiting = new Map();
  let buffer = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    for (;;) {
      const header = /Content-Length: (\d+)\r\n\r\n/.exec(buffer);
      if (!header) return;
      const start = header.index + header[0].length;
      const length = Number(header[1]);
      // Content-Length counts bytes; the body is ASCII-safe JSON in practice, but measure in bytes anyway.
      const rest = Buffer.from(buffer.slice(start), "utf8");
      if (rest.length < length) return;
      const body = rest.subarray(0, length).toString("utf8");
      buffer = rest.subarray(length).toString("utf8");
      const msg = JSON.parse(body);
      if (msg.type === "response") {
        waiting.get(msg.request_seq)?.(msg);
        waiting.delete(msg.request_seq);
      }
    }
  });
  return {
    request(command, args = {}) {
      const id = ++seq;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ seq: id, type: "request", command, arguments: args })}\n`);
      });
    },
    close() {
      // Ask tsserver to exit (so a profile, when asked for, is written); kill it if it lingers.
      child.stdin.write(`${JSON.stringify({ seq: ++seq, type: "request", command: "exit" })}\n`);
      const timer = setTimeout(() => child.kill(), 2000);
      child.once("exit", () => {
        clearTimeout(timer);
        fs.rmSync(probe, { recursive: true, force: true });
      });
    },
    get log() {
      try {
        return fs.readFileSync(logFile, "utf8");
      } catch {
        return "";
      }
    },
  };
}
