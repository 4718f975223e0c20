import { describe, expect, it } from "vitest";
import { prerequisiteCycle } from "./prerequisites.js";

describe("prerequisiteCycle", () => {
  const graph = new Map<string, string[]>([
    ["ttt", ["ifp", "men"]],
    ["ifp", []],
    ["men", []],
    ["vada", ["fam"]],
    ["fam", []],
  ]);

  it("accepts prerequisites that do not lead back", () => {
    expect(prerequisiteCycle("vada", ["fam", "ifp"], graph)).toBeNull();
    expect(prerequisiteCycle("new", ["ttt"], graph)).toBeNull();
  });

  it("finds a direct and an indirect cycle with its path", () => {
    expect(prerequisiteCycle("ifp", ["ttt"], graph)).toEqual(["ifp", "ttt", "ifp"]);
    expect(prerequisiteCycle("ttt", ["ttt"], graph)).toEqual(["ttt", "ttt"]);
    const g = new Map(graph).set("fam", ["men"]).set("men", ["vada"]);
    expect(prerequisiteCycle("vada", ["fam"], g)).toEqual(["vada", "fam", "men", "vada"]);
  });
});
