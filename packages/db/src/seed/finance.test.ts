import { financeTotals, translationCompleteness, translationFromStored, type BudgetLine, type TBudgetCategory } from "@evident/core";
import { describe, expect, it } from "vitest";
import { financeRows } from "./finance.js";
import { INSTRUMENTS } from "./reference.js";

const rows = financeRows({ seed: 20170401, programmes: { IFP: "ifp", HUB: "hub" }, instrumentIds: { FWC7: "fwc7", SAFE5: "safe5" } });
const lines = (programmeId: string): BudgetLine[] =>
  rows.programmeBudgetLine
    .filter((l) => l.programmeId === programmeId)
    .map((l) => ({ id: l.id!, fromYear: l.fromYear, toYear: l.toYear, category: l.category as TBudgetCategory, description: l.description, fte: l.fte ?? null, budgetPence: l.budgetPence == null ? null : Number(l.budgetPence), actualPence: l.actualPence == null ? null : Number(l.actualPence) }));

describe("finance and translation seed", () => {
  it("reproduces Table 23 as actuals and the logic models' funding as budgets", () => {
    const daarr = financeTotals(lines("ifp"));
    expect(daarr.actualPence).toBe(50159700); // £501,597
    expect(daarr.budgetPence).toBe(67898100); // £678,981 DfE funding (Figure 7)
    expect(daarr.fte).toBe(2.25);
    const hub = financeTotals(lines("hub"));
    expect(hub.actualPence).toBe(90973000); // £909,730
    expect(hub.budgetPence).toBe(136270800); // £1,362,708 (Figure 8)
    expect(hub.fte).toBe(7.75);
    expect((daarr.actualPence! + hub.actualPence!) / 100).toBe(1411327); // Table 23 total
  });

  it("translates every string of both demo instruments, marked as machine-assisted drafts", () => {
    expect(rows.questionnaireTranslation).toHaveLength(6);
    for (const ins of INSTRUMENTS) {
      const source = { name: ins.name, instrumentVersion: "1", items: ins.items.map((i) => ({ id: i.id, text: i.text, options: i.options.map((o) => ({ value: o.value, label: String(o.label) })) })) };
      const ts = rows.questionnaireTranslation.filter((t) => t.instrumentId === (ins.code === "FWC7" ? "fwc7" : "safe5")).map((t) => translationFromStored({ language: t.language, instrumentVersion: t.instrumentVersion, strings: t.strings, reviewStatus: t.reviewStatus! })!);
      for (const r of translationCompleteness(source, ts)) {
        expect(r.missing, `${ins.code} ${r.language}`).toEqual([]);
        expect(r.share).toBe(1);
        expect(r.reviewStatus).toBe("machine_assisted_draft");
      }
    }
    expect(rows.questionnaireTranslation.every((t) => /qualified translator/.test(t.note ?? ""))).toBe(true);
  });
});
