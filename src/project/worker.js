// A worker thread of the parallel scan: compile the same config, load its share of the files, post the facts
// back (plain data), and tell the main thread it is done through the shared counter.
import { parentPort, workerData } from "node:worker_threads";
import { preloadTypescript } from "../ts-code-cache.js";

// The main thread wrote the code cache, if it could; each worker compiles TypeScript from it.
preloadTypescript({ write: false });
const { compileConfig } = await import("../config/load-config.js");
const { loadFileFacts } = await import("./project.js");

const { files, source, port, done } =
  /** @type {{ files: string[], source: import("../types.js").HocConfig["source"], port: import("node:worker_threads").MessagePort, done: Int32Array }} */ (
    workerData
  );
try {
  const config = compileConfig(source.user, source.origin);
  port.postMessage({
    results: files.map((file) => {
      const data = loadFileFacts(file, config);
      // Progress, not a deadline: the main thread gives up only on a worker that stopped moving.
      Atomics.add(done, 1, 1);
      return [file, data];
    }),
  });
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) });
} finally {
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
  port.close();
  parentPort?.close();
}
