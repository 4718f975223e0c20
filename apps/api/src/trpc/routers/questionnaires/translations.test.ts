import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const options = [0, 1, 2].map((value) => ({ value, label: ["Never", "Sometimes", "Always"][value]! }));

describe("questionnaires in the participant's language", () => {
  it("translates, reports completeness, offers the person's language and scores the same in every language", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const instrument = await m.questionnaires.instruments.create({
      code: "TRANS2",
      name: "Safety check",
      items: [
        { id: "s1", text: "I feel afraid at home", options, reverse: true },
        { id: "s2", text: "I can keep my children safe", options },
      ],
      scoring: { method: "sum", higherIsBetter: true },
    });
    const admin = await t.as(t.fx.users.admin.id);
    const texts = { name: "فحص السلامة", "items.s1.text": "أشعر بالخوف في المنزل", "items.s1.options.0": "أبداً", "items.s1.options.1": "أحياناً", "items.s1.options.2": "دائماً", "items.s2.text": "أستطيع الحفاظ على سلامة أطفالي", "items.s2.options.0": "أبداً", "items.s2.options.1": "أحياناً" };
    const saved = await admin.questionnaires.translations.save({ instrumentId: instrument.id, language: "ar", texts });
    expect(saved).toMatchObject({ version: 1, instrumentVersion: "1", reviewStatus: "machine_assisted_draft" });
    expect(saved.completeness).toMatchObject({ total: 9, translated: 8, missing: [{ key: "items.s2.options.2", english: "Always" }] });
    // Creating it twice, a stale version and an unknown key are refused.
    expect((await outcome(admin.questionnaires.translations.save({ instrumentId: instrument.id, language: "ar", texts }))).code).toBe("CONFLICT");
    expect((await outcome(admin.questionnaires.translations.save({ instrumentId: instrument.id, language: "ar", version: 7, texts }))).code).toBe("CONFLICT");
    expect((await outcome(admin.questionnaires.translations.save({ instrumentId: instrument.id, language: "ar", version: 1, texts: { "items.s9.text": "x" } }))).code).toBe("BAD_REQUEST");
    expect((await outcome((await t.as(t.fx.users.practitioner.id)).questionnaires.translations.save({ instrumentId: instrument.id, language: "ar", texts }))).code).toBe("FORBIDDEN");

    const report = await admin.questionnaires.translations.completeness({ instrumentId: instrument.id });
    expect(report.instruments[0]!.languages.map((l) => [l.language, l.translated, l.total])).toEqual([["ar", 8, 9], ["ur", 0, 9], ["pl", 0, 9]]);
    expect(report.instruments[0]!.languages[0]!.reviewStatusLabel).toBe("Machine-assisted draft, to be checked by a qualified translator");
    expect(report.participantTexts.map((p) => p.language)).toEqual(["ar", "ur", "pl"]);

    // The victim's first language is Arabic: the Arabic version is offered, right to left.
    const p = t.testDb.db.prisma;
    await p.person.update({ where: { id: t.fx.people.victim }, data: { firstLanguage: "Arabic", interpreterNeeded: false } });
    const c = await t.as(t.fx.users.practitioner.id);
    const offer = await c.questionnaires.offer({ personId: t.fx.people.victim, instrumentId: instrument.id });
    expect(offer.choice).toMatchObject({ language: "ar", interpreter: false, fallback: false });
    expect(offer.localised.dir).toBe("rtl");
    expect(offer.localised.items[1]!.options[2]!.label).toEqual({ text: "Always", lang: "en", fallback: true });
    expect(offer.texts.submit).toMatchObject({ text: "إنهاء", lang: "ar", dir: "rtl" });

    // The same answers score the same whichever language they were given in.
    const answers = { s1: 0, s2: 2 };
    const inArabic = await c.questionnaires.responses.create({ personId: t.fx.people.victim, instrumentId: instrument.id, timePoint: "entry", completedAt: "2025-04-03T10:00:00Z", answers, language: "ar" });
    const inEnglish = await c.questionnaires.responses.create({ personId: t.fx.people.victim, instrumentId: instrument.id, timePoint: "exit", completedAt: "2025-06-03T10:00:00Z", answers });
    expect(inArabic.score).toBe(4); // (2-0) + 2
    expect(inEnglish.score).toBe(4);
    expect([inArabic.language, inEnglish.language]).toEqual(["ar", "en"]);

    // A new instrument version marks the translation out of date: English is offered with an interpreter.
    const latest = await m.questionnaires.instruments.get({ id: instrument.id });
    await m.questionnaires.instruments.update({ id: instrument.id, version: latest.version, patch: { instrumentVersion: "2" } });
    expect((await admin.questionnaires.translations.completeness({ instrumentId: instrument.id })).instruments[0]!.languages[0]!.instrumentOutOfDate).toBe(true);
    const again = await c.questionnaires.offer({ personId: t.fx.people.victim, instrumentId: instrument.id });
    expect(again.choice).toMatchObject({ language: "en", interpreter: true, fallback: true });
    // The worker may still choose Arabic; out-of-date strings are shown in English, marked.
    expect((await c.questionnaires.offer({ personId: t.fx.people.victim, instrumentId: instrument.id, language: "ar" })).localised).toMatchObject({ language: "ar", outOfDate: true });

    // Another team's person is not found; the offer is audited.
    expect((await outcome(c.questionnaires.offer({ personId: t.fx.people.otherChild, instrumentId: instrument.id }))).code).toBe("NOT_FOUND");
    expect(await p.auditLog.count({ where: { action: "questionnaires.offer", personIds: { has: t.fx.people.victim } } })).toBe(3);
  });
});
