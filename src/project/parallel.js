// Parse and extract many files on worker threads, synchronously for the caller: workers post their facts on
// their own MessagePort and bump a shared counter; the main thread sleeps on the counter (Atomics.wait) and
// then drains the ports with receiveMessageOnPort. Results are keyed by file, so the order of completion
// never shows in the output.
import os from "node:os";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";

/** @typedef {import("./project.js").FileData} FileData */

/**
 * Below this many files, or with fewer cores, a worker's start-up (each loads TypeScript, ~0.3 s) and the copy
 * of its results cost as much as the parallel parse saves: measured on 2 cores, 5,000 files ran 12% slower
 * with a worker and 20,000 files 2% faster (see the README's performance section).
 */
export const MIN_FILES_FOR_WORKERS = 5000;
export const MIN_CORES_FOR_WORKERS = 4;

/**
 * How many threads to use: `requested` if given, else, on 4+ cores and 5,000+ files, one per ~2,500 files
 * up to the cores (max 4).
 * @param {number} files
 * @param {number | undefined} requested
 */
export function threadCount(files, requested) {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  if (files < MIN_FILES_FOR_WORKERS || cores < MIN_CORES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(cores, 4, Math.ceil(files / 2500)));
}

/**
 * @param {string[]} files absolute
 * @param {import("../types.js").HocConfig["source"]} source
 * @param {number} threads > 1: the main thread is one of them
 * @param {(files: string[]) => void} loadHere loads the main thread's share while the workers run
 * @returns {Map<string, FileData>} the workers' results
 */
export function loadInWorkers(files, source, threads, loadHere) {
  const workers = threads - 1;
  const done = new Int32Array(new SharedArrayBuffer(4));
  /** @type {{ worker: Worker, port: import("node:worker_threads").MessagePort }[]} */
  const running = [];
  // Workers start slowly (each loads TypeScript), so they get smaller shares than the main thread.
  const mainShare = Math.ceil(files.length / threads + (files.length / threads) * 0.15);
  const rest = files.slice(mainShare);
  for (let i = 0; i < workers; i++) {
    // Round-robin shares: neighbouring files (often similar in size) spread over the workers.
    const share = rest.filter((_, k) => k % workers === i);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: { files: share, source, port: port2, done }, transferList: [port2] });
    worker.unref();
    running.push({ worker, port: port1 });
  }
  loadHere(files.slice(0, mainShare));
  for (let finished = Atomics.load(done, 0); finished < workers; finished = Atomics.load(done, 0)) {
    if (Atomics.wait(done, 0, finished, 120_000) === "timed-out") throw new Error("a scan worker did not finish within 2 minutes");
  }
  /** @type {Map<string, FileData>} */
  const out = new Map();
  for (const { worker, port } of running) {
    const msg = receiveMessageOnPort(port)?.message;
    port.close();
    void worker.terminate();
    if (!msg || msg.error) throw new Error(`a scan worker failed: ${msg?.error ?? "no result"}`);
    for (const [file, data] of msg.results) out.set(file, data);
  }
  return out;
}
