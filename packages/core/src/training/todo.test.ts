import { describe, expect, it } from "vitest";
import { toDoCount } from "./todo.js";

describe("toDoCount", () => {
  it("counts required courses not done and modules to do even with nothing assigned (the finding: 0 items above 3 courses and 12 modules)", () => {
    const courses = [
      { courseId: "c1", mandatory: true, status: "never_completed" as const },
      { courseId: "c2", mandatory: true, status: "expired" as const },
      { courseId: "c3", mandatory: true, status: "never_completed" as const },
      { courseId: "c4", mandatory: true, status: "valid" as const },
      { courseId: "c5", mandatory: false, status: "never_completed" as const },
    ];
    const modules = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}` }));
    // 3 required courses not held + 12 modules = 15; one overdue (the expired course).
    expect(toDoCount({ assignments: [], courses, modules, modulesDone: [] })).toEqual({ total: 15, overdue: 1 });
  });

  it("counts an item assigned and required once, and leaves out what is done", () => {
    const r = toDoCount({
      assignments: [
        { kind: "course", itemId: "c1", state: "overdue" },
        { kind: "module", itemId: "m1", state: "due_soon" },
        { kind: "module", itemId: "m2", state: "done" },
        { kind: "course", itemId: "c9", state: "open" },
      ],
      courses: [{ courseId: "c1", mandatory: true, status: "never_completed" }],
      modules: [{ id: "m1" }, { id: "m2" }, { id: "m3" }],
      modulesDone: new Set(["m2", "m3"]),
    });
    // c1 (once, overdue), m1, c9 = 3; m2 and m3 done.
    expect(r).toEqual({ total: 3, overdue: 1 });
  });
});
