import { describe, expect, it } from "vitest";
import { createAuditQueue } from "./group-commit.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("audit group commit", () => {
  it("writes the first row at once and batches the rows that arrive while a write is in flight", async () => {
    const writes: number[][] = [];
    const gates: Array<() => void> = [];
    const queue = createAuditQueue<number>(async (rows) => {
      writes.push(rows);
      await new Promise<void>((r) => gates.push(r));
    });
    const done: number[] = [];
    const first = queue.append(1).then(() => done.push(1));
    const rest = [2, 3, 4].map((n) => queue.append(n).then(() => done.push(n)));
    await tick();
    expect(writes).toEqual([[1]]);
    expect(done).toEqual([]); // nothing resolves before its commit
    gates.shift()!();
    await first;
    await tick();
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(done).toEqual([1]);
    gates.shift()!();
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it("rejects every row of a failed write, and carries on with the next batch", async () => {
    let fail = true;
    const written: number[] = [];
    const queue = createAuditQueue<number>(async (rows) => {
      await tick();
      if (fail) {
        fail = false;
        throw new Error("disk full");
      }
      written.push(...rows);
    });
    const a = queue.append(1);
    const b = queue.append(2);
    await expect(a).rejects.toThrow("disk full");
    await expect(b).resolves.toBeUndefined(); // 2 arrived while 1 was in flight: next batch
    await expect(queue.append(3)).resolves.toBeUndefined();
    expect(written).toEqual([2, 3]);
  });

  it("never writes more than maxBatch rows at once", async () => {
    const sizes: number[] = [];
    const queue = createAuditQueue<number>(
      async (rows) => {
        sizes.push(rows.length);
        await tick();
      },
      { maxBatch: 3 },
    );
    await Promise.all(Array.from({ length: 8 }, (_, i) => queue.append(i)));
    await queue.drain();
    expect(sizes).toEqual([1, 3, 3, 1]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
  });
});
