import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unzipTextFiles, ZipError } from "./zip.js";

describe("unzipTextFiles", () => {
  it("reads stored and deflated files made by Info-ZIP, flattening folders and leaving out __MACOSX and folder entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "evident-zip-"));
    mkdirSync(join(dir, "extract"));
    mkdirSync(join(dir, "__MACOSX"));
    writeFileSync(join(dir, "extract", "ssd_person.csv"), `pers_person_id,pers_sex\n${"007,F\n".repeat(500)}`);
    writeFileSync(join(dir, "extract", "ssd_family.csv"), "fami_table_id,fami_family_id,fami_person_id\n1,F1,007\n");
    writeFileSync(join(dir, "__MACOSX", "._ssd_person.csv"), "junk");
    execFileSync("zip", ["-q", "-r", "a.zip", "extract", "__MACOSX"], { cwd: dir });
    execFileSync("zip", ["-q", "-0", "b.zip", "extract/ssd_family.csv"], { cwd: dir });
    const files = unzipTextFiles(readFileSync(join(dir, "a.zip")));
    expect(files.map((f) => f.name).sort()).toEqual(["ssd_family.csv", "ssd_person.csv"]);
    expect(files.find((f) => f.name === "ssd_person.csv")!.text).toBe(`pers_person_id,pers_sex\n${"007,F\n".repeat(500)}`);
    expect(unzipTextFiles(readFileSync(join(dir, "b.zip")))).toEqual([{ name: "ssd_family.csv", text: "fami_table_id,fami_family_id,fami_person_id\n1,F1,007\n" }]);
  });

  it("refuses what is not a zip archive, and more than the size bound", () => {
    expect(() => unzipTextFiles(Buffer.from("pers_person_id\n1\n"))).toThrow(ZipError);
    const dir = mkdtempSync(join(tmpdir(), "evident-zip-"));
    writeFileSync(join(dir, "big.csv"), "x".repeat(10_000));
    execFileSync("zip", ["-q", "c.zip", "big.csv"], { cwd: dir });
    expect(() => unzipTextFiles(readFileSync(join(dir, "c.zip")), 1000)).toThrow("more than");
  });
});
