import { describe, expect, it } from "vitest";
import { sameJson } from "./state-draft.js";

describe("sameJson", () => {
  it("compares objects whatever their key order, arrays in their order", () => {
    expect(sameJson({ b: true, a: false })).toBe(sameJson({ a: false, b: true }));
    expect(sameJson({ a: false, b: true })).toBe('{"a":false,"b":true}');
    expect(sameJson({ q: [{ y: 1, x: 2 }] })).toBe('{"q":[{"x":2,"y":1}]}');
    expect(sameJson([1, 2])).not.toBe(sameJson([2, 1]));
    expect(sameJson({ a: "x" })).not.toBe(sameJson({ a: "y" }));
    expect(sameJson("")).toBe('""');
  });
});
