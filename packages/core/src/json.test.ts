import { describe, expect, it } from "vitest";
import { canonicalJson } from "./json.js";

describe("canonicalJson", () => {
  it("ignores key order, undefined and the sign of zero", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, -0], c: undefined } })).toBe(canonicalJson({ a: { d: [1, 0] }, b: 1 }));
    expect(canonicalJson({ x: Number.POSITIVE_INFINITY })).toBe('{"x":null}');
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
    expect(canonicalJson({ a: 5205.3369863013695 }, 12)).toBe(canonicalJson({ a: 5205.33698630137 }, 12));
  });
});
