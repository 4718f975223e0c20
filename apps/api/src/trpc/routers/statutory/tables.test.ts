/** The other SSDA903 tables (Reviews, UASC, AD1, …) given to the statutory import: recognised, checked against the Header, never imported. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../../../../packages/core/src/statutory/fixtures");
const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), "utf8") });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

describe("statutory import with another SSDA903 table", () => {
  it("checks a Reviews CSV (a child not in the Header is INT08) and imports nothing from it", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const year1 = [fixture("clean-903-header.csv"), fixture("clean-903-episodes-2023.csv")];
    // A1 is in the Header (born 15/03/2012); Z9 is not.
    const reviews = { name: "reviews.csv", text: "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/03/2012,01/06/2023,PN1\nZ9,01/01/2015,01/06/2023,PN1\n" };
    const dry = await admin.statutory.dryRun({ files: [...year1, reviews], yearEnd: "2024-03-31" });
    expect(dry.files).toContainEqual(expect.objectContaining({ name: "reviews.csv", kind: "ssda903-reviews-csv", rows: 2 }));
    expect(dry.problems.filter((p) => p.rule.startsWith("INT"))).toEqual([expect.objectContaining({ file: "reviews.csv", row: 3, field: "CHILD", rule: "INT08", severity: "error" })]);
    // The same counts as the Header and Episodes alone: 2 children, 3 episodes.
    expect(dry.counts.children).toEqual({ add: 2, update: 0, skip: 0 });
    expect(dry.counts.claEpisodes).toEqual({ add: 3, update: 0, skip: 0 });
  });
});
