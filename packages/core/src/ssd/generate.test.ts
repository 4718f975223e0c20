import { describe, expect, it } from "vitest";
import { ssdToAnalysisRows } from "./analysis.js";
import { generateSsdExtract, mergeIntervals } from "./generate.js";
import { hasSsdErrors, readSsdFiles } from "./read.js";

function read(files: Record<string, string>) {
  return readSsdFiles(Object.entries(files).map(([name, text]) => ({ name, text })));
}

/** Days in each status per child, from analysis rows, merged the same way as the generator's truth. */
function statusDays(episodes: { child_id: string; status: string; start_date: string; end_date: string }[]) {
  const map = new Map<string, { start: string; end: string }[]>();
  for (const e of episodes) {
    const k = `${e.child_id}|${e.status}`;
    map.set(k, [...(map.get(k) ?? []), { start: e.start_date, end: e.end_date }]);
  }
  for (const [k, list] of map) map.set(k, mergeIntervals(list));
  return map;
}

describe("the SSD extract generator", () => {
  it("is deterministic", () => {
    const a = generateSsdExtract({ children: 200, seed: 7 });
    const b = generateSsdExtract({ children: 200, seed: 7 });
    const c = generateSsdExtract({ children: 200, seed: 8 });
    expect(a.files).toEqual(b.files);
    expect(a.files["ssd_person.csv"]).not.toEqual(c.files["ssd_person.csv"]);
  });

  it("writes what real extracts contain: SQL Server datetimes, NULL cells, overlapping, adjacent and open CLA episodes, short breaks, same-day referrals", () => {
    const g = generateSsdExtract({ children: 3000, seed: 11 });
    const cla = g.files["ssd_cla_episodes.csv"]!;
    expect(cla).toMatch(/\d{4}-\d\d-\d\d 00:00:00\.000/);
    expect(cla).toContain(",X1,");
    expect(g.files["ssd_legal_status.csv"]).toContain(",V3,");
    expect(g.files["ssd_person.csv"]).toContain("NULL");
    const extract = read(g.files);
    const eps = extract.tables.ssd_cla_episodes;
    const byChild = new Map<string, typeof eps>();
    for (const e of eps) byChild.set(e.clae_person_id!, [...(byChild.get(e.clae_person_id!) ?? []), e]);
    let adjacent = 0;
    let overlapping = 0;
    for (const list of byChild.values())
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!.clae_cla_episode_ceased_date;
        const start = list[i]!.clae_cla_episode_start_date!;
        if (prev === start) adjacent++;
        else if (prev !== null && start < prev) overlapping++;
      }
    expect(adjacent).toBeGreaterThan(20);
    expect(overlapping).toBeGreaterThan(5);
    expect(eps.filter((e) => e.clae_cla_episode_ceased_date === null).length).toBeGreaterThan(20);
    expect(extract.problems.filter((p) => p.rule === "ssd-same-day-referral").length).toBeGreaterThan(5);
  });

  for (const descriptions of [false, true]) {
    it(`convert gives each child the days in each status, the referrals and the profile the extract was made from${descriptions ? " (descriptions instead of codes)" : ""}`, () => {
      const g = generateSsdExtract({ children: 2000, seed: 5, descriptions });
      const extract = read(g.files);
      expect(extract.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(hasSsdErrors(extract)).toBe(false);
      const warnings = extract.problems.filter((p) => p.severity === "warning");
      if (descriptions) expect(new Set(warnings.map((w) => w.field))).toEqual(new Set(["pers_sex", "pers_ethnicity", "cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category"]));
      else expect(warnings).toEqual([]);
      const rows = ssdToAnalysisRows(extract);
      expect(statusDays(rows.episodes)).toEqual(g.truth.statusDays);
      expect(new Set(rows.referrals.map((r) => `${r.child_id}|${r.referral_date}`))).toEqual(g.truth.referrals);
      expect(rows.referrals.length).toBe(g.truth.referrals.size);
      expect(rows.childrenProfile).toEqual([...g.truth.profiles].sort((a, b) => (a.child_id < b.child_id ? -1 : 1)));
      // Sanity of the truth itself: all three statuses occur.
      const statuses = new Set([...g.truth.statusDays.keys()].map((k) => k.split("|")[1]));
      expect(statuses).toEqual(new Set(["CIN", "CP", "CLA"]));
    });
  }
});
