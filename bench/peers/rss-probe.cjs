// Loaded into every measured Node process (NODE_OPTIONS=--require): appends the process's peak RSS (KiB) to
// the file named by HOC_BENCH_RSS when it exits, so the bench can report memory for any Node tool.
const fs = require("node:fs");
const out = process.env.HOC_BENCH_RSS;
if (out) process.on("exit", () => {
  try {
    fs.appendFileSync(out, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // measurement only
  }
});
