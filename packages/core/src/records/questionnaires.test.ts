import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { instrumentFromStored, scoreChanges, scoreResponse, ZAnswers, ZInstrumentCreateInput, type Instrument } from "./questionnaires.js";

const opts = [0, 1, 2, 3].map((value) => ({ value, label: `v${value}` }));
const instrument: Instrument = {
  items: [
    { id: "q1", text: "I feel safe at home", options: opts, subscale: "safety" },
    { id: "q2", text: "I worry about my partner", options: opts, reverse: true, subscale: "safety" },
    { id: "q3", text: "I can ask for help", options: opts, subscale: "support" },
    { id: "q4", text: "My children are settled", options: opts, subscale: "support" },
  ],
  scoring: { method: "sum", higherIsBetter: true, maxMissing: 1, cutOffs: [{ label: "low", min: 0 }, { label: "high", min: 8 }] },
};

describe("scoring", () => {
  it("sums with reverse-scored items and subscales", () => {
    const r = scoreResponse(instrument, { q1: 3, q2: 0, q3: 2, q4: 1 });
    expect(r.score).toBe(9); // 3 + (3-0) + 2 + 1
    expect(r.subscores).toEqual({ safety: 6, support: 3 });
    expect(r.band).toBe("high");
    expect(r.missing).toEqual([]);
  });

  it("prorates up to maxMissing items and refuses more", () => {
    const r = scoreResponse(instrument, { q1: 3, q2: 3, q3: 3 });
    expect(r.score).toBe(8); // mean 2 × 4 items
    expect(r.missing).toEqual(["q4"]);
    expect(() => scoreResponse(instrument, { q1: 3, q2: 3 })).toThrow(DomainError);
  });

  it("takes means", () => {
    expect(scoreResponse({ ...instrument, scoring: { ...instrument.scoring, method: "mean" } }, { q1: 3, q2: 0, q3: 2, q4: 1 }).score).toBe(2.25);
  });

  it("refuses unknown items and values outside the options", () => {
    expect(() => scoreResponse(instrument, { q1: 3, q2: 0, q3: 2, q4: 7 })).toThrow(/options/);
    expect(() => scoreResponse(instrument, { q1: 3, q2: 0, q3: 2, q4: 1, q9: 1 })).toThrow(/not an item/);
    expect(ZAnswers.safeParse({ constructor: 1 }).success).toBe(false);
    const proto = ZAnswers.safeParse(JSON.parse('{"__proto__": 1}'));
    expect(proto.success ? Object.keys(proto.data) : []).toEqual([]);
  });

  it("validates instruments", () => {
    const base = { code: "SAFE4", name: "Safety", items: instrument.items, scoring: instrument.scoring };
    expect(ZInstrumentCreateInput.safeParse(base).success).toBe(true);
    expect(ZInstrumentCreateInput.safeParse({ ...base, items: [instrument.items[0], instrument.items[0]] }).success).toBe(false);
    expect(ZInstrumentCreateInput.safeParse({ ...base, scoring: { ...instrument.scoring, maxMissing: 4 } }).success).toBe(false);
  });
});

describe("change between time points", () => {
  const r = (id: string, personId: string, timePoint: "entry" | "interim" | "exit" | "follow_up", score: number | null, completedAt = "2025-01-01T00:00:00Z") => ({ id, personId, instrumentId: "i", timePoint, completedAt, score });
  it("compares each later time point with entry, in the instrument's direction", () => {
    const [c] = scoreChanges([r("a", "p", "entry", 4), r("b", "p", "exit", 9), r("c", "p", "interim", 6)], { i: true });
    expect(c!.points.map((p) => [p.timePoint, p.change, p.improved])).toEqual([["entry", null, null], ["interim", 2, true], ["exit", 5, true]]);
    expect(c!.overall).toEqual({ from: "entry", to: "exit", change: 5, improved: true });
    const [d] = scoreChanges([r("a", "p", "entry", 4), r("b", "p", "exit", 9)], { i: false });
    expect(d!.overall?.improved).toBe(false);
  });
  it("uses the latest response at a time point, and copes with no baseline", () => {
    const out = scoreChanges([r("a", "p", "entry", 4, "2025-01-01T00:00:00Z"), r("b", "p", "entry", 5, "2025-01-02T00:00:00Z"), r("c", "p", "exit", 6), r("d", "q", "exit", 3)], { i: true });
    expect(out.find((c) => c.personId === "p")!.baseline?.score).toBe(5);
    expect(out.find((c) => c.personId === "q")!.overall).toBeNull();
  });
});

describe("stored instruments", () => {
  it("reads the older form with reverseItems on the scoring rule", () => {
    const items = [{ id: "s1", text: "afraid", options: [0, 1, 2].map((value) => ({ value, label: String(value) })) }, { id: "s2", text: "safe", options: [0, 1, 2].map((value) => ({ value, label: String(value) })) }];
    const inst = instrumentFromStored(items, { method: "sum", min: 0, max: 4, higherIsBetter: true, reverseItems: ["s1"] });
    expect(scoreResponse(inst, { s1: 0, s2: 2 }).score).toBe(4);
    expect(() => instrumentFromStored("nonsense", {})).toThrow(DomainError);
  });
});
