import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { COURSE_META_MARKER, ensureTrainingCatalogue, moveLegacyCourseMetaOnce } from "./seed.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const legacyDescription = `Old text.\n\n<!-- evident-course-meta {"deliveryMode":"e_learning","languages":["Polish"]} -->`;

describe("the course-marker clean-up runs once per database", () => {
  it("moves the old markers on the first start, records it, and is skipped on later starts", async () => {
    const p = t.testDb.db.prisma;
    await p.seedRun.deleteMany({ where: { id: COURSE_META_MARKER } });
    const first = await p.course.create({ data: { code: "LEGACY-1", title: "Legacy course one", description: legacyDescription } });
    expect(await moveLegacyCourseMetaOnce(p)).toBe(1);
    expect(await p.course.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ description: "Old text.", deliveryMode: "e_learning", languages: ["Polish"] });
    expect(await p.seedRun.findUnique({ where: { id: COURSE_META_MARKER } })).toMatchObject({ summary: { moved: 1 } });

    // A later start (a new process: the per-handle promise is not the guard) does not look again.
    const second = await p.course.create({ data: { code: "LEGACY-2", title: "Legacy course two", description: legacyDescription } });
    expect(await moveLegacyCourseMetaOnce(p)).toBeNull();
    await ensureTrainingCatalogue(p);
    expect((await p.course.findUniqueOrThrow({ where: { id: second.id } })).description).toBe(legacyDescription);
    expect(await p.seedRun.count({ where: { id: COURSE_META_MARKER } })).toBe(1);
  });
});
