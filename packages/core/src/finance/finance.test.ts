import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { chooseCostFigure, costPerHead, financeTotals, fyLabel, statedCost, unitCosts, yearsLabel, ZBudgetLineCreateInput, ZCostFigureChoice, type BudgetLine } from "./finance.js";

let n = 0;
const line = (p: Partial<BudgetLine>): BudgetLine => ({ id: `l${++n}`, fromYear: 2017, toYear: 2018, category: "staff", description: "x", fte: null, budgetPence: null, actualPence: null, ...p });

// The DAARR workstream as the report gives it: staff £425,368 and management £42,487 budgeted
// (logic model inputs, Figure 7), actual cost £501,597 over 2017-18 to 2018-19 (Table 23).
const daarr: BudgetLine[] = [
  line({ category: "staff", description: "Domestic Violence/Abuse Coordinator", fte: 1 }),
  line({ category: "staff", description: "Consultant Social Worker", fte: 0.5 }),
  line({ category: "staff", description: "Head of Service", fte: 0.25 }),
  line({ category: "staff", description: "Staff costs (posts above)", budgetPence: 42536800 }),
  line({ category: "management", description: "Project manager, officer, analyst", budgetPence: 4248700 }),
  line({ category: "reported_total", description: "Table 23", actualPence: 50159700 }),
];

describe("finance totals", () => {
  it("adds budgets, takes the reported total as the actual, and counts FTE", () => {
    const t = financeTotals(daarr);
    expect(t.budgetPence).toBe(46785500); // 425,368 + 42,487 = £467,855
    expect(t.actualPence).toBe(50159700);
    expect(t.actualFrom).toBe("reported_total");
    expect(t.fte).toBe(1.75);
    expect(t.byCategory.find((c) => c.category === "staff")).toMatchObject({ budgetPence: 42536800, fte: 1.75, lines: 4 });
    expect(t.byYears).toEqual([{ fromYear: 2017, toYear: 2018, label: "2017-18 to 2018-19", budgetPence: 46785500, actualPence: 50159700 }]);
  });

  it("adds line actuals when no total is reported, per period, and leaves straddling lines out of a year range", () => {
    const lines = [
      line({ fromYear: 2019, toYear: 2019, category: "venues", budgetPence: 120000, actualPence: 95050 }),
      line({ fromYear: 2019, toYear: 2019, category: "interpreters", budgetPence: 80000, actualPence: 99999 }),
      line({ fromYear: 2019, toYear: 2019, category: "childcare", budgetPence: 50000 }),
      line({ fromYear: 2018, toYear: 2019, category: "training", budgetPence: 700000, actualPence: 650000 }),
    ];
    const y19 = financeTotals(lines, { fromYear: 2019, toYear: 2019 });
    expect(y19.budgetPence).toBe(250000);
    expect(y19.actualPence).toBe(195049); // 950.50 + 999.99
    expect(y19.actualFrom).toBe("lines");
    expect(y19.straddling).toBe(1);
    expect(financeTotals(lines).budgetPence).toBe(950000);
    expect(financeTotals(lines).actualPence).toBe(845049);
    expect(financeTotals([line({ budgetPence: 100 })]).actualPence).toBeNull();
  });
});

describe("cost per participant", () => {
  it("divides in pence, rounding half up, and refuses to divide by nobody", () => {
    // £501,597 over the 78 children of the IFP cohort = £6,430.73
    expect(costPerHead(50159700, 78)).toBe(643073);
    // over 40 completers = £12,539.925 → £12,539.93
    expect(costPerHead(50159700, 40)).toBe(1253993);
    expect(costPerHead(50159700, 0)).toBeNull();
    expect(unitCosts(100000, 8, 5)).toEqual({ participants: 8, completed: 5, perParticipantPence: 12500, perCompletedPence: 20000 });
    expect(unitCosts(100000, 3, 0).perCompletedPence).toBeNull();
    expect(() => unitCosts(100000, 3, 4)).toThrow(DomainError);
  });
});

describe("the cost figure an analysis uses", () => {
  it("states the basis, the years and the total", () => {
    expect(chooseCostFigure(daarr, { basis: "actual" })).toEqual({ source: "actual", years: "all years (2017-18 to 2018-19)", pence: 50159700, pounds: 501597, label: "Actual cost, all years (2017-18 to 2018-19): £501,597" });
    const b = chooseCostFigure(daarr, { basis: "budget", fromYear: 2017, toYear: 2018 });
    expect(b).toMatchObject({ source: "budget", years: "2017-18 to 2018-19", pounds: 467855, label: "Budget, 2017-18 to 2018-19: £467,855" });
  });

  it("refuses a choice with nothing recorded, naming the field", () => {
    try {
      chooseCostFigure(daarr, { basis: "actual", fromYear: 2017, toYear: 2017 });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe("PRECONDITION_FAILED");
      expect((e as DomainError).message).toMatch(/No actual cost is recorded for 2017-18 \(6 line\(s\) span years/);
      expect((e as DomainError).issues[0]!.path).toEqual(["costFigure"]);
    }
  });

  it("states entered and recorded costs", () => {
    expect(statedCost("entered", 1234.5).label).toBe("Cost entered for this analysis: £1,234.50");
    expect(statedCost("recorded_costs", 909730)).toMatchObject({ pence: 90973000, label: "Recorded programme cost: £909,730" });
  });

  it("validates inputs", () => {
    expect(ZCostFigureChoice.safeParse({ basis: "budget", fromYear: 2019 }).success).toBe(false);
    expect(ZCostFigureChoice.safeParse({ basis: "budget", fromYear: 2019, toYear: 2018 }).success).toBe(false);
    expect(ZBudgetLineCreateInput.safeParse({ programmeId: "p", fromYear: 2019, toYear: 2019, category: "venues", description: "Hall" }).success).toBe(false);
    expect(ZBudgetLineCreateInput.safeParse({ programmeId: "p", fromYear: 2019, toYear: 2019, category: "venues", description: "Hall", budgetPence: 1.5 }).success).toBe(false);
    expect(ZBudgetLineCreateInput.safeParse({ programmeId: "p", fromYear: 2019, toYear: 2019, category: "venues", description: "Hall", budgetPence: 150 }).success).toBe(true);
    expect(fyLabel(2019)).toBe("2019-20");
    expect(fyLabel(2099)).toBe("2099-00");
    expect(yearsLabel(2017, 2018)).toBe("2017-18 to 2018-19");
  });
});
