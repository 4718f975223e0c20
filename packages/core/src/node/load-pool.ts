/**
 * Where the analysis loader's ranges are parsed: on the main thread (`inline`),
 * by a pool of worker threads running load-worker.ts, which takes the ranges
 * in the order they are asked for (`workerPool`), or a whole file per thread,
 * the main thread's and one or two workers' (`fileLanes`).
 */
import { parseRange, type FileKind, type RangeJob, type RangeResult } from "./load-ranges.js";

export interface Runner {
  run(job: RangeJob): Promise<RangeResult>;
  close(): void;
  threads: number;
  /** Worker threads still running (a pool's; 0 once it has fallen back to the main thread). */
  workers?: number;
}

export const inline: Runner = { run: parseRange, close: () => {}, threads: 1 };

/** The worker script: the built .js next to this module, or under vitest (running the .ts sources) the .ts through tsx. */
function workerSpec(): { source: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    const target = new URL("./load-worker.ts", here).href;
    return { source: `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(target)}); });`, eval: true };
  }
  return { source: new URL("./load-worker.js", here), eval: false };
}

/** A pool of worker threads taking ranges in order; if a worker cannot run, what is left is parsed on the main thread. */
export async function workerPool(size: number): Promise<Runner> {
  let Worker: typeof import("node:worker_threads").Worker;
  try {
    ({ Worker } = await import("node:worker_threads"));
  } catch {
    return inline;
  }
  type Pending = { job: RangeJob; resolve: (r: RangeResult) => void; reject: (e: Error) => void };
  const queue: Pending[] = [];
  const workers: { worker: InstanceType<typeof Worker>; busy: Pending | undefined }[] = [];
  let broken = false;
  const spec = workerSpec();
  const fallBack = () => {
    // Worker threads are not usable here: parse what is queued or in flight on the main thread.
    broken = true;
    for (const w of workers) {
      if (w.busy) queue.unshift(w.busy);
      w.busy = undefined;
      void w.worker.terminate();
    }
    workers.length = 0;
    for (const p of queue.splice(0)) parseRange(p.job).then(p.resolve, p.reject);
  };
  const pump = (w: (typeof workers)[number]) => {
    const next = queue.shift();
    w.busy = next;
    if (next) w.worker.postMessage(next.job);
  };
  try {
    for (let i = 0; i < size; i++) {
      // A larger young generation: a range's columns grow by doubling, and fewer scavenges copy them.
      const worker = new Worker(spec.source, { eval: spec.eval, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      const slot = { worker, busy: undefined as Pending | undefined };
      worker.on("message", (m: { ok: true; result: RangeResult } | { ok: false; message: string }) => {
        const done = slot.busy;
        if (!done) return;
        if (m.ok) done.resolve(m.result);
        else done.reject(new Error(m.message));
        pump(slot);
      });
      worker.on("error", () => {
        if (!broken) fallBack();
      });
      workers.push(slot);
    }
  } catch {
    fallBack();
  }
  return {
    get threads() {
      return broken ? 1 : size;
    },
    get workers() {
      return broken ? 0 : size;
    },
    run(job) {
      return new Promise<RangeResult>((resolve, reject) => {
        const pending = { job, resolve, reject };
        if (broken) return void parseRange(job).then(resolve, reject);
        const idle = workers.find((w) => w.busy === undefined);
        queue.push(pending);
        if (idle) pump(idle);
      });
    },
    close() {
      for (const w of workers) void w.worker.terminate();
    },
  };
}

/**
 * A whole file per thread (two or three threads; see load-csv.ts, `threadMode`): the main thread parses
 * children.csv (and merges it, while the workers go on), one worker the larger of the other two files and,
 * with a third thread, another worker the smaller; with two threads the main thread parses the smaller too.
 */
export async function fileLanes(plans: readonly { kind: FileKind; size: number }[], threads: number): Promise<Runner> {
  const others = plans.filter((p) => p.kind !== 0 && p.size > 0).sort((a, b) => b.size - a.size);
  const away = new Set(others.slice(0, Math.min(others.length, threads - 1)).map((p) => p.kind));
  if (away.size === 0) return inline;
  const pool = await workerPool(away.size);
  return {
    get threads() {
      return 1 + (pool.workers ?? 0);
    },
    run: (job) => (away.has(job.kind) ? pool.run(job) : parseRange(job)),
    close: () => pool.close(),
  };
}
