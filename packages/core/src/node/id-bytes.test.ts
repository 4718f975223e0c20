import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ByteColumn, ByteIdIndex, canonical, hashBytes, lazyStrings } from "./id-bytes.js";
import { CsvInputError, loadDatasetDir } from "./load-csv.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("ByteIdIndex", () => {
  it("numbers ids in order, finds them by bytes or text and refuses a second copy", () => {
    const index = new ByteIdIndex(2); // grows past its first size
    const b = bytes("C1C22C333Zoë");
    const add = (s: number, e: number) => index.add(b, s, e, hashBytes(b, s, e));
    expect([add(0, 2), add(2, 5), add(5, 9), add(9, b.length), add(2, 5)]).toEqual([true, true, true, true, false]);
    expect(index.size).toBe(4);
    expect(index.find(b, 5, 9, hashBytes(b, 5, 9))).toBe(2);
    expect(index.findText("Zoë")).toBe(3);
    expect(index.findText("C3")).toBe(-1);
    expect(index.ids.strings()).toEqual(["C1", "C22", "C333", "Zoë"]);
  });

  it("treats bytes that decode to the same text as the same id", () => {
    // 0xff and 0xfe are not UTF-8: both read as U+FFFD, so the strings (and the ids) are equal.
    const a = canonical(new Uint8Array([0x5a, 0xff]), 0, 2);
    const b = canonical(new Uint8Array([0x5a, 0xfe]), 0, 2);
    expect(Array.from(a)).toEqual([0x5a, 0xef, 0xbf, 0xbd]);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("gives every entry of a column as text, undefined where absent", () => {
    const column = new ByteColumn(1);
    const b = bytes("F1F1F2");
    column.push(b, 0, 2);
    column.push(b, 0, 0);
    column.push(b, 2, 4);
    column.push(b, 4, 6);
    expect(column.strings(new Uint8Array([1, 0, 1, 1]))).toEqual(["F1", undefined, "F1", "F2"]);
  });

  it("makes a lazy property once, on first read, in its place among the keys", () => {
    let made = 0;
    const target = { a: 1, ids: [] as string[], b: 2 };
    lazyStrings(target, "ids", () => (made++, ["x"]));
    expect(made).toBe(0);
    expect(Object.keys(target)).toEqual(["a", "ids", "b"]);
    expect(target.ids).toEqual(["x"]);
    expect(target.ids).toBe(target.ids);
    expect(made).toBe(1);
    expect(JSON.stringify(target)).toBe('{"a":1,"ids":["x"],"b":2}');
  });
});

describe("loadDatasetDir with ids that are not ASCII", { timeout: 120_000 }, () => {
  const folder = (files: Record<string, string | Buffer>) => {
    const dir = mkdtempSync(join(tmpdir(), "evident-ids-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const header = "child_id,cohort,start_date,end_date,family_id\n";
  // Enough rows that two threads get several ranges each (ranges of 512 bytes).
  const kids = Array.from({ length: 200 }, (_, i) => `${i % 2 ? "Zoë" : "Zoe"}${i},${i % 3 ? "comparison" : "intervention"},2018-01-01,2018-06-30,${i % 4 ? `Fé${i >> 2}` : ""}`);
  const eps = Array.from({ length: 200 }, (_, i) => `${(199 - i) % 2 ? "Zoë" : "Zoe"}${199 - i},CP,2018-02-01,`);

  it("reads them the same on one thread and on two", async () => {
    const dir = folder({ "children.csv": header + kids.join("\n") + "\n", "episodes.csv": "child_id,status,start_date,end_date\n" + eps.join("\n") + "\n", "referrals.csv": "child_id,referral_date\nZoë1,2018-03-01\n" });
    const one = await loadDatasetDir(dir, { threads: 1 });
    const two = await loadDatasetDir(dir, { threads: 2, rangeBytes: 512, chunkBytes: 100 });
    expect(two.timings.threads).toBe(2);
    const c = two.dataset.children;
    expect(c.ids[1]).toBe("Zoë1");
    expect(c.ids[198]).toBe("Zoe198");
    expect(c.familyId.slice(0, 6)).toEqual([undefined, "Fé0", "Fé0", "Fé0", undefined, "Fé1"]);
    // The episodes are listed backwards: the first is child 199's.
    expect(Array.from(two.dataset.episodes.child.subarray(0, 3))).toEqual([199, 198, 197]);
    expect(Array.from(two.dataset.referrals.child)).toEqual([1]);
    expect(two.dataset).toEqual(one.dataset);
  });

  it("finds two ids that read as the same text as one child twice, on any number of threads", async () => {
    const children = Buffer.concat([Buffer.from(header + kids.join("\n") + "\n"), Buffer.from([0x5a, 0xff]), Buffer.from(",comparison,2018-01-01,2018-01-02,\n"), Buffer.from([0x5a, 0xfe]), Buffer.from(",comparison,2018-01-01,2018-01-02,\n")]);
    const dir = folder({ "children.csv": children, "episodes.csv": "child_id,status,start_date,end_date\n", "referrals.csv": "child_id,referral_date\n" });
    const expected = [{ file: "children.csv", line: 203, column: "child_id", reason: 'child "Z\uFFFD" appears more than once' }];
    for (const options of [{ threads: 1 }, { threads: 2, rangeBytes: 512, chunkBytes: 100 }]) {
      const error = await loadDatasetDir(dir, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsvInputError);
      expect((error as CsvInputError).problems).toEqual(expected);
    }
  });
});
