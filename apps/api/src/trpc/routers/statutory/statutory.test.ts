import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeCinCensusXml, writeSsda903Csv, type TStatutoryExtract } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

// The project's own made-up fixtures (never real data), written with the readers in @evident/core.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../../../../packages/core/src/statutory/fixtures");
const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), "utf8") });

let t: TestApp;
let u: TestApp;
beforeAll(async () => {
  [t, u] = await Promise.all([createTestApp(), createTestApp()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([t?.dispose(), u?.dispose()]);
});

/** Everything the import wrote, without database ids, in a stable order. */
async function records(app: TestApp) {
  const q = <T = Record<string, unknown>>(sql: string) => app.testDb.db.raw.query<T>(sql);
  return {
    children: await q(`SELECT "statutoryChildId", "birthDate"::text, gender::text, ethnicity, upn, "sexCode", "sexLegacyCode", kind::text FROM person WHERE "statutoryChildId" IS NOT NULL ORDER BY 1`),
    episodes: await q(
      `SELECT p."statutoryChildId", e."sourceRef", e.status::text, e.source::text, e."startDate"::text, e."endDate"::text, e."claLegalStatus", e."claPlacement", e."claReasonNew", e."claReasonEnded", e."claCategoryOfNeed", e."cpCategoryOfAbuse", e."cpLatestCategory"
         FROM status_episode e JOIN person p ON p.id = e."childId" WHERE e."sourceRef" IS NOT NULL ORDER BY 2`,
    ),
    referrals: await q(`SELECT p."statutoryChildId", r."sourceRef", r.date::text, r.source, r."primaryNeed", r.nfa, r."closedAt"::text, r."closureReason" FROM referral r JOIN person p ON p.id = r."childId" WHERE r."sourceRef" IS NOT NULL ORDER BY 2`),
    assessments: await q(`SELECT p."statutoryChildId", a."sourceRef", a."startedAt"::text, a."completedAt"::text, a.factors FROM assessment a JOIN person p ON p.id = a."childId" WHERE a."sourceRef" IS NOT NULL ORDER BY 2`),
    families: await q(`SELECT f.reference, p."statutoryChildId" FROM family f JOIN family_member m ON m."familyId" = f.id JOIN person p ON p.id = m."personId" WHERE p."statutoryChildId" IS NOT NULL ORDER BY 1`),
  };
}

const BAD_EPISODES = {
  name: "bad-episodes.csv",
  text: "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\nA1,10/01/2023,S,C1,N1,U4,PR1,01/06/2023,P1,,,,\r\n",
};

describe("statutory import through the API", () => {
  it("reports problems with their rule codes and refuses to commit files with errors, writing nothing", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const before = await records(t);
    const report = await admin.statutory.dryRun({ files: [fixture("clean-903-header.csv"), BAD_EPISODES], yearEnd: "2024-03-31" });
    expect(report.canCommit).toBe(false);
    // REC "P1" is not a reason episode ceased: DfE rule 149.
    expect(report.problems).toContainEqual(expect.objectContaining({ file: "bad-episodes.csv", row: 2, field: "REC", rule: "149", severity: "error" }));
    await expect(admin.statutory.commit({ files: [fixture("clean-903-header.csv"), BAD_EPISODES], yearEnd: "2024-03-31", digest: report.digest })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await records(t)).toEqual(before);
  });

  it("dry run, commit, re-import (nothing changes), next year's return (only what is new)", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const year1 = [fixture("clean-903-header.csv"), fixture("clean-903-episodes-2023.csv")];
    const dry = await admin.statutory.dryRun({ files: year1, yearEnd: "2024-03-31" });
    expect(dry.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(dry.counts.children).toEqual({ add: 2, update: 0, skip: 0 });
    expect(dry.counts.claEpisodes).toEqual({ add: 3, update: 0, skip: 0 });
    expect((await records(t)).children).toEqual([]);
    // The commit must be for the files the dry run saw.
    await expect(admin.statutory.commit({ files: [year1[0]!], yearEnd: "2024-03-31", digest: dry.digest })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const done = await admin.statutory.commit({ files: year1, yearEnd: "2024-03-31", digest: dry.digest });
    expect(done.counts.claEpisodes).toEqual({ add: 3, update: 0, skip: 0 });
    const after1 = await records(t);
    expect(after1.children).toEqual([
      expect.objectContaining({ statutoryChildId: "A1", birthDate: "2012-03-15", gender: "male", ethnicity: "WBRI", upn: "M201456789012", sexCode: "M", kind: "child" }),
      expect.objectContaining({ statutoryChildId: "A2", birthDate: "2016-11-02", gender: "female", ethnicity: "BAFR", sexCode: "F", kind: "child" }),
    ]);
    expect(after1.episodes.map((e) => [e.sourceRef, e.status, e.startDate, e.endDate, e.claLegalStatus, e.claPlacement, e.claReasonNew, e.claReasonEnded])).toEqual([
      ["cla:A1:2023-01-10", "CLA", "2023-01-10", "2023-06-01", "C1", "U4", "S", "X1"],
      ["cla:A1:2023-06-01", "CLA", "2023-06-01", null, "C2", "U4", "L", null],
      ["cla:A2:2024-02-05", "CLA", "2024-02-05", null, "V2", "U1", "S", null],
    ]);
    expect(after1.families).toEqual([
      { reference: "S-A1", statutoryChildId: "A1" },
      { reference: "S-A2", statutoryChildId: "A2" },
    ]);

    // The same files again: everything skipped, nothing changes.
    const again = await admin.statutory.dryRun({ files: year1, yearEnd: "2024-03-31" });
    await admin.statutory.commit({ files: year1, yearEnd: "2024-03-31", digest: again.digest });
    expect(again.counts.children).toEqual({ add: 0, update: 0, skip: 2 });
    expect(again.counts.claEpisodes).toEqual({ add: 0, update: 0, skip: 3 });
    expect(await records(t)).toEqual(after1);

    // Next year's return, stitched with the earlier one, and the CIN census.
    const year2 = [...year1, fixture("clean-903-episodes-2024.csv"), fixture("clean-cin-2023.xml"), fixture("clean-cin.xml")];
    const dry2 = await admin.statutory.dryRun({ files: year2, yearEnd: "2025-03-31" });
    expect(dry2.errors).toBe(0);
    expect(dry2.counts.claEpisodes).toEqual({ add: 2, update: 2, skip: 1 });
    expect(dry2.counts.children.add).toBe(1); // B7, only in the CIN census
    expect(dry2.counts.referrals).toEqual({ add: 3, update: 0, skip: 0 });
    expect(dry2.counts.cinPlans).toEqual({ add: 2, update: 0, skip: 0 });
    expect(dry2.counts.cpPlans).toEqual({ add: 1, update: 0, skip: 0 });
    expect(dry2.counts.assessments).toEqual({ add: 2, update: 0, skip: 0 });
    expect(dry2.counts.notImported.section47s).toBe(1);
    const done2 = await admin.statutory.commit({ files: year2, yearEnd: "2025-03-31", digest: dry2.digest });
    expect(done2.counts.claEpisodes).toEqual({ add: 2, update: 2, skip: 1 });
    const after2 = await records(t);
    expect(after2.episodes.find((e) => e.sourceRef === "cla:A1:2023-06-01")).toMatchObject({ endDate: "2024-09-20", claReasonEnded: "X1" });
    expect(after2.episodes.find((e) => e.sourceRef === "cp:A1:2022-12-01")).toMatchObject({ status: "CP", startDate: "2022-12-01", endDate: "2023-01-10", cpCategoryOfAbuse: "NEG", cpLatestCategory: "MUL" });
    expect(after2.referrals.find((r) => r.sourceRef === "ref:B7:2024-04-10")).toMatchObject({ source: "3A", nfa: true, closedAt: "2024-04-10", closureReason: "RC7" });
    expect(after2.assessments.find((a) => a.sourceRef === "asmt:A1:2022-11-02")).toMatchObject({ startedAt: "2022-11-02", completedAt: "2022-11-20", factors: ["3A", "16A"] });

    // Audit: who imported which files, with the counts kept on the import record.
    const history = await admin.statutory.history();
    expect(history).toHaveLength(3);
    expect(history[0]!.files.map((f) => f.name)).toEqual(year2.map((f) => f.name));
    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: "statutory.commit" } });
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actorId === t.fx.users.admin.id && history.some((h) => h.id === a.entityIds[0]))).toBe(true);
  });

  it("round trip: records → SSDA903 and CIN census files → import elsewhere → identical records", async () => {
    const original = await records(t);
    expect(original.episodes.length).toBeGreaterThan(5);
    const extract = recordsToExtract(original);
    const header = writeSsda903Csv(extract);
    const files = [
      { name: "rt-903-header.csv", text: header.header },
      { name: "rt-903-episodes.csv", text: header.episodes },
      ...["2023", "2024", "2025"].map((y) => ({ name: `rt-cin-${y}.xml`, text: writeCinCensusXml(extract, { referenceDate: `${y}-03-31`, censusYearOnly: true }) })),
    ];
    const admin = await u.as(u.fx.users.admin.id);
    const dry = await admin.statutory.dryRun({ files, yearEnd: "2025-03-31" });
    expect(dry.problems.filter((p) => p.severity === "error")).toEqual([]);
    await admin.statutory.commit({ files, yearEnd: "2025-03-31", digest: dry.digest });
    expect(await records(u)).toEqual(original);
  });

  it("keeps everyone but admins out", async () => {
    for (const role of ["analyst", "manager", "practitioner"] as const) {
      const caller = await t.as(t.fx.users[role].id);
      await expect(caller.statutory.dryRun({ files: [fixture("clean-903-header.csv")] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

type Rows = Awaited<ReturnType<typeof records>>;

/** Evident's records back into the normalised extract the writers take (the round trip's first leg). */
function recordsToExtract(r: Rows): TStatutoryExtract {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const src = { file: "db", row: 0 };
  const withCin = new Set(r.referrals.map((x) => String(x.statutoryChildId)));
  const referrals: (Record<string, unknown> & { childId: string; date: string })[] = r.referrals.map((x) => ({ ...x, childId: String(x.statutoryChildId), date: String(x.date) }));
  const episodeOf = (childId: string, date: string) => {
    const list = referrals.filter((x) => x.childId === childId && x.date <= date).sort((a, b) => (a.date < b.date ? 1 : -1));
    return `cin:${childId}:${list[0]?.date ?? date}`;
  };
  return {
    files: [],
    children: r.children.map((c) => {
      const childId = String(c.statutoryChildId);
      return {
        key: `child:${childId}`, childId, laChildId: withCin.has(childId) ? childId : null, linked903Cin: false, upn: s(c.upn)?.startsWith("UN") ? null : s(c.upn), formerUpn: null,
        // UPNunknown is not stored when there is no UPN; a return needs a reason (DfE 442), so the round trip gives UN2.
        upnUnknown: s(c.upn)?.startsWith("UN") ? s(c.upn) : c.upn === null || c.upn === undefined ? "UN2" : null, birthDate: s(c.birthDate), expectedBirthDate: null, deathDate: null,
        sex: s(c.sexCode) as "M" | "F" | "U" | null, sexLegacy: s(c.sexLegacyCode) as "1" | "2" | null, ethnicity: s(c.ethnicity),
        // Not stored by Evident; a return needs them: Disability for a child in need (DfE 8540), MOTHER for a looked-after girl (393, 607).
        disabilities: withCin.has(childId) ? ["NONE"] : [], mother: c.sexCode === "F" ? "0" : null, motherChildBirthDate: null, sources: [],
      };
    }),
    claEpisodes: r.episodes.filter((e) => e.status === "CLA").map((e) => ({
      key: String(e.sourceRef), childId: String(e.statutoryChildId), start: String(e.startDate), end: s(e.endDate), reasonNewEpisode: s(e.claReasonNew), legalStatus: s(e.claLegalStatus),
      categoryOfNeed: s(e.claCategoryOfNeed), placement: s(e.claPlacement), placeProvider: "PR1", reasonEnded: s(e.claReasonEnded),
      // Not stored by Evident; a return needs one where the placement changes (DfE 225), so the round trip gives one.
      reasonPlaceChange: e.claReasonEnded === "X1" ? "CARPL" : null, urn: null, source: src,
    })),
    carePeriods: [],
    cinEpisodes: referrals.map((x) => ({
      key: `cin:${x.childId}:${x.date}`, childId: x.childId, referralDate: x.date, closureDate: s(x.closedAt), reasonForClosure: s(x.closureReason), referralSource: s(x.source), primaryNeed: s(x.primaryNeed), nfa: x.nfa === true,
      // Not stored by Evident; a CP plan follows an initial conference (DfE 2883), so the round trip gives one on the plan's first day.
      dateOfInitialCpc: s(r.episodes.find((e) => e.status === "CP" && String(e.statutoryChildId) === x.childId && episodeOf(x.childId, String(e.startDate)) === `cin:${x.childId}:${x.date}`)?.startDate),
      source: src,
    })),
    referrals: referrals.map((x) => ({ key: String(x.sourceRef), childId: x.childId, date: x.date, referralSource: s(x.source), nfa: x.nfa === true, cinEpisodeKey: `cin:${x.childId}:${x.date}`, source: src })),
    cinPlans: r.episodes.filter((e) => e.status === "CIN").map((e) => ({ key: String(e.sourceRef), childId: String(e.statutoryChildId), cinEpisodeKey: episodeOf(String(e.statutoryChildId), String(e.startDate)), start: String(e.startDate), end: s(e.endDate), source: src })),
    cpPlans: r.episodes.filter((e) => e.status === "CP").map((e) => ({
      key: String(e.sourceRef), childId: String(e.statutoryChildId), cinEpisodeKey: episodeOf(String(e.statutoryChildId), String(e.startDate)), start: String(e.startDate), end: s(e.endDate),
      initialCategory: s(e.cpCategoryOfAbuse), latestCategory: s(e.cpLatestCategory),
      // Not stored by Evident; required in a census (DfE 8730).
      numberOfPreviousCpp: 0, reviewDates: [], source: src,
    })),
    assessments: r.assessments.map((a) => ({
      key: String(a.sourceRef), childId: String(a.statutoryChildId), cinEpisodeKey: episodeOf(String(a.statutoryChildId), String(a.startedAt)), start: String(a.startedAt), authorisationDate: s(a.completedAt), internalReviewDate: null, factors: a.factors as string[], source: src,
    })),
    section47s: [],
    problems: [],
  };
}
