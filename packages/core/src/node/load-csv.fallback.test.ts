import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { loadDatasetDir } from "./load-csv.js";

// An environment where worker threads cannot start (as in some sandboxes and bundlers).
vi.mock("node:worker_threads", () => ({
  Worker: class {
    constructor() {
      throw new Error("worker threads are not available here");
    }
  },
}));

describe("loadDatasetDir without worker threads", () => {
  it("parses on the main thread and gives the same dataset", async () => {
    const example = fileURLToPath(new URL("../../../../examples/ifp-like", import.meta.url));
    const one = await loadDatasetDir(example, { threads: 1 });
    const asked = await loadDatasetDir(example, { threads: 4, rangeBytes: 1024 });
    expect(asked.timings.threads).toBe(1);
    expect(asked.dataset).toEqual(one.dataset);
    expect(asked.rows).toEqual({ children: 194, episodes: one.rows.episodes, referrals: one.rows.referrals });
    // A file per thread, the same.
    const files = await loadDatasetDir(example, { threads: 2, parallelFromBytes: 0 });
    expect(files.timings.threads).toBe(1);
    expect(files.dataset).toEqual(one.dataset);
  });
});
