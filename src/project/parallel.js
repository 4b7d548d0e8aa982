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
/** How long workers may read no file before the run gives up on them. */
const STALL_MS = 10 * 60_000;

/**
 * How many threads to use: `requested` if given, else, on 4+ cores and 5,000+ files, one per ~2,500 files
 * up to the cores (max 4).
 * @param {number} files
 * @param {number | undefined} requested
 */
export function threadCount(files, requested) {
  // Asked for: at most twice the cores (each thread holds a TypeScript and a share of the facts).
  if (requested !== undefined) return Math.max(1, Math.min(Math.floor(requested), 2 * (os.availableParallelism?.() ?? os.cpus().length)));
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
  // [0]: workers finished; [1]: files read by all workers (their sign of life).
  const done = new Int32Array(new SharedArrayBuffer(8));
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
  // No fixed deadline (a slow network disk is slow, not broken): only workers that read no file for a long while
  // (killed, or hung) end the run.
  let progress = Atomics.load(done, 1);
  let idleSince = Date.now();
  for (let finished = Atomics.load(done, 0); finished < workers; finished = Atomics.load(done, 0)) {
    Atomics.wait(done, 0, finished, 5_000);
    const now = Atomics.load(done, 1);
    if (now !== progress) {
      progress = now;
      idleSince = Date.now();
    } else if (Date.now() - idleSince > STALL_MS) {
      throw new Error(`the scan workers read no file for ${STALL_MS / 60_000} minutes; run again with --threads 1`);
    }
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
