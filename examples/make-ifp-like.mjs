#!/usr/bin/env node
// Writes examples/ifp-like/: a made-up, child-level dataset shaped like the report's
// Inspiring Families cohort (n=78) and its comparison cohort (n=116): the number of
// children with each status before and after and the referral counts follow Tables 11-14;
// days are capped at what a 6-month window can hold (the report's own day counts are
// impossible in places: see docs/evaluation.md). Deterministic; no real person.
// Usage: node examples/make-ifp-like.mjs
import { mkdirSync, writeFileSync } from "node:fs";

let state = 20200301;
const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = (list) => list[Math.floor(rand() * list.length)];
const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86400000;
const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
const ETHNICITY = ["WBRI", "WBRI", "WBRI", "APKN", "APKN", "AIND", "WOTH", "BAFR", "MWBC", "MOTH", "WROM", "OOTH"];

// [children with status, total days] per status, from Tables 13 and 14, days capped at 180 per child.
const PLAN = {
  intervention: {
    n: 78, referrals: [43, 0],
    before: { CIN: [24, 3761], CP: [26, 4500], CLA: [2, 212] },
    after: { CIN: [10, 1105], CP: [1, 150], CLA: [0, 0] },
  },
  comparison: {
    n: 116, referrals: [56, 6],
    before: { CIN: [1, 28], CP: [2, 340], CLA: [0, 0] },
    after: { CIN: [15, 2040], CP: [12, 2000], CLA: [1, 170] },
  },
};

const children = [["child_id", "cohort", "start_date", "end_date", "family_id", "birth_date", "ethnicity", "sibling_group_size"]];
const episodes = [["child_id", "status", "start_date", "end_date"]];
const referrals = [["child_id", "referral_date"]];
let next = 1;
for (const [cohort, plan] of Object.entries(PLAN)) {
  const ids = [];
  for (let i = 0; i < plan.n; i++) {
    const id = `${cohort === "intervention" ? "I" : "C"}${String(next++).padStart(4, "0")}`;
    // Intervention: a 10-week group in 2017-2018; comparison: the assessment date (start = end).
    const start = day("2017-06-01") + Math.floor(rand() * 450);
    const end = cohort === "intervention" ? start + 70 : start;
    const birth = rand() < 0.1 ? "" : iso(start - Math.floor(365 * (0.3 + rand() * 16)));
    const siblings = rand() < 0.1 ? "" : String(1 + Math.floor(rand() * (cohort === "intervention" ? 6 : 3)));
    children.push([id, cohort, iso(start), iso(end), `F${id.slice(1)}`, birth, pick(ETHNICITY), siblings]);
    ids.push({ id, start, end });
  }
  for (const [w, windowPlan] of [["before", plan.before], ["after", plan.after]]) {
    for (const [status, [count, days]] of Object.entries(windowPlan)) {
      // Spread the children with a status deterministically across the cohort.
      const offset = { CIN: 0, CP: 29, CLA: 55 }[status] + (w === "after" ? 7 : 0);
      for (let k = 0; k < count; k++) {
        const child = ids[(offset + k * 3) % ids.length];
        const length = Math.max(1, Math.min(180, Math.round(days / count + (rand() - 0.5) * 20)));
        if (w === "before") {
          // Ends the day before the intervention starts or a little earlier; some began long before.
          const endDay = child.start - Math.floor(rand() * 5);
          episodes.push([child.id, status, iso(endDay - length), iso(endDay)]);
        } else {
          const startDay = child.end + 1 + Math.floor(rand() * 3);
          const open = rand() < 0.2;
          episodes.push([child.id, status, iso(startDay), open ? "" : iso(startDay + length)]);
        }
      }
    }
  }
  for (const [w, count] of [["before", plan.referrals[0]], ["after", plan.referrals[1]]]) {
    for (let k = 0; k < count; k++) {
      const child = ids[(k * 5 + 2) % ids.length];
      const date = w === "before" ? child.start - 1 - Math.floor(rand() * 170) : child.end + 1 + Math.floor(rand() * 170);
      referrals.push([child.id, iso(date)]);
    }
  }
}
const dir = new URL("./ifp-like/", import.meta.url);
mkdirSync(dir, { recursive: true });
const csv = (rows) => rows.map((r) => r.join(",")).join("\n") + "\n";
writeFileSync(new URL("children.csv", dir), csv(children));
writeFileSync(new URL("episodes.csv", dir), csv(episodes));
writeFileSync(new URL("referrals.csv", dir), csv(referrals));
console.log(`wrote ${children.length - 1} children, ${episodes.length - 1} episodes, ${referrals.length - 1} referrals to examples/ifp-like/`);
