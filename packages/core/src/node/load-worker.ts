/**
 * Worker thread of the analysis loader: parses the byte ranges it is sent
 * (load-ranges.ts) and sends back their columns, transferring the buffers.
 */
import { parentPort } from "node:worker_threads";
import { parseRange, transferList, type RangeJob } from "./load-ranges.js";

const port = parentPort!;
port.on("message", (job: RangeJob) => {
  parseRange(job).then(
    (result) => port.postMessage({ ok: true, result }, transferList(result)),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
