import { describe, expect, it } from "vitest";
import { handoverAllows } from "./handover.js";

const lock = { personId: "p1", instrumentId: "i1" };

describe("handoverAllows", () => {
  it("allows only the participant's questionnaire, who-am-I and the unlock", () => {
    expect(handoverAllows(lock, "session.me", undefined)).toBe(true);
    expect(handoverAllows(lock, "session.handover.unlock", { password: "x" })).toBe(true);
    expect(handoverAllows(lock, "questionnaires.offer", { personId: "p1", instrumentId: "i1", language: "ar" })).toBe(true);
    expect(handoverAllows(lock, "questionnaires.responses.create", { personId: "p1", instrumentId: "i1", answers: {} })).toBe(true);
  });

  it("refuses every other procedure", () => {
    for (const path of ["families.list", "people.get", "people.contact.get", "questionnaires.responses.list", "session.handover.lock", "admin.users.list"]) {
      expect(handoverAllows(lock, path, { personId: "p1", instrumentId: "i1" }), path).toBe(false);
    }
  });

  it("refuses the questionnaire of another person or another questionnaire", () => {
    expect(handoverAllows(lock, "questionnaires.offer", { personId: "p2", instrumentId: "i1" })).toBe(false);
    expect(handoverAllows(lock, "questionnaires.responses.create", { personId: "p1", instrumentId: "i2" })).toBe(false);
    expect(handoverAllows(lock, "questionnaires.responses.create", undefined)).toBe(false);
  });
});
